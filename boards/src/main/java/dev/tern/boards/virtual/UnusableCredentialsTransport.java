package dev.tern.boards.virtual;

import dev.tern.app.CredentialsRegion;
import dev.tern.hal.FailureReason;
import dev.tern.hal.Transport;

/**
 * The transport of a TLS board whose credentials region is blank or unusable: it never opens a
 * socket, and says why ({@code CREDENTIALS_BAD_CRC}, {@code CREDENTIALS_BLANK}, ...), so the
 * firmware's line reads {@code cannot connect to HOST:PORT (TRANSPORT_FAILED: CREDENTIALS_BAD_CRC)}.
 */
final class UnusableCredentialsTransport implements Transport, FailureReason {

    /** A region that read OK but whose certificates or key the TLS stack cannot parse. */
    static final int UNPARSEABLE = -339;

    private final int status;

    /** {@code status}: a {@link CredentialsRegion} status other than OK, or {@link #UNPARSEABLE}. */
    UnusableCredentialsTransport(final int status) {
        this.status = status;
    }

    @Override
    public int connect() {
        return FAILED;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) {
        return FAILED;
    }

    @Override
    public int write(final byte[] buffer, final int offset, final int length) {
        return FAILED;
    }

    @Override
    public void close() {
        // nothing was opened
    }

    @Override
    public int lastFailure() {
        return status;
    }

    @Override
    public String failureName(final int failure) {
        return "CREDENTIALS_" + (UNPARSEABLE == failure ? "UNPARSEABLE" : CredentialsRegion.name(failure));
    }
}
