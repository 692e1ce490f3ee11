package dev.tern.app;

/**
 * Writes and reads ASCII text in caller-owned byte buffers without allocating: numbers in
 * decimal, fixed-point values, strings copied one char at a time. Every {@code put*} returns the
 * new end position and stops at {@code limit}, so a full buffer truncates rather than throws.
 */
public final class Ascii {

    /** What {@link #parseInt} returns for text that is not a decimal int. */
    public static final long NOT_A_NUMBER = Long.MIN_VALUE;

    private Ascii() {
    }

    /** The bytes of an ASCII string; for constants made at start-up. */
    public static byte[] bytes(String text) {
        byte[] result = new byte[text.length()];
        for (int i = 0; i < result.length; i++) {
            result[i] = (byte) text.charAt(i);
        }
        return result;
    }

    public static int putString(byte[] buffer, int position, int limit, String text) {
        for (int i = 0; i < text.length() && position < limit; i++) {
            buffer[position++] = (byte) text.charAt(i);
        }
        return position;
    }

    public static int putBytes(byte[] buffer, int position, int limit, byte[] source, int offset, int length) {
        int n = Math.min(length, limit - position);
        if (n > 0) {
            System.arraycopy(source, offset, buffer, position, n);
            return position + n;
        }
        return position;
    }

    public static int putByte(byte[] buffer, int position, int limit, int value) {
        if (position < limit) {
            buffer[position++] = (byte) value;
        }
        return position;
    }

    /** A long in decimal, with a leading '-' when negative. */
    public static int putLong(byte[] buffer, int position, int limit, long value) {
        if (value < 0) {
            position = putByte(buffer, position, limit, '-');
            if (Long.MIN_VALUE == value) {
                return putString(buffer, position, limit, "9223372036854775808");
            }
            value = -value;
        }
        int start = position;
        do {
            if (position == limit) {
                break;
            }
            buffer[position++] = (byte) ('0' + (int) (value % 10));
            value /= 10;
        } while (value > 0);
        for (int i = start, j = position - 1; i < j; i++, j--) {
            byte swap = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = swap;
        }
        return position;
    }

    /** {@code value / 10^decimals} with exactly {@code decimals} digits after the point: 2315, 2 gives "23.15". */
    public static int putFixed(byte[] buffer, int position, int limit, long value, int decimals) {
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        if (value < 0) {
            position = putByte(buffer, position, limit, '-');
            value = -value;
        }
        position = putLong(buffer, position, limit, value / scale);
        if (decimals > 0) {
            position = putByte(buffer, position, limit, '.');
            long fraction = value % scale;
            for (long digit = scale / 10; digit > 0; digit /= 10) {
                position = putByte(buffer, position, limit, '0' + (int) (fraction / digit % 10));
            }
        }
        return position;
    }

    /** Whether {@code length} bytes at {@code offset} are exactly {@code expected}. */
    public static boolean equals(byte[] buffer, int offset, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (buffer[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the bytes at {@code offset} begin with {@code prefix}. */
    public static boolean startsWith(byte[] buffer, int offset, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A decimal int (optional '-') from bytes, or {@link #NOT_A_NUMBER}. */
    public static long parseInt(byte[] buffer, int offset, int length) {
        if (length <= 0 || length > 11) {
            return NOT_A_NUMBER;
        }
        int i = offset;
        int end = offset + length;
        boolean negative = '-' == buffer[i];
        if (negative) {
            i++;
            if (i == end) {
                return NOT_A_NUMBER;
            }
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_A_NUMBER;
            }
            value = value * 10 + digit;
        }
        value = negative ? -value : value;
        return value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? NOT_A_NUMBER : value;
    }

    /** A decimal int from a string, or {@link #NOT_A_NUMBER}; for start-up code. */
    public static long parseInt(String text) {
        byte[] buffer = new byte[Math.min(text.length(), 12)];
        for (int i = 0; i < buffer.length; i++) {
            char c = text.charAt(i);
            buffer[i] = c < 128 ? (byte) c : (byte) '?';
        }
        return text.length() > 12 ? NOT_A_NUMBER : parseInt(buffer, 0, buffer.length);
    }

    /** A decimal 0..4294967295 (an MQTT Four Byte Integer) from a string, or {@link #NOT_A_NUMBER}; for start-up code. */
    public static long parseUnsigned32(String text) {
        if (0 == text.length() || text.length() > 10) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return NOT_A_NUMBER;
            }
            value = value * 10 + digit;
        }
        return value > 0xFFFFFFFFL ? NOT_A_NUMBER : value;
    }
}
