package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.ascii;
import static dev.tern.mqtt.codec.Vectors.string;
import static dev.tern.mqtt.codec.Vectors5.ints;
import static dev.tern.mqtt.codec.Vectors5.packet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** A stored full-topic MQTT 5 PUBLISH written again with a Topic Alias, checked against the decoder. */
class AliasedPublishTest {

    private static final byte[] S = ascii("s/t21.5");

    /** QoS 1, DUP, RETAIN, Packet Identifier 7, Message Expiry Interval 60, topic "s/t", payload "21.5". */
    private static final byte[] STORED = packet(
            ints(0x3B, 0x11),                       // PUBLISH DUP QoS 1 RETAIN, Remaining Length 17
            ints(0x00, 0x03, 's', '/', 't'),        // Topic Name "s/t"
            ints(0x00, 0x07),                       // Packet Identifier 7
            ints(0x05),                             // Property Length 5
            ints(0x02, 0x00, 0x00, 0x00, 0x3C),     //   Message Expiry Interval 60
            ints('2', '1', '.', '5'));              // payload

    private static final byte[] WITH_TOPIC = packet(
            ints(0x3B, 0x14),                       // PUBLISH DUP QoS 1 RETAIN, Remaining Length 20
            ints(0x00, 0x03, 's', '/', 't'),        // Topic Name "s/t"
            ints(0x00, 0x07),                       // Packet Identifier 7
            ints(0x08),                             // Property Length 8
            ints(0x02, 0x00, 0x00, 0x00, 0x3C),     //   Message Expiry Interval 60
            ints(0x23, 0x00, 0x02),                 //   Topic Alias 2
            ints('2', '1', '.', '5'));              // payload

    private static final byte[] ALIAS_ONLY = packet(
            ints(0x3B, 0x11),                       // PUBLISH DUP QoS 1 RETAIN, Remaining Length 17
            ints(0x00, 0x00),                       // Topic Name empty
            ints(0x00, 0x07),                       // Packet Identifier 7
            ints(0x08),                             // Property Length 8
            ints(0x02, 0x00, 0x00, 0x00, 0x3C),     //   Message Expiry Interval 60
            ints(0x23, 0x00, 0x02),                 //   Topic Alias 2
            ints('2', '1', '.', '5'));              // payload

    private static byte[] aliased(byte[] stored, int alias, boolean withTopic) {
        byte[] dst = new byte[stored.length + 16];
        Arrays.fill(dst, (byte) 0x55);
        int size = AliasedPublish.encode(dst, 3, dst.length - 3, stored, 0, stored.length, alias, withTopic);
        assertTrue(size > 0, CodecStatus.name(size));
        return Arrays.copyOfRange(dst, 3, 3 + size);
    }

    private static int aliasOf(DecodedPacket decoded) {
        Properties p = new Properties();
        p.wrap(decoded);
        assertTrue(p.find(PropertyId.TOPIC_ALIAS), "no Topic Alias");
        return p.intValue();
    }

    @Test
    void theStoredVectorIsWhatPublishCodecWrites() {
        byte[] props = {0x02, 0x00, 0x00, 0x00, 0x3C};
        byte[] dst = new byte[STORED.length];
        assertEquals(STORED.length, PublishCodec.encode5(dst, 0, dst.length, 1, true, true, 7, S, 0, 3,
                props, 0, props.length, S, 3, 4));
        assertArrayEquals(STORED, dst);
    }

    @Test
    void addsTheAliasAndKeepsTheTopic() {
        assertArrayEquals(WITH_TOPIC, aliased(STORED, 2, true));
        DecodedPacket d = Vectors5.decode(WITH_TOPIC);
        assertEquals("s/t", string(d, d.topicOffset(), d.topicLength()));
        assertEquals(2, aliasOf(d));
    }

    @Test
    void addsTheAliasAndEmptiesTheTopicKeepingEverythingElse() {
        assertArrayEquals(ALIAS_ONLY, aliased(STORED, 2, false));
        DecodedPacket d = Vectors5.decode(ALIAS_ONLY);
        assertEquals(0, d.topicLength());
        assertEquals(2, aliasOf(d));
        assertEquals(1, d.qos());
        assertTrue(d.dup());
        assertTrue(d.retain());
        assertEquals(7, d.packetId());
        assertEquals("21.5", string(d, d.payloadOffset(), d.payloadLength()));
        Properties p = new Properties();
        p.wrap(d);
        assertTrue(p.find(PropertyId.MESSAGE_EXPIRY_INTERVAL));
        assertEquals(60, p.intValue());
    }

    @Test
    void qos0WithoutPropertiesAndALargeAlias() {
        byte[] stored = new byte[16];
        int length = PublishCodec.encode5(stored, 0, stored.length, 0, false, false, 0, S, 0, 3, null, 0, 0, S, 3, 4);
        byte[] out = aliased(Arrays.copyOf(stored, length), 65535, false);
        DecodedPacket d = Vectors5.decode(out);
        assertEquals(0, d.qos());
        assertFalse(d.dup());
        assertEquals(65535, aliasOf(d));
        assertEquals("21.5", string(d, d.payloadOffset(), d.payloadLength()));
        assertEquals(length - 3 + 3, out.length, "topic bytes gone, alias property added");
    }

