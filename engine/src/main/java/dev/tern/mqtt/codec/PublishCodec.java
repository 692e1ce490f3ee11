package dev.tern.mqtt.codec;

/**
 * PUBLISH (3.3):
 *
 * <pre>
 *   byte 0        0011 DUP QoS(2) RETAIN   QoS 3 refused [MQTT-3.3.1-4]; DUP 0 at QoS 0 [MQTT-3.3.1-2]
 *   byte 1..4     Remaining Length
 *   +0, +1        Topic Name length        non-empty, no wildcard [MQTT-3.3.2-2], UTF-8 [MQTT-3.3.2-1]
 *   +2 ..         Topic Name
 *   next 2 bytes  Packet Identifier        only at QoS 1 and 2 [MQTT-2.3.1-5], 1..65535 [MQTT-2.3.1-1]
 *   rest          payload                  any bytes, possibly none
 * </pre>
 *
 * MQTT 5 (3.3.2) puts a Property Length and Properties after the Packet Identifier (or the Topic
 * Name at QoS 0), before the payload; the Topic Name may then be empty when a Topic Alias
 * property stands for it (3.3.2.3.4).
 */
public final class PublishCodec {

    private PublishCodec() {
    }

    /** Remaining Length of a PUBLISH with these sizes (a long: it may exceed what fits). */
    public static long remainingLength(int topicLength, int payloadLength, int qos) {
        return (long) Uint16.SIZE + topicLength + (qos > 0 ? Uint16.SIZE : 0) + payloadLength;
    }

    /**
     * Writes a PUBLISH into {@code dst[offset .. offset + capacity)}; nothing is written on failure.
     * {@code packetId} is ignored at QoS 0.
     *
     * @return the packet size, or {@link CodecStatus#CODEC_INVALID_QOS}, {@link CodecStatus#DUP_WITH_QOS_0},
     *     {@link CodecStatus#CODEC_INVALID_PACKET_ID}, a Topic Name status (see {@link TopicRules#checkName}),
     *     {@link CodecStatus#REMAINING_LENGTH_TOO_LARGE}, {@link CodecStatus#INSUFFICIENT_CAPACITY}
     */
    public static int encode(byte[] dst, int offset, int capacity, int qos, boolean dup, boolean retain, int packetId,
            byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength) {
        return encode(dst, offset, capacity, ProtocolLevel.V3_1_1, qos, dup, retain, packetId, topic, topicOffset,
                topicLength, null, 0, 0, payload, payloadOffset, payloadLength);
    }

    /**
     * Writes an MQTT 5 PUBLISH with the properties {@code properties[propertiesOffset .. +
     * propertiesLength)} (built with {@link PropertyWriter}, context PUBLISH). An empty Topic Name
     * needs a Topic Alias among them.
     *
     * @return as {@link #encode}, and a property violation or
     *     {@link CodecStatus#TOPIC_NAME_AND_ALIAS_MISSING}
     */
    public static int encode5(byte[] dst, int offset, int capacity, int qos, boolean dup, boolean retain, int packetId,
            byte[] topic, int topicOffset, int topicLength, byte[] properties, int propertiesOffset, int propertiesLength,
            byte[] payload, int payloadOffset, int payloadLength) {
        return encode(dst, offset, capacity, ProtocolLevel.V5, qos, dup, retain, packetId, topic, topicOffset,
                topicLength, properties, propertiesOffset, propertiesLength, payload, payloadOffset, payloadLength);
    }

    private static int encode(byte[] dst, int offset, int capacity, int level, int qos, boolean dup, boolean retain,
            int packetId, byte[] topic, int topicOffset, int topicLength, byte[] properties, int propertiesOffset,
            int propertiesLength, byte[] payload, int payloadOffset, int payloadLength) {
        if (qos < 0 || qos > 2) {
            return CodecStatus.CODEC_INVALID_QOS;
        }
        if (dup && 0 == qos) {
            return CodecStatus.DUP_WITH_QOS_0;
        }
        if (qos > 0 && (packetId < 1 || packetId > Uint16.MAX_VALUE)) {
            return CodecStatus.CODEC_INVALID_PACKET_ID;
        }
        if (payloadLength < 0) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        boolean v5 = ProtocolLevel.V5 == level;
        int status = v5 ? Properties.checkBlock(properties, propertiesOffset, propertiesLength, PacketType.PUBLISH)
                : CodecStatus.OK;
        if (CodecStatus.OK == status) {
            status = checkTopic(v5, topic, topicOffset, topicLength, properties, propertiesOffset, propertiesLength);
        }
        if (CodecStatus.OK != status) {
            return status;
        }
        long remainingLength = remainingLength(topicLength, payloadLength, qos)
                + (v5 ? Properties.encodedSize(propertiesLength) : 0);
        int size = FixedHeader.sizeWithin(dst, offset, capacity, remainingLength);
        if (size < 0) {
            return size;
        }
        int flags = (dup ? FixedHeader.DUP_FLAG : 0) | (qos << FixedHeader.QOS_SHIFT) | (retain ? FixedHeader.RETAIN_FLAG : 0);
        int position = offset + FixedHeader.write(dst, offset, PacketType.PUBLISH, flags, (int) remainingLength);
        position = Uint16.writePrefixed(dst, position, topic, topicOffset, topicLength);
        if (qos > 0) {
            position = Uint16.write(dst, position, packetId);
        }
        if (v5) {
            position = Properties.write(dst, position, properties, propertiesOffset, propertiesLength);
        }
        System.arraycopy(payload, payloadOffset, dst, position, payloadLength);
        return size;
    }

