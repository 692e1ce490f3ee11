package dev.tern.proxy;

import java.util.Optional;

/**
 * Finds TLS record boundaries in a byte stream (RFC 8446 section 5.1: content type, a 2-byte legacy
 * version, a 2-byte length, then that many bytes). Enough for the proxy to lose or pass whole
 * records of a stream it cannot read.
 */
final class TlsRecords {

    static final int HEADER_LENGTH = 5;

    private TlsRecords() {
    }

    /** Length of the whole record starting at {@code offset}, or empty when more bytes are needed. */
    static Optional<Integer> recordLength(byte[] buffer, int offset, int available) {
        if (available < HEADER_LENGTH) {
            return Optional.empty();
        }
        int length = (buffer[offset + 3] & 0xFF) << 8 | (buffer[offset + 4] & 0xFF);
        return Optional.of(HEADER_LENGTH + length);
    }
}
