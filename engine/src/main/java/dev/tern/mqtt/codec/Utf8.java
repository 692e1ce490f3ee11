package dev.tern.mqtt.codec;

/**
 * Well-formed UTF-8 as MQTT requires it (1.5.3, RFC 3629 section 4): no surrogates
 * [MQTT-1.5.3-1], no U+0000 [MQTT-1.5.3-2], no overlong forms, nothing above U+10FFFF, no cut
 * sequences. Control characters and non-characters are allowed (a receiver MAY refuse them; this
 * codec does not). U+FEFF is an ordinary character [MQTT-1.5.3-3].
 *
 * <pre>
 *   first byte   second byte   then            code points
 *   00           -             -               U+0000: refused
 *   01..7F       -             -               U+0001..U+007F
 *   C0..C1       -             -               overlong
 *   C2..DF       80..BF        -               U+0080..U+07FF
 *   E0           A0..BF        80..BF          U+0800..U+0FFF (E0 80..9F: overlong)
 *   E1..EC       80..BF        80..BF          U+1000..U+CFFF
 *   ED           80..9F        80..BF          U+D000..U+D7FF (ED A0..BF: surrogates)
 *   EE..EF       80..BF        80..BF          U+E000..U+FFFF
 *   F0           90..BF        80..BF x2       U+10000..U+3FFFF (F0 80..8F: overlong)
 *   F1..F3       80..BF        80..BF x2       U+40000..U+FFFFF
 *   F4           80..8F        80..BF x2       U+100000..U+10FFFF (F4 90..: too large)
 *   80..BF, F5..FF                             ill-formed as a first byte
 * </pre>
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Checks {@code src[offset .. offset + length)}; {@link CodecStatus#OK} or a UTF8_* status. */
    public static int check(byte[] src, int offset, int length) {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int b0 = src[position] & 0xFF;
            if (b0 < 0x80) {
                if (0 == b0) {
                    return CodecStatus.UTF8_NULL_CHARACTER;
                }
                position++;
                continue;
            }
            int count;
            int low = 0x80;
            int high = 0xBF;
            if (b0 < 0xC0 || b0 > 0xF4) {
                return CodecStatus.UTF8_ILL_FORMED;
            } else if (b0 < 0xC2) {
                return CodecStatus.UTF8_OVERLONG;
            } else if (b0 < 0xE0) {
                count = 1;
            } else if (b0 < 0xF0) {
                count = 2;
                if (0xE0 == b0) {
                    low = 0xA0;
                } else if (0xED == b0) {
                    high = 0x9F;
                }
            } else {
                count = 3;
                if (0xF0 == b0) {
                    low = 0x90;
                } else if (0xF4 == b0) {
                    high = 0x8F;
                }
            }
            int status = checkContinuation(src, position + 1, end, count, b0, low, high);
            if (CodecStatus.OK != status) {
                return status;
            }
            position += 1 + count;
        }
        return CodecStatus.OK;
    }

    /** Checks the {@code count} bytes after a first byte; the second one must be in low..high. */
    private static int checkContinuation(byte[] src, int position, int end, int count, int b0, int low, int high) {
        for (int i = 0; i < count; i++) {
            if (position + i >= end) {
                return CodecStatus.UTF8_TRUNCATED;
            }
            int b = src[position + i] & 0xFF;
            if (b < 0x80 || b > 0xBF) {
                return CodecStatus.UTF8_TRUNCATED;
            }
            if (0 == i && (b < low || b > high)) {
                return secondByteStatus(b0);
            }
        }
        return CodecStatus.OK;
    }

    private static int secondByteStatus(int b0) {
        if (0xED == b0) {
            return CodecStatus.UTF8_SURROGATE;
        }
        if (0xF4 == b0) {
            return CodecStatus.UTF8_ILL_FORMED;
        }
        return CodecStatus.UTF8_OVERLONG;
    }
}
