package dev.tern.app;

import dev.tern.hal.Board;

/**
 * The credentials job of the sensor application: at boot, the board's credentials region read and
 * checked ({@link CredentialsRegion}), and the console line that says what it holds: counts and
 * sizes, never a byte of the key (its place in the line says {@code [redacted]}).
 */
final class CredentialsLoader {

    private static final char[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    /** Bytes of the broker pin shown: enough to tell two pins apart, as key fingerprints are shown. */
    private static final int PIN_BYTES_SHOWN = 8;

    private final CredentialsRegion region = new CredentialsRegion();

    /** Reads the board's credentials region: its status ({@link CredentialsRegion#OK}, BLANK or a failure). */
    int load(Board board) {
        return region.read(board.credentials());
    }

    /** The region as read; its pieces are there only when {@link #usable()}. */
    CredentialsRegion region() {
        return region;
    }

    /** A TLS connection may be made: at least a CA to verify the broker with. */
    boolean usable() {
        return CredentialsRegion.OK == region.status();
    }

    /** One console line: what the region holds, that it is blank, or why it cannot be used. */
    void report(Log log) {
        int status = region.status();
        if (CredentialsRegion.OK == status) {
            log.line(Log.INFO, "tls", describe());
        } else if (CredentialsRegion.BLANK == status) {
            log.line(Log.INFO, "tls", "credentials region blank: no CA, no device certificate"
                    + " (install them with tern flash --ca FILE --device-cert FILE --device-key FILE)");
        } else {
            log.line(Log.ERROR, "tls", "credentials region unusable (" + CredentialsRegion.name(status)
                    + "): no TLS connection will be made; install them again with tern flash --ca FILE"
                    + " --device-cert FILE --device-key FILE");
        }
    }

    private String describe() {
        StringBuilder line = new StringBuilder("credentials OK: ");
        line.append(region.caCount()).append(region.caCount() == 1 ? " CA certificate (" : " CA certificates (");
        int caBytes = 0;
        for (int i = 0; i < region.caCount(); i++) {
            caBytes += region.caLength(i);
        }
        line.append(caBytes).append(" B)");
        if (region.chainCount() > 0) {
            int chainBytes = 0;
            for (int i = 0; i < region.chainCount(); i++) {
                chainBytes += region.chainLength(i);
            }
            line.append(", device chain of ").append(region.chainCount()).append(" (").append(chainBytes)
                    .append(" B), device key [redacted]");
        } else {
            line.append(", no device certificate");
        }
        if (region.hasBrokerPin()) {
            line.append(", broker pin sha256:");
            byte[] bytes = region.bytes();
            for (int i = 0; i < PIN_BYTES_SHOWN; i++) {
                int b = bytes[region.pinOffset() + i] & 0xFF;
                line.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
            }
            line.append("...");
        }
        return line.toString();
    }
}
