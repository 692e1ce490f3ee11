package dev.tern.mqtt.codec;

/**
 * Decodes one Control Packet, MQTT 3.1.1 or MQTT 5 as configured, from the start of a receive
 * buffer that may hold only part of it.
 * Stateless apart from the configured maximum packet size: call {@link #decode} again after more
 * bytes arrived; it answers {@link CodecStatus#NEED_MORE_BYTES} until the packet is complete.
 *
 * <p>The checks run as early as the bytes allow: the first byte (type, flags, QoS, DUP), then the
 * Remaining Length (at most four bytes, minimal, within the maximum packet size, the only value
 * fixed-size packets allow), and only then, with the whole packet present, its fields.
 */
public final class PacketDecoder {

    private final int maxPacketSize;
    private final int protocolLevel;

    /** An MQTT 3.1.1 decoder; see {@link #PacketDecoder(int, int)}. */
    public PacketDecoder(int maxPacketSize) {
        this(maxPacketSize, ProtocolLevel.V3_1_1);
    }

    /**
     * @param maxPacketSize the largest whole packet (fixed header included) accepted, at least 2
     * @param protocolLevel {@link ProtocolLevel#V3_1_1} or {@link ProtocolLevel#V5}: the packets are read as that version
     */
    public PacketDecoder(int maxPacketSize, int protocolLevel) {
        if (maxPacketSize < FixedHeader.MIN_SIZE) {
            throw new IllegalArgumentException("maxPacketSize must be at least 2");
        }
        if (!ProtocolLevel.isSupported(protocolLevel)) {
            throw new IllegalArgumentException("protocolLevel=" + protocolLevel);
        }
        this.maxPacketSize = maxPacketSize;
        this.protocolLevel = protocolLevel;
    }

    public int protocolLevel() {
        return protocolLevel;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    /**
     * Decodes the packet at {@code src[offset .. offset + available)} into {@code out}.
     *
     * @return the packet's total length (bytes to consume, at least 2) when it is complete and
     *     valid; {@link CodecStatus#NEED_MORE_BYTES}; or the violation found
     */
    public int decode(byte[] src, int offset, int available, DecodedPacket out) {
        out.clear(src, offset);
        if (available < 1) {
            return CodecStatus.NEED_MORE_BYTES;
        }
        int firstByte = src[offset] & 0xFF;
        out.protocolVersion = protocolLevel;
        int status = FixedHeader.check(firstByte, protocolLevel);
        if (CodecStatus.OK != status) {
            return status;
        }
        out.type = FixedHeader.type(firstByte);
        out.flags = FixedHeader.flags(firstByte);
        int remainingLength = RemainingLength.read(src, offset + 1, available - 1);
        if (CodecStatus.NEED_MORE_BYTES == remainingLength) {
            return tooLargeAlready(available - 1) ? CodecStatus.CODEC_PACKET_TOO_LARGE : CodecStatus.NEED_MORE_BYTES;
        }
        if (remainingLength < 0) {
            return remainingLength;
        }
        int totalLength = FixedHeader.packetSize(remainingLength);
        if (totalLength > maxPacketSize) {
            return CodecStatus.CODEC_PACKET_TOO_LARGE;
        }
        boolean v5 = ProtocolLevel.V5 == protocolLevel;
        int fixed = v5 ? PacketType.fixedRemainingLength5(out.type) : PacketType.fixedRemainingLength(out.type);
        if (fixed >= 0 && fixed != remainingLength) {
            return CodecStatus.INVALID_REMAINING_LENGTH;
        }
        out.remainingLength = remainingLength;
        out.totalLength = totalLength;
        if (available < totalLength) {
            return CodecStatus.NEED_MORE_BYTES;
        }
        int body = offset + totalLength - remainingLength;
        status = v5 ? decodeBody5(src, body, remainingLength, out) : decodeBody(src, body, remainingLength, out);
        return CodecStatus.OK == status ? totalLength : status;
    }

    /** With {@code lengthBytesSeen} continuation bytes read, even the smallest packet is too big. */
    private boolean tooLargeAlready(int lengthBytesSeen) {
        if (lengthBytesSeen < 1 || lengthBytesSeen >= RemainingLength.MAX_BYTES) {
            return false;
        }
        long smallest = 1L + (lengthBytesSeen + 1) + RemainingLength.minimumValue(lengthBytesSeen);
        return smallest > maxPacketSize;
    }

    private static int decodeBody(byte[] src, int body, int remainingLength, DecodedPacket out) {
        switch (out.type) {
            case PacketType.CONNECT:
                return ConnectCodec.decodeBody(src, body, remainingLength, ProtocolLevel.V3_1_1, out);
            case PacketType.CONNACK:
                return ConnackCodec.decodeBody(src, body, out);
            case PacketType.PUBLISH:
                return PublishCodec.decodeBody(src, body, remainingLength, out);
            case PacketType.PUBACK:
            case PacketType.PUBREC:
            case PacketType.PUBREL:
            case PacketType.PUBCOMP:
            case PacketType.UNSUBACK:
                return AckCodec.decodeBody(src, body, out);
            case PacketType.SUBSCRIBE:
            case PacketType.UNSUBSCRIBE:
                return SubscribeCodec.decodeBody(src, body, remainingLength, out);
            case PacketType.SUBACK:
                return SubackCodec.decodeBody(src, body, remainingLength, out);
            default:
                // PINGREQ, PINGRESP, DISCONNECT: Remaining Length 0 was checked from the header
                return CodecStatus.OK;
        }
    }

    private static int decodeBody5(byte[] src, int body, int remainingLength, DecodedPacket out) {
        switch (out.type) {
            case PacketType.CONNECT:
                return ConnectCodec.decodeBody(src, body, remainingLength, ProtocolLevel.V5, out);
            case PacketType.CONNACK:
                return ConnackCodec.decodeBody5(src, body, remainingLength, out);
            case PacketType.PUBLISH:
                return PublishCodec.decodeBody(src, body, remainingLength, ProtocolLevel.V5, out);
            case PacketType.PUBACK:
            case PacketType.PUBREC:
            case PacketType.PUBREL:
            case PacketType.PUBCOMP:
                return AckCodec.decodeBody5(src, body, remainingLength, out);
            case PacketType.SUBSCRIBE:
            case PacketType.UNSUBSCRIBE:
                return SubscribeCodec.decodeBody(src, body, remainingLength, ProtocolLevel.V5, out);
            case PacketType.SUBACK:
            case PacketType.UNSUBACK:
                return SubackCodec.decodeBody5(src, body, remainingLength, out);
            case PacketType.DISCONNECT:
            case PacketType.AUTH:
                return DisconnectCodec.decodeBody5(src, body, remainingLength, out);
            default:
                // PINGREQ, PINGRESP: Remaining Length 0 was checked from the header
                return CodecStatus.OK;
        }
    }
}
