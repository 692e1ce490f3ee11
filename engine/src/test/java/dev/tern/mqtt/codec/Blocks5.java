package dev.tern.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

/**
 * The property blocks of {@link Vectors5}, built with {@link PropertyWriter} the way an engine
 * would (so the encoder tests check the writer too): each returns the bytes after the Property
 * Length.
 */
final class Blocks5 {

    static final byte[] S = Vectors.ascii("kvwamjr/xidoksfullbye");
    // offsets into S: k0 v1 w2 a3 m4 j5 r6 /7 x8 i9 d10 o11 k12 s13 f14 u15 l16 l17 b18 y19 e20

    private final byte[] buffer = new byte[256];
    private final PropertyWriter writer = new PropertyWriter();

    Blocks5(int context) {
        writer.wrap(buffer, 0, buffer.length, context);
    }

    Blocks5 add(int status) {
        assertEquals(CodecStatus.name(CodecStatus.OK), CodecStatus.name(status));
        return this;
    }

    PropertyWriter writer() {
        return writer;
    }

    Blocks5 userKv() {
        return add(writer.addUserProperty(S, 0, 1, 1, 1));
    }

    byte[] bytes() {
        return Arrays.copyOf(buffer, writer.length());
    }

    static byte[] connect() {
        Blocks5 b = new Blocks5(PacketType.CONNECT);
        PropertyWriter w = b.writer();
        b.add(w.addInt32(PropertyId.SESSION_EXPIRY_INTERVAL, 3600));
        b.add(w.addInt16(PropertyId.RECEIVE_MAXIMUM, 20));
        b.add(w.addInt32(PropertyId.MAXIMUM_PACKET_SIZE, 1024));
        b.add(w.addInt16(PropertyId.TOPIC_ALIAS_MAXIMUM, 5));
        b.add(w.addByte(PropertyId.REQUEST_RESPONSE_INFORMATION, 1));
        b.add(w.addByte(PropertyId.REQUEST_PROBLEM_INFORMATION, 0));
        b.userKv();
        b.add(w.addBytes(PropertyId.AUTHENTICATION_METHOD, S, 3, 2));
        b.add(w.addBytes(PropertyId.AUTHENTICATION_DATA, new byte[] {0x2A}, 0, 1));
        return b.bytes();
    }

    static byte[] will() {
        Blocks5 b = new Blocks5(PropertyId.WILL_CONTEXT);
        PropertyWriter w = b.writer();
        b.add(w.addInt32(PropertyId.WILL_DELAY_INTERVAL, 10));
        b.add(w.addByte(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1));
        b.add(w.addInt32(PropertyId.MESSAGE_EXPIRY_INTERVAL, 60));
        b.add(w.addBytes(PropertyId.CONTENT_TYPE, S, 5, 1));
        b.add(w.addBytes(PropertyId.RESPONSE_TOPIC, S, 6, 1));
        b.add(w.addBytes(PropertyId.CORRELATION_DATA, new byte[] {0x07}, 0, 1));
        b.add(w.addUserProperty(S, 0, 1, 2, 1));
        return b.bytes();
    }

    static byte[] connack() {
        Blocks5 b = new Blocks5(PacketType.CONNACK);
        PropertyWriter w = b.writer();
        b.add(w.addInt32(PropertyId.SESSION_EXPIRY_INTERVAL, 120));
        b.add(w.addInt16(PropertyId.RECEIVE_MAXIMUM, 10));
        b.add(w.addByte(PropertyId.MAXIMUM_QOS, 1));
        b.add(w.addByte(PropertyId.RETAIN_AVAILABLE, 0));
        b.add(w.addInt32(PropertyId.MAXIMUM_PACKET_SIZE, 4096));
        b.add(w.addBytes(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, S, 9, 2));
        b.add(w.addInt16(PropertyId.TOPIC_ALIAS_MAXIMUM, 10));
        b.add(w.addBytes(PropertyId.REASON_STRING, S, 11, 2));
        b.userKv();
        b.add(w.addByte(PropertyId.WILDCARD_SUBSCRIPTION_AVAILABLE, 1));
        b.add(w.addByte(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0));
        b.add(w.addByte(PropertyId.SHARED_SUBSCRIPTION_AVAILABLE, 1));
        b.add(w.addInt16(PropertyId.SERVER_KEEP_ALIVE, 30));
        b.add(w.addBytes(PropertyId.RESPONSE_INFORMATION, S, 8, 1));
        b.add(w.addBytes(PropertyId.SERVER_REFERENCE, S, 13, 1));
        b.add(w.addBytes(PropertyId.AUTHENTICATION_METHOD, S, 3, 2));
        b.add(w.addBytes(PropertyId.AUTHENTICATION_DATA, new byte[] {0x2A}, 0, 1));
        return b.bytes();
    }

