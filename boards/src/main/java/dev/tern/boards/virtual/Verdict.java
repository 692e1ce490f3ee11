package dev.tern.boards.virtual;

import dev.tern.boards.image.ImageVersion;
import java.util.Objects;

/**
 * What an {@link ImageCheck} found: an accepted image (version, where its payload is in the
 * slot, and how it was verified, e.g. {@code ed25519, key 3f2a9c01}) or a refusal with its reason
 * (e.g. {@code signature does not verify}). The board prints either on the console.
 */
public final class Verdict {

    private final boolean ok;
    private final ImageVersion version;
    private final int payloadOffset;
    private final int payloadLength;
    private final String detail;

    private Verdict(final boolean ok, final ImageVersion version, final int payloadOffset, final int payloadLength, final String detail) {
        this.ok = ok;
        this.version = version;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /**
     * A verified image.
     *
     * @param how how it was verified, printed in brackets: {@code ed25519, key 3f2a9c01}
     */
    public static Verdict accepted(final ImageVersion version, final int payloadOffset, final int payloadLength, final String how) {
        if (payloadOffset < 0 || payloadLength <= 0) {
            throw new IllegalArgumentException("payloadOffset=" + payloadOffset + ", payloadLength=" + payloadLength);
        }
        return new Verdict(true, Objects.requireNonNull(version, "version"), payloadOffset, payloadLength, how);
    }

    /** A refused image: {@code reason} says why, in words a user can act on. */
    public static Verdict refused(final String reason) {
        return new Verdict(false, null, 0, 0, reason);
    }

    public boolean ok() {
        return ok;
    }

    /** The image's version; only for an accepted image. */
    public ImageVersion version() {
        requireOk();
        return version;
    }

    /** Where the payload (the firmware jar) starts in the slot; only for an accepted image. */
    public int payloadOffset() {
        requireOk();
        return payloadOffset;
    }

    public int payloadLength() {
        requireOk();
        return payloadLength;
    }

    /** For an accepted image how it was verified, for a refused one why it was refused. */
    public String detail() {
        return detail;
    }

    private void requireOk() {
        if (!ok) {
            throw new IllegalStateException("the image was refused: " + detail);
        }
    }

    @Override
    public String toString() {
        return ok ? "accepted " + version + " (" + detail + ")" : "refused: " + detail;
    }
}
