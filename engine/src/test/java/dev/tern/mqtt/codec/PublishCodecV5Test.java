package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static dev.tern.mqtt.codec.Vectors.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MQTT 5 PUBLISH (3.3): properties between Packet Identifier and payload, Topic Alias. */
class PublishCodecV5Test {

    private static final byte[] S = Vectors.ascii("a/bhix");

    @Test
    void encodesEveryPublishProperty() {
        byte[] props = Blocks5.publish();
        assertEncodes(Vectors5.PUBLISH_FULL, (dst, offset, capacity) -> PublishCodec.encode5(dst, offset, capacity,
                1, false, false, 10, S, 0, 3, props, 0, props.length, S, 3, 2));
    }

    @Test
    void decodesPropertiesAndFindsThePayloadAfterThem() {
        DecodedPacket d = Vectors5.decode(Vectors5.PUBLISH_FULL);
        assertEquals(1, d.qos());
        assertEquals(10, d.packetId());
        assertEquals("a/b", string(d, d.topicOffset(), d.topicLength()));
        assertEquals("hi", string(d, d.payloadOffset(), d.payloadLength()));
        Properties p = new Properties();
        p.wrap(d);
        int subscriptionIds = 0;
        long sum = 0;
        while (p.next()) {
            if (PropertyId.SUBSCRIPTION_IDENTIFIER == p.id()) {
                subscriptionIds++;
                sum += p.intValue();
            }
        }
        assertEquals(2, subscriptionIds);
        assertEquals(5 + 128, sum);
        assertTrue(p.find(PropertyId.RESPONSE_TOPIC));
        assertEquals("r/x", string(d, p.valueOffset(), p.valueLength()));
        assertTrue(p.find(PropertyId.CORRELATION_DATA));
        assertEquals(2, p.valueLength());
        assertTrue(p.find(PropertyId.MESSAGE_EXPIRY_INTERVAL));
        assertEquals(60, p.intValue());
    }

    @Test
    void anEmptyTopicNameNeedsATopicAlias() {
        byte[] alias = Blocks5.alias(1);
        assertEncodes(Vectors5.PUBLISH_ALIAS_ONLY, (dst, offset, capacity) -> PublishCodec.encode5(dst, offset, capacity,
                0, false, false, 0, S, 0, 0, alias, 0, alias.length, S, 5, 1));
        DecodedPacket d = Vectors5.decode(Vectors5.PUBLISH_ALIAS_ONLY);
        assertEquals(0, d.topicLength());
        assertEquals("x", string(d, d.payloadOffset(), d.payloadLength()));
        assertStatus(CodecStatus.TOPIC_NAME_AND_ALIAS_MISSING, PublishCodec.encode5(new byte[32], 0, 32,
                0, false, false, 0, S, 0, 0, null, 0, 0, S, 5, 1));
        assertStatus(CodecStatus.TOPIC_NAME_AND_ALIAS_MISSING, Vectors5.status(bytes(0x30, 0x04, 0x00, 0x00, 0x00, 'x')));
        // in 3.1.1 an empty Topic Name is always refused
        assertStatus(CodecStatus.EMPTY_TOPIC, Vectors.status(bytes(0x30, 0x03, 0x00, 0x00, 'x')));
    }

    @Test
    void refusesTopicAliasZeroAndPropertiesAPublishMayNotCarry() {
        assertStatus(CodecStatus.TOPIC_ALIAS_ZERO, Vectors5.status(bytes(0x30, 0x09, 0x00, 0x01, 't', 0x03, 0x23, 0x00, 0x00, 'x', 'y')));
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED, Vectors5.status(bytes(0x30, 0x08, 0x00, 0x01, 't', 0x03, 0x21, 0x00, 0x01, 'x')));
        assertStatus(CodecStatus.DUPLICATE_PROPERTY,
                Vectors5.status(bytes(0x30, 0x0B, 0x00, 0x01, 't', 0x06, 0x23, 0x00, 0x01, 0x23, 0x00, 0x02, 'x')));
        assertStatus(CodecStatus.SUBSCRIPTION_ID_ZERO, Vectors5.status(bytes(0x30, 0x06, 0x00, 0x01, 't', 0x02, 0x0B, 0x00)));
        assertStatus(CodecStatus.PROPERTY_NOT_0_OR_1, Vectors5.status(bytes(0x30, 0x06, 0x00, 0x01, 't', 0x02, 0x01, 0x02)));
        assertStatus(CodecStatus.WILDCARD_IN_TOPIC_NAME,
                Vectors5.status(bytes(0x30, 0x08, 0x00, 0x01, 't', 0x04, 0x08, 0x00, 0x01, '#')));   // Response Topic "#"
        assertStatus(CodecStatus.PROPERTY_LENGTH_EXCEEDS_PACKET, Vectors5.status(bytes(0x30, 0x05, 0x00, 0x01, 't', 0x05, 0x23)));
        assertStatus(CodecStatus.MALFORMED_VARIABLE_BYTE_INTEGER, Vectors5.status(bytes(0x30, 0x06, 0x00, 0x01, 't', 0x80, 0x00, 'x')));
        assertStatus(CodecStatus.PROPERTY_VALUE_TRUNCATED, Vectors5.status(bytes(0x30, 0x07, 0x00, 0x01, 't', 0x02, 0x23, 0x00, 'x')));
    }

    @Test
    void theEncoderRefusesWhatTheDecoderWould() {
        byte[] bad = bytes(0x23, 0x00, 0x00); // Topic Alias 0
        assertStatus(CodecStatus.TOPIC_ALIAS_ZERO, PublishCodec.encode5(new byte[32], 0, 32,
                0, false, false, 0, S, 0, 3, bad, 0, bad.length, S, 3, 2));
        byte[] connackOnly = bytes(0x24, 0x01); // Maximum QoS
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED, PublishCodec.encode5(new byte[32], 0, 32,
                0, false, false, 0, S, 0, 3, connackOnly, 0, connackOnly.length, S, 3, 2));
    }
}
