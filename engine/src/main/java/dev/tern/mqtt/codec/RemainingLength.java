package dev.tern.mqtt.codec;

/**
 * The Remaining Length of the fixed header (2.2.3): one to four bytes, seven bits each, least
 * significant group first, bit 7 set on every byte but the last.
 *
 * <pre>
 *   value        bytes
 *   0            0x00
 *   127          0x7F
 *   128          0x80 0x01
 *   16383        0xFF 0x7F
 *   16384        0x80 0x80 0x01
 *   2097151      0xFF 0xFF 0x7F
 *   2097152      0x80 0x80 0x80 0x01
 *   268435455    0xFF 0xFF 0xFF 0x7F
 * </pre>
 *
 * A value must use the fewest bytes: a last byte of 0x00 after a continuation byte is refused.
 * MQTT 5 calls this encoding a Variable Byte Integer (1.5.5) and also uses it for the Property
 * Length and the Subscription Identifier: {@link #readWithin} reads those inside a packet body.
 */
public final class RemainingLength {

    /** The largest value four bytes carry: 268,435,455 (256 MB - 1). */
    public static final int MAX_VALUE = 268435455;
    public static final int MAX_BYTES = 4;

    private static final int CONTINUATION_BIT = 0x80;
    private static final int VALUE_MASK = 0x7F;

    private RemainingLength() {
    }

    /** Bytes the minimal encoding of {@code value} takes (1..4); {@code value} must be 0..MAX_VALUE. */
    public static int size(int value) {
        if (value < 128) {
            return 1;
        }
        if (value < 16384) {
            return 2;
        }
        if (value < 2097152) {
            return 3;
        }
        return 4;
    }

    /** Writes the minimal encoding of {@code value} at {@code offset}; returns the bytes written. */
    public static int write(byte[] dst, int offset, int value) {
        int remaining = value;
        int position = offset;
        do {
            int digit = remaining & VALUE_MASK;
            remaining >>>= 7;
            if (remaining > 0) {
                digit |= CONTINUATION_BIT;
            }
            dst[position++] = (byte) digit;
        } while (remaining > 0);
        return position - offset;
    }

    /**
     * Reads a Remaining Length from {@code src[offset .. offset + available)}: the value (0 or
     * more; its size is {@link #size(int)} because only minimal encodings are accepted),
     * {@link CodecStatus#NEED_MORE_BYTES}, {@link CodecStatus#MALFORMED_REMAINING_LENGTH} or
     * {@link CodecStatus#NON_MINIMAL_REMAINING_LENGTH}.
     */
    public static int read(byte[] src, int offset, int available) {
        int value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (i >= available) {
                return CodecStatus.NEED_MORE_BYTES;
            }
            int b = src[offset + i] & 0xFF;
            value |= (b & VALUE_MASK) << (7 * i);
            if (0 == (b & CONTINUATION_BIT)) {
                if (0 == b && i > 0) {
                    return CodecStatus.NON_MINIMAL_REMAINING_LENGTH;
                }
                return value;
            }
        }
        return CodecStatus.MALFORMED_REMAINING_LENGTH;
    }

    /**
     * Reads a Variable Byte Integer that must end before {@code end} (inside a complete packet):
     * its value, or {@link CodecStatus#MALFORMED_VARIABLE_BYTE_INTEGER} when it is cut by
     * {@code end}, longer than four bytes or not minimal [MQTT-1.5.5-1]. Its size is
     * {@link #size(int)} of the value.
     */
    public static int readWithin(byte[] src, int offset, int end) {
        int value = read(src, offset, end - offset);
        return value < 0 ? CodecStatus.MALFORMED_VARIABLE_BYTE_INTEGER : value;
    }

    /**
     * The smallest Remaining Length a partial encoding already implies: with {@code bytesSeen}
     * continuation bytes read, a minimal encoding is at least 128^bytesSeen. Lets the decoder
     * refuse an oversized packet before its length is complete.
     */
    static int minimumValue(int bytesSeen) {
        return 1 << (7 * bytesSeen);
    }
}
