package dev.tern.mqtt.codec;

/**
 * SUBSCRIBE (3.8) and UNSUBSCRIBE (3.10): a Packet Identifier and a list of Topic Filters, each
 * followed by a Requested QoS byte in SUBSCRIBE only.
 *
 * <pre>
 *   byte 0        0x82 (SUBSCRIBE) / 0xA2 (UNSUBSCRIBE)   flags 0010 [MQTT-3.8.1-1] [MQTT-3.10.1-1]
 *   byte 1..4     Remaining Length
 *   +0, +1        Packet Identifier                       1..65535 [MQTT-2.3.1-1]
 *   then, at least once [MQTT-3.8.3-3] [MQTT-3.10.3-2]:
 *     2 bytes     Topic Filter length
 *     n bytes     Topic Filter                            4.7 rules, UTF-8 [MQTT-3.8.3-1]
 *     1 byte      Requested QoS (SUBSCRIBE only)          000000qq, qq 0..2 [MQTT-3-8.3-4]
 * </pre>
 *
 * Encoders take the filters as (offset, length) pairs into one source buffer, so a caller can
 * keep its subscription table in a single byte array.
 */
public final class SubscribeCodec {

    public static final int PACKET_ID_SIZE = Uint16.SIZE;
    private static final int REQUESTED_QOS_RESERVED_MASK = 0xFC;

    private SubscribeCodec() {
    }

    /**
     * Writes a SUBSCRIBE of filters {@code 0 .. count - 1}: filter i is
     * {@code filters[filterOffsets[i] .. + filterLengths[i])} with QoS {@code requestedQos[i]}.
     *
     * @return the packet size, or {@link CodecStatus#NO_TOPIC_FILTER}, {@link CodecStatus#CODEC_INVALID_PACKET_ID},
     *     {@link CodecStatus#INVALID_REQUESTED_QOS}, a Topic Filter status (see {@link TopicRules#checkFilter}),
     *     {@link CodecStatus#INSUFFICIENT_CAPACITY}
     */
    public static int encodeSubscribe(byte[] dst, int offset, int capacity, int packetId,
            byte[] filters, int[] filterOffsets, int[] filterLengths, int[] requestedQos, int count) {
        return encode(dst, offset, capacity, PacketType.SUBSCRIBE, packetId, filters, filterOffsets, filterLengths,
                requestedQos, count);
    }

    /** Writes an UNSUBSCRIBE; as {@link #encodeSubscribe} without the Requested QoS. */
    public static int encodeUnsubscribe(byte[] dst, int offset, int capacity, int packetId,
            byte[] filters, int[] filterOffsets, int[] filterLengths, int count) {
        return encode(dst, offset, capacity, PacketType.UNSUBSCRIBE, packetId, filters, filterOffsets, filterLengths,
                null, count);
    }

    private static int encode(byte[] dst, int offset, int capacity, int type, int packetId,
            byte[] filters, int[] filterOffsets, int[] filterLengths, int[] requestedQos, int count) {
        if (count < 1) {
            return 0 == count ? CodecStatus.NO_TOPIC_FILTER : CodecStatus.VALUE_OUT_OF_RANGE;
        }
        if (packetId < 1 || packetId > Uint16.MAX_VALUE) {
            return CodecStatus.CODEC_INVALID_PACKET_ID;
        }
        int perFilter = Uint16.SIZE + (null == requestedQos ? 0 : 1);
        long remainingLength = PACKET_ID_SIZE;
        for (int i = 0; i < count; i++) {
            int status = TopicRules.checkFilter(filters, filterOffsets[i], filterLengths[i]);
            if (CodecStatus.OK != status) {
                return status;
            }
            if (null != requestedQos && (requestedQos[i] < 0 || requestedQos[i] > 2)) {
                return CodecStatus.INVALID_REQUESTED_QOS;
            }
            remainingLength += perFilter + filterLengths[i];
        }
        int size = FixedHeader.sizeWithin(dst, offset, capacity, remainingLength);
        if (size < 0) {
            return size;
        }
        int position = offset + FixedHeader.write(dst, offset, type, PacketType.FLAGS_0010, (int) remainingLength);
        position = Uint16.write(dst, position, packetId);
        for (int i = 0; i < count; i++) {
            position = Uint16.writePrefixed(dst, position, filters, filterOffsets[i], filterLengths[i]);
            if (null != requestedQos) {
                dst[position++] = (byte) requestedQos[i];
            }
        }
        return size;
    }

    /** Validates every filter and sets the packet id and the filter list of {@code out}. */
    static int decodeBody(byte[] src, int body, int remainingLength, DecodedPacket out) {
        boolean subscribe = PacketType.SUBSCRIBE == out.type;
        if (remainingLength < PACKET_ID_SIZE) {
            return CodecStatus.INVALID_REMAINING_LENGTH;
        }
        int packetId = Uint16.read(src, body);
        if (0 == packetId) {
            return CodecStatus.CODEC_INVALID_PACKET_ID;
        }
        int end = body + remainingLength;
        int position = body + PACKET_ID_SIZE;
        if (position == end) {
            return CodecStatus.NO_TOPIC_FILTER;
        }
        int count = 0;
        while (position < end) {
            if (position + Uint16.SIZE > end) {
                return CodecStatus.INVALID_REMAINING_LENGTH;
            }
            int length = Uint16.read(src, position);
            int filter = position + Uint16.SIZE;
            position = filter + length;
            if (position > end) {
                return CodecStatus.FIELD_EXCEEDS_PACKET;
            }
            if (subscribe && position++ == end) {
                return CodecStatus.INVALID_REMAINING_LENGTH; // the Requested QoS byte is missing
            }
            int status = TopicRules.checkFilter(src, filter, length);
            if (CodecStatus.OK != status) {
                return status;
            }
            if (subscribe && isInvalidRequestedQos(src[position - 1] & 0xFF)) {
                return CodecStatus.INVALID_REQUESTED_QOS;
            }
            count++;
        }
        out.packetId = packetId;
        out.filtersOffset = body + PACKET_ID_SIZE;
        out.filtersEnd = end;
        out.filterCount = count;
        out.rewindFilters();
        return CodecStatus.OK;
    }

    private static boolean isInvalidRequestedQos(int requestedQos) {
        return 0 != (requestedQos & REQUESTED_QOS_RESERVED_MASK) || requestedQos > 2;
    }
}