    static byte[] publish() {
        Blocks5 b = new Blocks5(PacketType.PUBLISH);
        PropertyWriter w = b.writer();
        b.add(w.addByte(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1));
        b.add(w.addInt32(PropertyId.MESSAGE_EXPIRY_INTERVAL, 60));
        b.add(w.addInt16(PropertyId.TOPIC_ALIAS, 1));
        b.add(w.addBytes(PropertyId.RESPONSE_TOPIC, S, 6, 3));
        b.add(w.addBytes(PropertyId.CORRELATION_DATA, new byte[] {0x01, 0x02}, 0, 2));
        b.userKv();
        b.add(w.addVariableByteInteger(PropertyId.SUBSCRIPTION_IDENTIFIER, 5));
        b.add(w.addVariableByteInteger(PropertyId.SUBSCRIPTION_IDENTIFIER, 128));
        b.add(w.addBytes(PropertyId.CONTENT_TYPE, S, 5, 1));
        return b.bytes();
    }

    static byte[] alias(int alias) {
        Blocks5 b = new Blocks5(PacketType.PUBLISH);
        return b.add(b.writer().addInt16(PropertyId.TOPIC_ALIAS, alias)).bytes();
    }

    /** Reason String "full" and k=v, for PUBACK, PUBREC, PUBREL, PUBCOMP. */
    static byte[] ack(int type) {
        Blocks5 b = new Blocks5(type);
        b.add(b.writer().addBytes(PropertyId.REASON_STRING, S, 14, 4));
        return b.userKv().bytes();
    }

    /** Reason String "r" and k=v, for SUBACK and UNSUBACK. */
    static byte[] suback(int type) {
        Blocks5 b = new Blocks5(type);
        b.add(b.writer().addBytes(PropertyId.REASON_STRING, S, 6, 1));
        return b.userKv().bytes();
    }

    static byte[] subscribe() {
        Blocks5 b = new Blocks5(PacketType.SUBSCRIBE);
        b.add(b.writer().addVariableByteInteger(PropertyId.SUBSCRIPTION_IDENTIFIER, 7));
        return b.userKv().bytes();
    }

    static byte[] userKv(int type) {
        return new Blocks5(type).userKv().bytes();
    }

    static byte[] disconnect() {
        Blocks5 b = new Blocks5(PacketType.DISCONNECT);
        PropertyWriter w = b.writer();
        b.add(w.addInt32(PropertyId.SESSION_EXPIRY_INTERVAL, 0));
        b.add(w.addBytes(PropertyId.REASON_STRING, S, 18, 3));
        b.userKv();
        b.add(w.addBytes(PropertyId.SERVER_REFERENCE, S, 13, 1));
        return b.bytes();
    }

    static byte[] auth() {
        Blocks5 b = new Blocks5(PacketType.AUTH);
        PropertyWriter w = b.writer();
        b.add(w.addBytes(PropertyId.AUTHENTICATION_METHOD, S, 3, 2));
        b.add(w.addBytes(PropertyId.AUTHENTICATION_DATA, new byte[] {0x2A}, 0, 1));
        b.add(w.addBytes(PropertyId.REASON_STRING, S, 6, 1));
        return b.userKv().bytes();
    }
}
