package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static dev.tern.mqtt.codec.Vectors.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MQTT 5 SUBSCRIBE (3.8) with Subscription Options, UNSUBSCRIBE (3.10) with properties. */
class SubscribeCodecV5Test {

    private static final byte[] FILTERS = Vectors.ascii("a/+ # $share/g/t");
    private static final int[] OFFSETS = {0, 4, 6};
    private static final int[] LENGTHS = {3, 1, 10};

    @Test
    void encodesSubscriptionOptionsAndProperties() {
        byte[] props = Blocks5.subscribe();
        int[] options = {SubscribeCodec.options(1, true, true, 2), SubscribeCodec.options(2, false, false, 0)};
        assertEquals(0x2D, options[0]);
        assertEncodes(Vectors5.SUBSCRIBE_FULL, (dst, offset, capacity) -> SubscribeCodec.encodeSubscribe5(dst, offset,
                capacity, 11, props, 0, props.length, FILTERS, OFFSETS, LENGTHS, options, 2));
    }

    @Test
    void decodesEachFiltersOptions() {
        DecodedPacket d = Vectors5.decode(Vectors5.SUBSCRIBE_FULL);
        assertEquals(11, d.packetId());
        assertEquals(2, d.filterCount());
        Properties p = new Properties();
        p.wrap(d);
        assertTrue(p.find(PropertyId.SUBSCRIPTION_IDENTIFIER));
        assertEquals(7, p.intValue());
        d.rewindFilters();
        assertTrue(d.nextFilter());
        assertEquals("a/+", string(d, d.filterOffset(), d.filterLength()));
        assertEquals(1, d.filterQos());
        assertTrue(d.filterNoLocal());
        assertTrue(d.filterRetainAsPublished());
        assertEquals(2, d.filterRetainHandling());
        assertTrue(d.nextFilter());
        assertEquals("#", string(d, d.filterOffset(), d.filterLength()));
        assertEquals(2, d.filterQos());
        assertFalse(d.filterNoLocal());
        assertFalse(d.filterRetainAsPublished());
        assertEquals(0, d.filterRetainHandling());
        assertFalse(d.nextFilter());
    }

    @Test
    void encodesAndDecodesUnsubscribeWithProperties() {
        byte[] props = Blocks5.userKv(PacketType.UNSUBSCRIBE);
        assertEncodes(Vectors5.UNSUBSCRIBE_FULL, (dst, offset, capacity) -> SubscribeCodec.encodeUnsubscribe5(dst, offset,
                capacity, 12, props, 0, props.length, FILTERS, OFFSETS, LENGTHS, 2));
        DecodedPacket d = Vectors5.decode(Vectors5.UNSUBSCRIBE_FULL);
        assertEquals(2, d.filterCount());
        assertEquals(7, d.propertiesLength());
    }

    @Test
    void refusesBadSubscriptionOptions() {
        // SUBSCRIBE id 1, no properties, filter "t", then the options byte under test
        assertStatus(CodecStatus.SUBSCRIPTION_OPTIONS_RESERVED_BITS, Vectors5.status(bytes(0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 't', 0x40)));
        assertStatus(CodecStatus.INVALID_RETAIN_HANDLING, Vectors5.status(bytes(0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 't', 0x30)));
        assertStatus(CodecStatus.INVALID_REQUESTED_QOS, Vectors5.status(bytes(0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 't', 0x03)));
        int[] noLocal = {SubscribeCodec.options(0, true, false, 0)};
        assertStatus(CodecStatus.NO_LOCAL_ON_SHARED_SUBSCRIPTION, SubscribeCodec.encodeSubscribe5(new byte[64], 0, 64, 1,
                null, 0, 0, FILTERS, new int[] {6}, new int[] {10}, noLocal, 1));
        assertStatus(CodecStatus.INVALID_RETAIN_HANDLING, SubscribeCodec.encodeSubscribe5(new byte[64], 0, 64, 1,
                null, 0, 0, FILTERS, OFFSETS, LENGTHS, new int[] {0x30}, 1));
        // the same options byte 0x2D is a bad Requested QoS in 3.1.1
        assertStatus(CodecStatus.INVALID_REQUESTED_QOS, Vectors.status(bytes(0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 't', 0x2D)));
    }

    @Test
    void refusesASecondSubscriptionIdentifierAndPropertiesASubscribeMayNotCarry() {
        assertStatus(CodecStatus.DUPLICATE_PROPERTY,
                Vectors5.status(bytes(0x82, 0x0B, 0x00, 0x01, 0x04, 0x0B, 0x01, 0x0B, 0x02, 0x00, 0x01, 't', 0x00)));
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED,
                Vectors5.status(bytes(0x82, 0x0A, 0x00, 0x01, 0x03, 0x23, 0x00, 0x01, 0x00, 0x01, 't', 0x00)));
        assertStatus(CodecStatus.NO_TOPIC_FILTER, Vectors5.status(bytes(0xA2, 0x03, 0x00, 0x01, 0x00)));
    }
}
