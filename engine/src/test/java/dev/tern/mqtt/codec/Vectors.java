package dev.tern.mqtt.codec;

import java.util.Arrays;
import java.util.List;

/** Test vectors: one well-formed packet of every type, a comment on every field. */
final class Vectors {

    private Vectors() {
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** CONNECT with every field: client id "tern1", clean session, keep alive 60, will, user, password. */
    static final byte[] CONNECT_FULL = bytes(
            0x10,                               // CONNECT, flags 0000
            0x22,                               // Remaining Length 34
            0x00, 0x04, 'M', 'Q', 'T', 'T',     // Protocol Name "MQTT"
            0x04,                               // Protocol Level 4 (3.1.1)
            0xEE,                               // flags: user name, password, will retain, will QoS 1, will, clean session
            0x00, 0x3C,                         // Keep Alive 60 s
            0x00, 0x05, 't', 'e', 'r', 'n', '1', // Client Identifier "tern1"
            0x00, 0x03, 't', '/', 'w',          // Will Topic "t/w"
            0x00, 0x03, 'b', 'y', 'e',          // Will Message "bye"
            0x00, 0x01, 'u',                    // User Name "u"
            0x00, 0x02, 'p', 'w');              // Password "pw"

    /** CONNECT with only a client id "c", clean session, keep alive off. */
    static final byte[] CONNECT_MINIMAL = bytes(
            0x10,                               // CONNECT, flags 0000
            0x0D,                               // Remaining Length 13
            0x00, 0x04, 'M', 'Q', 'T', 'T',     // Protocol Name "MQTT"
            0x04,                               // Protocol Level 4
            0x02,                               // flags: clean session only
            0x00, 0x00,                         // Keep Alive 0 (off)
            0x00, 0x01, 'c');                   // Client Identifier "c"

    static final byte[] CONNACK_SESSION_PRESENT = bytes(
            0x20,                               // CONNACK, flags 0000
            0x02,                               // Remaining Length 2
            0x01,                               // Acknowledge Flags: Session Present
            0x00);                              // return code 0: accepted

    static final byte[] CONNACK_NOT_AUTHORIZED = bytes(
            0x20,                               // CONNACK
            0x02,                               // Remaining Length 2
            0x00,                               // Acknowledge Flags: no session
            0x05);                              // return code 5: not authorized

    static final byte[] PUBLISH_QOS0 = bytes(
            0x30,                               // PUBLISH, DUP 0, QoS 0, RETAIN 0
            0x07,                               // Remaining Length 7
            0x00, 0x03, 'a', '/', 'b',          // Topic Name "a/b"
            'h', 'i');                          // payload "hi" (no Packet Identifier at QoS 0)

    static final byte[] PUBLISH_QOS1_DUP_RETAIN = bytes(
            0x3B,                               // PUBLISH, DUP 1, QoS 1, RETAIN 1
            0x09,                               // Remaining Length 9
            0x00, 0x03, 'a', '/', 'b',          // Topic Name "a/b"
            0x12, 0x34,                         // Packet Identifier 0x1234
            'h', 'i');                          // payload "hi"

    static final byte[] PUBLISH_QOS2_EMPTY = bytes(
            0x34,                               // PUBLISH, DUP 0, QoS 2, RETAIN 0
            0x07,                               // Remaining Length 7
            0x00, 0x03, 'x', 0xC3, 0xA9,        // Topic Name "x\u00e9" (2-byte UTF-8)
            0x00, 0x01);                        // Packet Identifier 1, empty payload

    static final byte[] PUBACK = bytes(0x40, 0x02, 0x12, 0x34);   // PUBACK, RL 2, Packet Identifier 0x1234
    static final byte[] PUBREC = bytes(0x50, 0x02, 0x12, 0x34);   // PUBREC, RL 2, Packet Identifier 0x1234
    static final byte[] PUBREL = bytes(0x62, 0x02, 0x12, 0x34);   // PUBREL (flags 0010), RL 2, Packet Identifier 0x1234
    static final byte[] PUBCOMP = bytes(0x70, 0x02, 0x12, 0x34);  // PUBCOMP, RL 2, Packet Identifier 0x1234
    static final byte[] UNSUBACK = bytes(0xB0, 0x02, 0x00, 0x0B); // UNSUBACK, RL 2, Packet Identifier 11

    static final byte[] SUBSCRIBE = bytes(
            0x82,                               // SUBSCRIBE, flags 0010
            0x0C,                               // Remaining Length 12
            0x00, 0x0A,                         // Packet Identifier 10
            0x00, 0x03, 'a', '/', '+',          // Topic Filter "a/+"
            0x01,                               // Requested QoS 1
            0x00, 0x01, '#',                    // Topic Filter "#"
            0x02);                              // Requested QoS 2

    static final byte[] SUBACK = bytes(
            0x90,                               // SUBACK, flags 0000
            0x04,                               // Remaining Length 4
            0x00, 0x0A,                         // Packet Identifier 10
            0x01,                               // return code: granted QoS 1
            0x80);                              // return code: failure

    static final byte[] UNSUBSCRIBE = bytes(
            0xA2,                               // UNSUBSCRIBE, flags 0010
            0x0A,                               // Remaining Length 10
            0x00, 0x0B,                         // Packet Identifier 11
            0x00, 0x03, 'a', '/', '+',          // Topic Filter "a/+"
            0x00, 0x01, '#');                   // Topic Filter "#"

    static final byte[] PINGREQ = bytes(0xC0, 0x00);    // PINGREQ, Remaining Length 0
    static final byte[] PINGRESP = bytes(0xD0, 0x00);   // PINGRESP, Remaining Length 0
    static final byte[] DISCONNECT = bytes(0xE0, 0x00); // DISCONNECT, Remaining Length 0

    static List<byte[]> all() {
        return Arrays.asList(CONNECT_FULL, CONNECT_MINIMAL, CONNACK_SESSION_PRESENT, CONNACK_NOT_AUTHORIZED,
                PUBLISH_QOS0, PUBLISH_QOS1_DUP_RETAIN, PUBLISH_QOS2_EMPTY, PUBACK, PUBREC, PUBREL, PUBCOMP,
                SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT);
    }

    static final PacketDecoder DECODER = new PacketDecoder(1 << 20);

    /** Decodes {@code packet} alone and expects it to be complete and valid. */
    static DecodedPacket decode(byte[] packet) {
        return decode(DECODER, packet);
    }

    static DecodedPacket decode(PacketDecoder decoder, byte[] packet) {
        DecodedPacket out = new DecodedPacket();
        int result = decoder.decode(packet, 0, packet.length, out);
        if (result != packet.length) {
            throw new AssertionError("decode returned " + CodecStatus.name(result) + " (" + result + ")");
        }
        return out;
    }

    /** Decodes {@code packet} alone and returns the status. */
    static int status(byte[] packet) {
        return DECODER.decode(packet, 0, packet.length, new DecodedPacket());
    }

    static String string(DecodedPacket p, int offset, int length) {
        return new String(p.buffer(), offset, length, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Compares statuses by name, so a failure reads "expected UTF8_SURROGATE but was OK". */
    static void assertStatus(int expected, int actual) {
        org.junit.jupiter.api.Assertions.assertEquals(CodecStatus.name(expected) + " " + expected,
                CodecStatus.name(actual) + " " + actual);
    }

    interface Encoder {
        int encode(byte[] dst, int offset, int capacity);
    }

    /**
     * Checks that {@code encoder} writes exactly {@code expected} at an offset, touching nothing
     * else, and that with any smaller capacity it answers INSUFFICIENT_CAPACITY and writes nothing.
     */
    static void assertEncodes(byte[] expected, Encoder encoder) {
        int offset = 3;
        byte[] dst = new byte[expected.length + 8];
        java.util.Arrays.fill(dst, (byte) 0x55);
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, encoder.encode(dst, offset, expected.length + 5));
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected,
                java.util.Arrays.copyOfRange(dst, offset, offset + expected.length));
        for (int i = 0; i < dst.length; i++) {
            if (i < offset || i >= offset + expected.length) {
                org.junit.jupiter.api.Assertions.assertEquals((byte) 0x55, dst[i], "byte " + i + " written");
            }
        }
        for (int capacity = 0; capacity < expected.length; capacity++) {
            java.util.Arrays.fill(dst, (byte) 0x55);
            assertStatus(CodecStatus.INSUFFICIENT_CAPACITY, encoder.encode(dst, offset, capacity));
            for (byte b : dst) {
                org.junit.jupiter.api.Assertions.assertEquals((byte) 0x55, b, "written with capacity " + capacity);
            }
        }
        // a capacity larger than the array is clamped to the array
        byte[] exact = new byte[expected.length - 1];
        assertStatus(CodecStatus.INSUFFICIENT_CAPACITY, encoder.encode(exact, 0, 1000));
    }
}