    @Test
    void growsThePropertyLengthWhenItCrossesOneByte() {
        // properties of 126 bytes become 129: the Property Length takes 2 bytes
        byte[] props = new byte[126];
        PropertyWriter writer = new PropertyWriter();
        writer.wrap(props, 0, props.length, PacketType.PUBLISH);
        assertEquals(CodecStatus.OK, writer.addBytes(PropertyId.CORRELATION_DATA, new byte[123], 0, 123));
        assertEquals(126, writer.length());
        byte[] stored = new byte[256];
        int length = PublishCodec.encode5(stored, 0, stored.length, 2, false, false, 300, S, 0, 3,
                props, 0, props.length, S, 3, 4);
        byte[] out = aliased(Arrays.copyOf(stored, length), 9, true);
        assertEquals(length + 3 + 1, out.length, "the alias and one more Property Length byte");
        DecodedPacket d = Vectors5.decode(out);
        assertEquals(2, d.qos());
        assertEquals(300, d.packetId());
        assertEquals(9, aliasOf(d));
        Properties p = new Properties();
        p.wrap(d);
        assertTrue(p.find(PropertyId.CORRELATION_DATA));
        assertEquals(123, p.valueLength());
        assertEquals("s/t", string(d, d.topicOffset(), d.topicLength()));
        assertEquals("21.5", string(d, d.payloadOffset(), d.payloadLength()));
    }

    @Test
    void growsTheRemainingLengthWhenItCrossesOneByte() {
        // topic 2+3, packet id 2, Property Length 1, payload 119: Remaining Length 127, then 130
        byte[] payload = new byte[119];
        Arrays.fill(payload, (byte) 'p');
        byte[] stored = new byte[256];
        int length = PublishCodec.encode5(stored, 0, stored.length, 1, false, false, 5, S, 0, 3,
                null, 0, 0, payload, 0, payload.length);
        assertEquals(2 + 127, length);
        byte[] out = aliased(Arrays.copyOf(stored, length), 1, true);
        assertEquals(length + 3 + 1, out.length, "the alias and one more Remaining Length byte");
        DecodedPacket d = Vectors5.decode(out);
        assertEquals(130, d.remainingLength());
        assertEquals(1, aliasOf(d));
        assertEquals(119, d.payloadLength());
        assertEquals('p', d.buffer()[d.payloadOffset() + 118]);
    }

    @Test
    void writesNothingWhenTheDestinationIsTooSmall() {
        byte[] dst = new byte[ALIAS_ONLY.length - 1];
        Arrays.fill(dst, (byte) 0x55);
        assertEquals(CodecStatus.INSUFFICIENT_CAPACITY,
                AliasedPublish.encode(dst, 0, dst.length, STORED, 0, STORED.length, 2, false));
        byte[] untouched = new byte[dst.length];
        Arrays.fill(untouched, (byte) 0x55);
        assertArrayEquals(untouched, dst);
        assertEquals(CodecStatus.INSUFFICIENT_CAPACITY,
                AliasedPublish.encode(new byte[64], 0, ALIAS_ONLY.length - 1, STORED, 0, STORED.length, 2, false));
    }

    @Test
    void refusesWhatIsNotAWholeFullTopicPublish() {
        byte[] dst = new byte[64];
        assertEquals(CodecStatus.VALUE_OUT_OF_RANGE, AliasedPublish.encode(dst, 0, 64, STORED, 0, STORED.length, 0, true));
        assertEquals(CodecStatus.VALUE_OUT_OF_RANGE, AliasedPublish.encode(dst, 0, 64, STORED, 0, STORED.length, 65536, true));
        assertEquals(CodecStatus.VALUE_OUT_OF_RANGE, AliasedPublish.encode(dst, 0, 64, Vectors.PUBACK, 0, 4, 1, true));
        assertEquals(CodecStatus.INVALID_REMAINING_LENGTH,
                AliasedPublish.encode(dst, 0, 64, STORED, 0, STORED.length - 1, 1, true));
        assertEquals(CodecStatus.DUPLICATE_PROPERTY,
                AliasedPublish.encode(dst, 0, 64, WITH_TOPIC, 0, WITH_TOPIC.length, 1, true));
        assertEquals(CodecStatus.EMPTY_TOPIC, AliasedPublish.encode(dst, 0, 64, ALIAS_ONLY, 0, ALIAS_ONLY.length, 1, true));
        byte[] cut = packet(ints(0x32, 0x05), ints(0x00, 0x03, 's', '/', 't')); // QoS 1, no packet id, no properties
        assertEquals(CodecStatus.FIELD_EXCEEDS_PACKET, AliasedPublish.encode(dst, 0, 64, cut, 0, cut.length, 1, true));
    }
}
