package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.ascii;
import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PublishCodecTest {

    private static final byte[] TOPIC = ascii("xx a/b yy"); // "a/b" at offset 3
    private static final byte[] PAYLOAD = ascii("..hi");    // "hi" at offset 2

    private static int encode(byte[] dst, int offset, int capacity, int qos, boolean dup, boolean retain, int id) {
        return PublishCodec.encode(dst, offset, capacity, qos, dup, retain, id, TOPIC, 3, 3, PAYLOAD, 2, 2);
    }

    @Test
    void encodesPublishAtEachQosExactly() {
        assertEncodes(Vectors.PUBLISH_QOS0, (d, o, c) -> encode(d, o, c, 0, false, false, 0));
        assertEncodes(Vectors.PUBLISH_QOS0, (d, o, c) -> encode(d, o, c, 0, false, false, 777)); // id ignored at QoS 0
        assertEncodes(Vectors.PUBLISH_QOS1_DUP_RETAIN, (d, o, c) -> encode(d, o, c, 1, true, true, 0x1234));
        byte[] topic = bytes('x', 0xC3, 0xA9);
        assertEncodes(Vectors.PUBLISH_QOS2_EMPTY,
                (d, o, c) -> PublishCodec.encode(d, o, c, 2, false, false, 1, topic, 0, 3, new byte[0], 0, 0));
    }

    @Test
    void decodesPublishFieldsAsOffsetsIntoTheReceiveBuffer() {
        DecodedPacket p = Vectors.decode(Vectors.PUBLISH_QOS0);
        assertEquals(PacketType.PUBLISH, p.type());
        assertEquals(0, p.qos());
        assertFalse(p.dup());
        assertFalse(p.retain());
        assertEquals(0, p.packetId());
        assertEquals(4, p.topicOffset());
        assertEquals("a/b", Vectors.string(p, p.topicOffset(), p.topicLength()));
        assertEquals(7, p.payloadOffset());
        assertEquals("hi", Vectors.string(p, p.payloadOffset(), p.payloadLength()));
        assertEquals(9, p.totalLength());

        p = Vectors.decode(Vectors.PUBLISH_QOS1_DUP_RETAIN);
        assertEquals(1, p.qos());
        assertTrue(p.dup());
        assertTrue(p.retain());
        assertEquals(0x1234, p.packetId());
        assertEquals("a/b", Vectors.string(p, p.topicOffset(), p.topicLength()));
        assertEquals("hi", Vectors.string(p, p.payloadOffset(), p.payloadLength()));

        p = Vectors.decode(Vectors.PUBLISH_QOS2_EMPTY);
        assertEquals(2, p.qos());
        assertEquals(1, p.packetId());
        assertEquals("x\u00e9", Vectors.string(p, p.topicOffset(), p.topicLength()));
        assertEquals(0, p.payloadLength());
    }

    @Test
    void encodesAPayloadNeedingAFourByteRemainingLength() {
        byte[] payload = new byte[2097152];
        byte[] dst = new byte[payload.length + 16];
        int size = PublishCodec.encode(dst, 0, dst.length, 1, false, false, 9, TOPIC, 3, 3, payload, 0, payload.length);
        int remaining = 2 + 3 + 2 + payload.length;
        assertEquals(1 + 4 + remaining, size);
        assertArrayEquals(bytes(0x32, 0x87, 0x80, 0x80, 0x01), java.util.Arrays.copyOf(dst, 5)); // RL 2097159
        DecodedPacket p = new DecodedPacket();
        assertEquals(size, new PacketDecoder(size).decode(dst, 0, size, p));
        assertEquals(payload.length, p.payloadLength());
    }

    @Test
    void encoderRefusesWhatTheStandardForbids() {
        byte[] dst = new byte[64];
        assertStatus(CodecStatus.CODEC_INVALID_QOS, encode(dst, 0, 64, 3, false, false, 1));
        assertStatus(CodecStatus.CODEC_INVALID_QOS, encode(dst, 0, 64, -1, false, false, 1));
        assertStatus(CodecStatus.DUP_WITH_QOS_0, encode(dst, 0, 64, 0, true, false, 0));
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, encode(dst, 0, 64, 1, false, false, 0));
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, encode(dst, 0, 64, 2, false, false, 65536));
        byte[] wild = ascii("a/+");
        assertStatus(CodecStatus.WILDCARD_IN_TOPIC_NAME, PublishCodec.encode(dst, 0, 64, 0, false, false, 0, wild, 0, 3, PAYLOAD, 0, 0));
        assertStatus(CodecStatus.EMPTY_TOPIC, PublishCodec.encode(dst, 0, 64, 0, false, false, 0, wild, 0, 0, PAYLOAD, 0, 0));
        byte[] surrogate = bytes(0xED, 0xA0, 0x80);
        assertStatus(CodecStatus.UTF8_SURROGATE, PublishCodec.encode(dst, 0, 64, 0, false, false, 0, surrogate, 0, 3, PAYLOAD, 0, 0));
        assertStatus(CodecStatus.REMAINING_LENGTH_TOO_LARGE,
                PublishCodec.encode(dst, 0, 64, 0, false, false, 0, TOPIC, 3, 3, PAYLOAD, 0, RemainingLength.MAX_VALUE));
        for (byte b : dst) {
            assertEquals(0, b);
        }
    }

    @Test
    void decoderRefusesMalformedPublish() {
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, Vectors.status(bytes(
                0x32, 0x07,                 // PUBLISH QoS 1, RL 7
                0x00, 0x03, 'a', '/', 'b',  // Topic Name "a/b"
                0x00, 0x00)));              // Packet Identifier 0
        assertStatus(CodecStatus.WILDCARD_IN_TOPIC_NAME, Vectors.status(bytes(
                0x30, 0x05, 0x00, 0x03, 'a', '/', '#')));   // Topic Name "a/#"
        assertStatus(CodecStatus.WILDCARD_IN_TOPIC_NAME, Vectors.status(bytes(
                0x30, 0x03, 0x00, 0x01, '+')));             // Topic Name "+"
        assertStatus(CodecStatus.EMPTY_TOPIC, Vectors.status(bytes(
                0x30, 0x04, 0x00, 0x00, 'h', 'i')));        // Topic Name "", payload "hi"
        assertStatus(CodecStatus.FIELD_EXCEEDS_PACKET, Vectors.status(bytes(
                0x30, 0x04, 0x00, 0x05, 'a', 'b')));        // Topic length 5 in a 4-byte body
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(bytes(
                0x30, 0x01, 0x00)));                        // no room for a Topic length
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(bytes(
                0x32, 0x04, 0x00, 0x02, 'a', 'b')));        // QoS 1 without a Packet Identifier
        assertStatus(CodecStatus.UTF8_NULL_CHARACTER, Vectors.status(bytes(
                0x30, 0x04, 0x00, 0x02, 'a', 0x00)));       // U+0000 in the Topic Name
    }

    @Test
    void marksAStoredPublishAsDuplicateForAResend() {
        byte[] packet = Vectors.PUBLISH_QOS1_DUP_RETAIN.clone();
        packet[0] = 0x33;                                   // QoS 1, RETAIN, DUP 0
        assertStatus(CodecStatus.OK, PublishCodec.markDuplicate(packet, 0));
        assertArrayEquals(Vectors.PUBLISH_QOS1_DUP_RETAIN, packet);
        byte[] qos0 = Vectors.PUBLISH_QOS0.clone();
        assertStatus(CodecStatus.DUP_WITH_QOS_0, PublishCodec.markDuplicate(qos0, 0));
        assertArrayEquals(Vectors.PUBLISH_QOS0, qos0);
        assertStatus(CodecStatus.VALUE_OUT_OF_RANGE, PublishCodec.markDuplicate(Vectors.PUBACK.clone(), 0));
    }
}
