package dev.tern.mqtt.codec;

import dev.tern.mqtt.AllocationMeter;

/**
 * Encodes and decodes every packet type, MQTT 3.1.1 and MQTT 5 (with properties), some split and some malformed, with buffers allocated
 * once in the constructor: the steady state the allocation tests measure. Plain Java 7 code, no
 * lambdas or boxing, so the test measures the codec and not itself.
 */
final class CodecWorkload implements AllocationMeter.Work {

    private final byte[] wire = new byte[256];
    private final byte[] strings = "tern1 t/w bye u pw sensors/temp 21.5C a/+ #".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private final byte[] returnCodes = {0x01, (byte) 0x80};
    private final byte[] malformed = {(byte) 0x30, 0x05, 0x00, 0x03, 'a', '/', '#'};
    private final int[] filterOffsets = {38, 42};
    private final int[] filterLengths = {3, 1};
    private final int[] requestedQos = {1, 2};
    private final ConnectParameters connect = new ConnectParameters();
    private final PacketDecoder decoder = new PacketDecoder(wire.length);
    private final DecodedPacket packet = new DecodedPacket();
    // MQTT 5: properties built, validated and read in place
    private final PacketDecoder decoder5 = new PacketDecoder(wire.length, ProtocolLevel.V5);
    private final PropertyWriter writer = new PropertyWriter();
    private final Properties properties = new Properties();
    private final byte[] block = new byte[64];
    private final byte[] willBlock = new byte[32];
    private final byte[] reasonCodes5 = {0x01, (byte) 0x97};
    private final int[] options = {SubscribeCodec.options(1, true, true, 2), 2};
    private final ConnectParameters connect5 = new ConnectParameters();
    private final byte[] stored = new byte[64]; // a full-topic PUBLISH as the outgoing table keeps it
    private final byte[] malformed5 = {(byte) 0x40, 0x05, 0x00, 0x01, 0x00, 0x02, 0x23}; // PUBACK with a truncated property

    CodecWorkload() {
        connect.clientId(strings, 0, 5);
        connect.keepAliveSeconds(60);
        connect.will(strings, 6, 3, strings, 10, 3, 1, true);
        connect.userName(strings, 14, 1);
        connect.password(strings, 16, 2);
        connect5.protocolLevel(ProtocolLevel.V5);
        connect5.clientId(strings, 0, 5);
        connect5.will(strings, 6, 3, strings, 10, 3, 1, false);
    }

    /** Runs {@code iterations} rounds; returns a checksum so nothing is optimised away. */
    @Override
    public long run(int iterations) {
        long sum = 0;
        for (int i = 0; i < iterations; i++) {
            int id = 1 + (i & 0x7FFF);
            sum += roundTrip(PublishCodec.encode(wire, 0, wire.length, 1 + (i & 1), false, false, id,
                    strings, 19, 12, strings, 32, 5));
            sum += PublishCodec.markDuplicate(wire, 0);
            sum += roundTrip(PublishCodec.encode(wire, 0, wire.length, 0, false, true, 0, strings, 19, 12, strings, 32, 5));
            sum += roundTrip(AckCodec.encodePuback(wire, 0, wire.length, id));
            sum += roundTrip(AckCodec.encodePubrec(wire, 0, wire.length, id));
            sum += roundTrip(AckCodec.encodePubrel(wire, 0, wire.length, id));
            sum += roundTrip(AckCodec.encodePubcomp(wire, 0, wire.length, id));
            sum += roundTrip(SubscribeCodec.encodeSubscribe(wire, 0, wire.length, id, strings, filterOffsets,
                    filterLengths, requestedQos, 2));
            packet.rewindFilters();
            while (packet.nextFilter()) {
                sum += packet.filterOffset() + packet.filterQos();
            }
            sum += roundTrip(SubackCodec.encode(wire, 0, wire.length, id, returnCodes, 0, 2));
            sum += packet.returnCode(1);
            sum += roundTrip(SubscribeCodec.encodeUnsubscribe(wire, 0, wire.length, id, strings, filterOffsets,
                    filterLengths, 2));
            sum += roundTrip(AckCodec.encodeUnsuback(wire, 0, wire.length, id));
            sum += roundTrip(ConnectCodec.encode(wire, 0, wire.length, connect));
            sum += roundTrip(ConnackCodec.encode(wire, 0, wire.length, true, ConnackCodec.ACCEPTED));
            sum += roundTrip(EmptyPacketCodec.encodePingreq(wire, 0, wire.length));
            sum += roundTrip(EmptyPacketCodec.encodePingresp(wire, 0, wire.length));
            sum += roundTrip(EmptyPacketCodec.encodeDisconnect(wire, 0, wire.length));
            // the failure paths: a short buffer, a partial packet, a malformed one, and the log names
            sum += PublishCodec.encode(wire, 0, 4, 1, false, false, id, strings, 19, 12, strings, 32, 5);
            sum += decoder.decode(wire, 0, 1, packet);
            sum += decoder.decode(malformed, 0, malformed.length, packet);
            sum += CodecStatus.name(CodecStatus.WILDCARD_IN_TOPIC_NAME).length();
            sum += PacketType.name(PacketType.PUBREC).length();
            sum += runV5(id);
        }
        return sum;
    }

