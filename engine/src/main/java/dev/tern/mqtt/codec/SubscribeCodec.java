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
 * MQTT 5 (3.8.2, 3.10.2) puts a Property Length and Properties after the Packet Identifier
 * (SUBSCRIBE: one Subscription Identifier, User Properties; UNSUBSCRIBE: User Properties), and
 * the byte after each SUBSCRIBE filter is its Subscription Options (3.8.3.1):
 *
 * <pre>
 *   bits 7-6   reserved, 0 [MQTT-3.8.3-5]
 *   bits 5-4   Retain Handling 0..2 (3 is a Protocol Error)
 *   bit 3      Retain As Published
 *   bit 2      No Local (not on a Shared Subscription, $share/... [MQTT-3.8.3-4])
 *   bits 1-0   Maximum QoS 0..2
 * </pre>
 *
 * Encoders take the filters as (offset, length) pairs into one source buffer, so a caller can
 * keep its subscription table in a single byte array.
 */
public final class SubscribeCodec {

    public static final int PACKET_ID_SIZE = Uint16.SIZE;
    private static final int REQUESTED_QOS_RESERVED_MASK = 0xFC;

    public static final int OPTIONS_QOS_MASK = 0x03;
    public static final int NO_LOCAL = 0x04;
    public static final int RETAIN_AS_PUBLISHED = 0x08;
    public static final int RETAIN_HANDLING_MASK = 0x30;
    public static final int RETAIN_HANDLING_SHIFT = 4;
    private static final int OPTIONS_RESERVED_MASK = 0xC0;
    private static final byte[] SHARED_PREFIX = {'$', 's', 'h', 'a', 'r', 'e', '/'};

    /** Subscription Options for {@code maximumQos} 0..2, No Local, Retain As Published and Retain Handling 0..2. */
    public static int options(int maximumQos, boolean noLocal, boolean retainAsPublished, int retainHandling) {
        return maximumQos | (noLocal ? NO_LOCAL : 0) | (retainAsPublished ? RETAIN_AS_PUBLISHED : 0)
                | (retainHandling << RETAIN_HANDLING_SHIFT);
    }

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

    /**
     * Writes an MQTT 5 SUBSCRIBE: as {@link #encodeSubscribe}, with Subscription Options
     * ({@link #options}) per filter and the given properties (context SUBSCRIBE).
     *
     * @return as {@link #encodeSubscribe}, and {@link CodecStatus#SUBSCRIPTION_OPTIONS_RESERVED_BITS},
     *     {@link CodecStatus#INVALID_RETAIN_HANDLING}, {@link CodecStatus#NO_LOCAL_ON_SHARED_SUBSCRIPTION}
     *     or a property violation
     */
    public static int encodeSubscribe5(byte[] dst, int offset, int capacity, int packetId,
            byte[] properties, int propertiesOffset, int propertiesLength,
            byte[] filters, int[] filterOffsets, int[] filterLengths, int[] options, int count) {
        int status = Properties.checkBlock(properties, propertiesOffset, propertiesLength, PacketType.SUBSCRIBE);
        if (CodecStatus.OK != status) {
            return status;
        }
        return encode(dst, offset, capacity, PacketType.SUBSCRIBE, ProtocolLevel.V5, packetId, properties,
                propertiesOffset, propertiesLength, filters, filterOffsets, filterLengths, options, count);
    }

    /** Writes an MQTT 5 UNSUBSCRIBE with the given properties (context UNSUBSCRIBE). */
    public static int encodeUnsubscribe5(byte[] dst, int offset, int capacity, int packetId,
            byte[] properties, int propertiesOffset, int propertiesLength,
            byte[] filters, int[] filterOffsets, int[] filterLengths, int count) {
        int status = Properties.checkBlock(properties, propertiesOffset, propertiesLength, PacketType.UNSUBSCRIBE);
        if (CodecStatus.OK != status) {
            return status;
        }
        return encode(dst, offset, capacity, PacketType.UNSUBSCRIBE, ProtocolLevel.V5, packetId, properties,
                propertiesOffset, propertiesLength, filters, filterOffsets, filterLengths, null, count);
    }