    /** A Topic Name; in MQTT 5 an empty one when the properties carry a Topic Alias. */
    private static int checkTopic(boolean v5, byte[] topic, int topicOffset, int topicLength,
            byte[] properties, int propertiesOffset, int propertiesLength) {
        if (v5 && 0 == topicLength) {
            return Properties.contains(properties, propertiesOffset, propertiesLength, PropertyId.TOPIC_ALIAS)
                    ? CodecStatus.OK : CodecStatus.TOPIC_NAME_AND_ALIAS_MISSING;
        }
        return TopicRules.checkName(topic, topicOffset, topicLength);
    }

    /**
     * Sets DUP on an encoded QoS 1 or 2 PUBLISH in place, for a re-send [MQTT-3.3.1-1]; returns
     * {@link CodecStatus#OK}, or {@link CodecStatus#DUP_WITH_QOS_0} / {@link CodecStatus#VALUE_OUT_OF_RANGE}
     * (not a PUBLISH) and changes nothing.
     */
    public static int markDuplicate(byte[] packet, int offset) {
        int firstByte = packet[offset] & 0xFF;
        if (PacketType.PUBLISH != FixedHeader.type(firstByte)) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        if (0 == (firstByte & FixedHeader.QOS_MASK)) {
            return CodecStatus.DUP_WITH_QOS_0;
        }
        packet[offset] = (byte) (firstByte | FixedHeader.DUP_FLAG);
        return CodecStatus.OK;
    }

    static int decodeBody(byte[] src, int body, int remainingLength, DecodedPacket out) {
        return decodeBody(src, body, remainingLength, ProtocolLevel.V3_1_1, out);
    }

    static int decodeBody(byte[] src, int body, int remainingLength, int level, DecodedPacket out) {
        int qos = (out.flags & FixedHeader.QOS_MASK) >>> FixedHeader.QOS_SHIFT;
        int end = body + remainingLength;
        if (remainingLength < Uint16.SIZE) {
            return CodecStatus.INVALID_REMAINING_LENGTH;
        }
        int topicLength = Uint16.read(src, body);
        int position = body + Uint16.SIZE + topicLength;
        if (position > end) {
            return CodecStatus.FIELD_EXCEEDS_PACKET;
        }
        boolean v5 = ProtocolLevel.V5 == level;
        int status = v5 && 0 == topicLength ? CodecStatus.OK : TopicRules.checkName(src, body + Uint16.SIZE, topicLength);
        if (CodecStatus.OK != status) {
            return status;
        }
        if (qos > 0) {
            if (position + Uint16.SIZE > end) {
                return CodecStatus.INVALID_REMAINING_LENGTH;
            }
            out.packetId = Uint16.read(src, position);
            if (0 == out.packetId) {
                return CodecStatus.CODEC_INVALID_PACKET_ID;
            }
            position += Uint16.SIZE;
        }
        if (v5) {
            position = Properties.decode(src, position, end, PacketType.PUBLISH, out);
            if (position < 0) {
                return position;
            }
            if (0 == topicLength && !Properties.contains(src, out.propertiesOffset, out.propertiesLength, PropertyId.TOPIC_ALIAS)) {
                return CodecStatus.TOPIC_NAME_AND_ALIAS_MISSING;
            }
        }
        out.qos = qos;
        out.dup = 0 != (out.flags & FixedHeader.DUP_FLAG);
        out.retain = 0 != (out.flags & FixedHeader.RETAIN_FLAG);
        out.topicOffset = body + Uint16.SIZE;
        out.topicLength = topicLength;
        out.payloadOffset = position;
        out.payloadLength = end - position;
        return CodecStatus.OK;
    }
}