    /** One round of every MQTT 5 packet, with properties written by the writer and read back in place. */
    private long runV5(int id) {
        long sum = 0;
        writer.wrap(block, 0, block.length, PacketType.CONNECT);
        writer.addInt32(PropertyId.SESSION_EXPIRY_INTERVAL, 3600);
        writer.addInt16(PropertyId.RECEIVE_MAXIMUM, 20);
        writer.addInt32(PropertyId.MAXIMUM_PACKET_SIZE, wire.length);
        writer.addUserProperty(strings, 14, 1, 16, 2);
        connect5.properties(block, 0, writer.length());
        writer.wrap(willBlock, 0, willBlock.length, PropertyId.WILL_CONTEXT);
        writer.addInt32(PropertyId.WILL_DELAY_INTERVAL, 5);
        connect5.willProperties(willBlock, 0, writer.length());
        sum += roundTrip5(ConnectCodec.encode(wire, 0, wire.length, connect5));
        properties.wrap(packet);
        while (properties.next()) {
            sum += properties.id() + properties.longValue();
        }
        writer.wrap(block, 0, block.length, PacketType.CONNACK);
        writer.addInt16(PropertyId.RECEIVE_MAXIMUM, 10);
        writer.addByte(PropertyId.MAXIMUM_QOS, 1);
        writer.addBytes(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, strings, 0, 5);
        sum += roundTrip5(ConnackCodec.encode5(wire, 0, wire.length, false, ReasonCode.SUCCESS, block, 0, writer.length()));
        properties.wrap(packet);
        sum += properties.find(PropertyId.RECEIVE_MAXIMUM) ? properties.intValue() : 0;
        writer.wrap(block, 0, block.length, PacketType.PUBLISH);
        writer.addInt16(PropertyId.TOPIC_ALIAS, 1);
        writer.addInt32(PropertyId.MESSAGE_EXPIRY_INTERVAL, 60);
        sum += roundTrip5(PublishCodec.encode5(wire, 0, wire.length, 1 + (id & 1), false, false, id,
                strings, 19, 12, block, 0, writer.length(), strings, 32, 5));
        sum += roundTrip5(PublishCodec.encode5(wire, 0, wire.length, 0, false, false, 0,
                strings, 19, 0, block, 0, writer.length(), strings, 32, 5));
        writer.wrap(block, 0, block.length, PacketType.PUBLISH);
        writer.addInt32(PropertyId.MESSAGE_EXPIRY_INTERVAL, 60);
        int storedLength = PublishCodec.encode5(stored, 0, stored.length, 1, true, false, id,
                strings, 19, 12, block, 0, writer.length(), strings, 32, 5);
        sum += roundTrip5(AliasedPublish.encode(wire, 0, wire.length, stored, 0, storedLength, 3, true));
        sum += roundTrip5(AliasedPublish.encode(wire, 0, wire.length, stored, 0, storedLength, 3, false));
        sum += AliasedPublish.encode(wire, 0, 8, stored, 0, storedLength, 3, false);
        sum += roundTrip5(AckCodec.encode5(wire, 0, wire.length, PacketType.PUBACK, id, ReasonCode.SUCCESS, null, 0, 0));
        writer.wrap(block, 0, block.length, PacketType.PUBREC);
        writer.addBytes(PropertyId.REASON_STRING, strings, 10, 3);
        sum += roundTrip5(AckCodec.encode5(wire, 0, wire.length, PacketType.PUBREC, id, ReasonCode.QUOTA_EXCEEDED,
                block, 0, writer.length()));
        sum += roundTrip5(AckCodec.encode5(wire, 0, wire.length, PacketType.PUBREL, id, ReasonCode.SUCCESS, null, 0, 0));
        sum += roundTrip5(AckCodec.encode5(wire, 0, wire.length, PacketType.PUBCOMP, id,
                ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, null, 0, 0));
        writer.wrap(block, 0, block.length, PacketType.SUBSCRIBE);
        writer.addVariableByteInteger(PropertyId.SUBSCRIPTION_IDENTIFIER, 200);
        sum += roundTrip5(SubscribeCodec.encodeSubscribe5(wire, 0, wire.length, id, block, 0, writer.length(),
                strings, filterOffsets, filterLengths, options, 2));
        packet.rewindFilters();
        while (packet.nextFilter()) {
            sum += packet.filterRetainHandling() + (packet.filterNoLocal() ? 1 : 0);
        }
        sum += roundTrip5(SubackCodec.encode5(wire, 0, wire.length, PacketType.SUBACK, id, null, 0, 0, reasonCodes5, 0, 2));
        sum += roundTrip5(SubscribeCodec.encodeUnsubscribe5(wire, 0, wire.length, id, null, 0, 0,
                strings, filterOffsets, filterLengths, 2));
        sum += roundTrip5(SubackCodec.encode5(wire, 0, wire.length, PacketType.UNSUBACK, id, null, 0, 0, returnCodes, 1, 1));
        sum += roundTrip5(DisconnectCodec.encodeDisconnect5(wire, 0, wire.length, ReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
                null, 0, 0));
        sum += roundTrip5(DisconnectCodec.encode5(wire, 0, wire.length, PacketType.AUTH, ReasonCode.SUCCESS, null, 0, 0));
        int violation = decoder5.decode(malformed5, 0, malformed5.length, packet);
        sum += violation + ReasonCode.forViolation(violation) + ReasonCode.name(packet.reasonCode(), PacketType.PUBACK).length();
        return sum;
    }

    private int roundTrip5(int size) {
        return roundTrip(decoder5, size) + packet.reasonCode() + packet.propertiesLength();
    }

    private int roundTrip(int size) {
        return roundTrip(decoder, size);
    }

    private int roundTrip(PacketDecoder reader, int size) {
        if (size < 0) {
            throw new AssertionError(CodecStatus.name(size));
        }
        int decoded = reader.decode(wire, 0, size, packet);
        if (decoded != size) {
            throw new AssertionError(CodecStatus.name(decoded));
        }
        return packet.type() + packet.packetId() + packet.payloadLength();
    }

    /** Bytes the current thread allocated while running {@code iterations} rounds after {@code warmUp}. */
    static long allocatedBytes(int warmUp, int iterations) {
        return AllocationMeter.allocatedBytes(new CodecWorkload(), warmUp, iterations);
    }

    /** For a separate {@code -Xint} JVM: prints the bytes allocated by the measured rounds. */
    public static void main(String[] args) {
        System.out.println(allocatedBytes(200, 1000));
    }
}