    private static int encode(byte[] dst, int offset, int capacity, int type, int packetId,
            byte[] filters, int[] filterOffsets, int[] filterLengths, int[] requestedQos, int count) {
        return encode(dst, offset, capacity, type, ProtocolLevel.V3_1_1, packetId, null, 0, 0, filters, filterOffsets,
                filterLengths, requestedQos, count);
    }

    private static int encode(byte[] dst, int offset, int capacity, int type, int level, int packetId,
            byte[] properties, int propertiesOffset, int propertiesLength,
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
            if (null != requestedQos) {
                status = checkOptions(level, requestedQos[i], filters, filterOffsets[i], filterLengths[i]);
                if (CodecStatus.OK != status) {
                    return status;
                }
            }
            remainingLength += perFilter + filterLengths[i];
        }
        boolean v5 = ProtocolLevel.V5 == level;
        if (v5) {
            remainingLength += Properties.encodedSize(propertiesLength);
        }
        int size = FixedHeader.sizeWithin(dst, offset, capacity, remainingLength);
        if (size < 0) {
            return size;
        }
        int position = offset + FixedHeader.write(dst, offset, type, PacketType.FLAGS_0010, (int) remainingLength);
        position = Uint16.write(dst, position, packetId);
        if (v5) {
            position = Properties.write(dst, position, properties, propertiesOffset, propertiesLength);
        }
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
        return decodeBody(src, body, remainingLength, ProtocolLevel.V3_1_1, out);
    }

    static int decodeBody(byte[] src, int body, int remainingLength, int level, DecodedPacket out) {
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
        if (ProtocolLevel.V5 == level) {
            position = Properties.decode(src, position, end, out.type, out);
            if (position < 0) {
                return position;
            }
        }
        int filtersOffset = position;
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
            if (subscribe) {
                status = checkOptions(level, src[position - 1] & 0xFF, src, filter, length);
                if (CodecStatus.OK != status) {
                    return status;
                }
            }
            count++;
        }
        out.packetId = packetId;
        out.filtersOffset = filtersOffset;
        out.filtersEnd = end;
        out.filterCount = count;
        out.rewindFilters();
        return CodecStatus.OK;
    }

    /** 3.1.1: a Requested QoS byte; MQTT 5: a Subscription Options byte for the filter it follows. */
    private static int checkOptions(int level, int options, byte[] filter, int filterOffset, int filterLength) {
        if (ProtocolLevel.V5 != level) {
            return 0 != (options & REQUESTED_QOS_RESERVED_MASK) || options > 2 ? CodecStatus.INVALID_REQUESTED_QOS
                    : CodecStatus.OK;
        }
        if (0 != (options & OPTIONS_RESERVED_MASK)) {
            return CodecStatus.SUBSCRIPTION_OPTIONS_RESERVED_BITS;
        }
        if (OPTIONS_QOS_MASK == (options & OPTIONS_QOS_MASK)) {
            return CodecStatus.INVALID_REQUESTED_QOS;
        }
        if (RETAIN_HANDLING_MASK == (options & RETAIN_HANDLING_MASK)) {
            return CodecStatus.INVALID_RETAIN_HANDLING;
        }
        if (0 != (options & NO_LOCAL) && isShared(filter, filterOffset, filterLength)) {
            return CodecStatus.NO_LOCAL_ON_SHARED_SUBSCRIPTION;
        }
        return CodecStatus.OK;
    }

    private static boolean isShared(byte[] filter, int offset, int length) {
        if (length < SHARED_PREFIX.length) {
            return false;
        }
        for (int i = 0; i < SHARED_PREFIX.length; i++) {
            if (SHARED_PREFIX[i] != filter[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
