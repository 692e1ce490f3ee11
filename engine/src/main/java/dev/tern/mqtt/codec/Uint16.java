package dev.tern.mqtt.codec;

/** Two-byte big-endian integers: Packet Identifier, Keep Alive, string length prefixes (1.5.2). */
public final class Uint16 {

    public static final int SIZE = 2;
    public static final int MAX_VALUE = 0xFFFF;

    private Uint16() {
    }

    public static int read(byte[] src, int offset) {
        return ((src[offset] & 0xFF) << 8) | (src[offset + 1] & 0xFF);
    }

    /** Writes {@code value} (0..65535) at {@code offset}; returns the offset after it. */
    public static int write(byte[] dst, int offset, int value) {
        dst[offset] = (byte) (value >>> 8);
        dst[offset + 1] = (byte) value;
        return offset + SIZE;
    }

    /** Writes a length-prefixed field (1.5.3 Figure 1.1); returns the offset after it. */
    public static int writePrefixed(byte[] dst, int offset, byte[] src, int srcOffset, int length) {
        int position = write(dst, offset, length);
        System.arraycopy(src, srcOffset, dst, position, length);
        return position + length;
    }
}
