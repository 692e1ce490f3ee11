package dev.tern.mqtt.codec;

/**
 * Topic Names and Topic Filters (4.7). Both are non-empty [MQTT-4.7.3-1], well-formed UTF-8
 * without U+0000 [MQTT-4.7.3-2], at most 65535 bytes [MQTT-4.7.3-3]. A Topic Name has no
 * wildcard [MQTT-4.7.1-1]. In a Topic Filter '#' is last and alone in its level [MQTT-4.7.1-2]
 * and '+' is alone in its level [MQTT-4.7.1-3]:
 *
 * <pre>
 *   valid filters     #   +   sport/#   +/tennis/#   sport/+/player1   /   //
 *   invalid filters   sport/tennis#   sport/#/ranking   sport+   +x   #/
 * </pre>
 *
 * The wildcards and '/' are ASCII, so they never occur inside a multi-byte UTF-8 sequence and
 * the bytes can be scanned directly.
 */
public final class TopicRules {

    public static final byte LEVEL_SEPARATOR = '/';
    public static final byte SINGLE_LEVEL_WILDCARD = '+';
    public static final byte MULTI_LEVEL_WILDCARD = '#';

    private TopicRules() {
    }

    /** Checks a Topic Name (PUBLISH, Will Topic): {@link CodecStatus#OK} or the violation. */
    public static int checkName(byte[] src, int offset, int length) {
        int status = checkCommon(src, offset, length);
        if (CodecStatus.OK != status) {
            return status;
        }
        for (int i = offset; i < offset + length; i++) {
            if (SINGLE_LEVEL_WILDCARD == src[i] || MULTI_LEVEL_WILDCARD == src[i]) {
                return CodecStatus.WILDCARD_IN_TOPIC_NAME;
            }
        }
        return CodecStatus.OK;
    }

    /** Checks a Topic Filter (SUBSCRIBE, UNSUBSCRIBE): {@link CodecStatus#OK} or the violation. */
    public static int checkFilter(byte[] src, int offset, int length) {
        int status = checkCommon(src, offset, length);
        if (CodecStatus.OK != status) {
            return status;
        }
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = src[i];
            boolean levelStart = i == offset || LEVEL_SEPARATOR == src[i - 1];
            if (MULTI_LEVEL_WILDCARD == b) {
                if (!levelStart || i != end - 1) {
                    return CodecStatus.MISPLACED_MULTI_LEVEL_WILDCARD;
                }
            } else if (SINGLE_LEVEL_WILDCARD == b) {
                boolean levelEnd = i == end - 1 || LEVEL_SEPARATOR == src[i + 1];
                if (!levelStart || !levelEnd) {
                    return CodecStatus.MISPLACED_SINGLE_LEVEL_WILDCARD;
                }
            }
        }
        return CodecStatus.OK;
    }

    private static int checkCommon(byte[] src, int offset, int length) {
        if (length <= 0) {
            return 0 == length ? CodecStatus.EMPTY_TOPIC : CodecStatus.VALUE_OUT_OF_RANGE;
        }
        if (length > Uint16.MAX_VALUE) {
            return CodecStatus.FIELD_TOO_LONG;
        }
        return Utf8.check(src, offset, length);
    }
}
