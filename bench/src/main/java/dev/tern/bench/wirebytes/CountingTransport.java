package dev.tern.bench.wirebytes;

import dev.tern.hal.Transport;

/**
 * A {@link Transport} that counts the bytes the engine writes and reads through another one, and
 * keeps the Protocol Version byte of the first packet written (the CONNECT): what the engine
 * really spoke, whatever it was configured to.
 *
 * <pre>
 * CONNECT: 0x10 | remaining length (1..4 bytes) | 0x00 0x04 'M' 'Q' 'T' 'T' | protocol version | ...
 * </pre>
 */
final class CountingTransport implements Transport {

    private static final int HEAD_BYTES = 16;

    private final Transport inner;
    private final byte[] head = new byte[HEAD_BYTES];
    private int headLength;
    private long written;
    private long read;

    CountingTransport(Transport inner) {
        this.inner = inner;
    }

    @Override
    public int connect() {
        return inner.connect();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        int n = inner.read(buffer, offset, length);
        if (n > 0) {
            read += n;
        }
        return n;
    }

    @Override
    public int write(byte[] buffer, int offset, int length) {
        int n = inner.write(buffer, offset, length);
        if (n > 0) {
            int keep = Math.min(n, HEAD_BYTES - headLength);
            System.arraycopy(buffer, offset, head, headLength, keep);
            headLength += keep;
            written += n;
        }
        return n;
    }

    @Override
    public void close() {
        inner.close();
    }

    long written() {
        return written;
    }

    long read() {
        return read;
    }

    /** The CONNECT's protocol version byte (4: 3.1.1, 5: MQTT 5), or -1 before a CONNECT was written. */
    int connectVersion() {
        if (headLength < 2 || 0x10 != (head[0] & 0xFF)) {
            return -1;
        }
        int at = 1;
        while (at < headLength && (head[at] & 0x80) != 0) {
            at++; // the remaining length's continuation bytes
        }
        int version = at + 1 + 6; // after the last length byte: 2-byte length and "MQTT"
        return version < headLength ? head[version] & 0xFF : -1;
    }
}
