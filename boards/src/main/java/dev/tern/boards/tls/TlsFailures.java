package dev.tern.boards.tls;

import javax.net.ssl.SSLException;

/**
 * Turns an SSLEngine failure that the board's {@link BrokerTrust} did not already explain into a
 * {@link TlsStatus}. The JDK reports an alert from the broker only in the exception's message
 * ("Received fatal alert: unknown_ca"), so the alert names (RFC 8446 section 6) are looked for there.
 */
final class TlsFailures {

    private TlsFailures() {
    }

    /** The status for {@code failure}, thrown before ({@code inHandshake}) or after the handshake finished. */
    static int classify(SSLException failure, boolean inHandshake) {
        String text = messages(failure);
        if (text.contains("protocol_version") || text.contains("protocol version")) {
            return TlsStatus.TLS_PROTOCOL_VERSION;
        }
        if (text.contains("alert: bad_certificate") || text.contains("alert: unknown_ca")
                || text.contains("alert: certificate_required") || text.contains("alert: certificate_unknown")
                || text.contains("alert: unsupported_certificate") || text.contains("alert: access_denied")
                || text.contains("alert: certificate_expired") || text.contains("alert: certificate_revoked")) {
            return TlsStatus.TLS_DEVICE_REJECTED;
        }
        if (text.contains("bad_record_mac") || text.contains("Tag mismatch") || text.contains("record_overflow")) {
            return TlsStatus.TLS_BAD_RECORD;
        }
        return inHandshake ? TlsStatus.TLS_HANDSHAKE_FAILED : TlsStatus.TLS_BAD_RECORD;
    }

    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            text.append(cause.getMessage()).append(" | ");
        }
        return text.toString();
    }
}
