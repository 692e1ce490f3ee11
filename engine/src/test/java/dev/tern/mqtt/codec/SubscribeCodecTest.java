package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.ascii;
import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SubscribeCodecTest {

    /** Both filters in one table: "a/+" at 0, "#" at 4. */
    private static final byte[] FILTERS = ascii("a/+ #");
    private static final int[] OFFSETS = {0, 4};
    private static final int[] LENGTHS = {3, 1};
    private static final int[] QOS = {1, 2};

    @Test
    void encodesSubscribeAndUnsubscribeExactly() {
        assertEncodes(Vectors.SUBSCRIBE, (d, o, c) -> SubscribeCodec.encodeSubscribe(d, o, c, 10, FILTERS, OFFSETS, LENGTHS, QOS, 2));
        assertEncodes(Vectors.UNSUBSCRIBE, (d, o, c) -> SubscribeCodec.encodeUnsubscribe(d, o, c, 11, FILTERS, OFFSETS, LENGTHS, 2));
    }

    @Test
    void iteratesSubscribeFiltersWithTheirRequestedQos() {
        DecodedPacket p = Vectors.decode(Vectors.SUBSCRIBE);
        assertEquals(PacketType.SUBSCRIBE, p.type());
        assertEquals(10, p.packetId());
        assertEquals(2, p.filterCount());
        assertTrue(p.nextFilter());
        assertEquals("a/+", Vectors.string(p, p.filterOffset(), p.filterLength()));
        assertEquals(1, p.filterQos());
        assertTrue(p.nextFilter());
        assertEquals("#", Vectors.string(p, p.filterOffset(), p.filterLength()));
        assertEquals(2, p.filterQos());
        assertFalse(p.nextFilter());
        p.rewindFilters();
        assertTrue(p.nextFilter());
        assertEquals(6, p.filterOffset());
    }

    @Test
    void iteratesUnsubscribeFilters() {
        DecodedPacket p = Vectors.decode(Vectors.UNSUBSCRIBE);
        assertEquals(PacketType.UNSUBSCRIBE, p.type());
        assertEquals(11, p.packetId());
        assertEquals(2, p.filterCount());
        assertTrue(p.nextFilter());
        assertEquals("a/+", Vectors.string(p, p.filterOffset(), p.filterLength()));
        assertTrue(p.nextFilter());
        assertEquals("#", Vectors.string(p, p.filterOffset(), p.filterLength()));
        assertFalse(p.nextFilter());
    }

    @Test
    void refusesAnEmptyFilterList() {
        assertStatus(CodecStatus.NO_TOPIC_FILTER, Vectors.status(bytes(0x82, 0x02, 0x00, 0x01)));  // SUBSCRIBE, id only
        assertStatus(CodecStatus.NO_TOPIC_FILTER, Vectors.status(bytes(0xA2, 0x02, 0x00, 0x01)));  // UNSUBSCRIBE, id only
        byte[] dst = new byte[32];
        assertStatus(CodecStatus.NO_TOPIC_FILTER, SubscribeCodec.encodeSubscribe(dst, 0, 32, 1, FILTERS, OFFSETS, LENGTHS, QOS, 0));
        assertStatus(CodecStatus.NO_TOPIC_FILTER, SubscribeCodec.encodeUnsubscribe(dst, 0, 32, 1, FILTERS, OFFSETS, LENGTHS, 0));
    }

    @Test
    void refusesPacketIdZero() {
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, Vectors.status(bytes(0x82, 0x06, 0x00, 0x00, 0x00, 0x01, '#', 0x00)));
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, Vectors.status(bytes(0xA2, 0x05, 0x00, 0x00, 0x00, 0x01, '#')));
        byte[] dst = new byte[32];
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, SubscribeCodec.encodeSubscribe(dst, 0, 32, 0, FILTERS, OFFSETS, LENGTHS, QOS, 2));
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, SubscribeCodec.encodeUnsubscribe(dst, 0, 32, 0, FILTERS, OFFSETS, LENGTHS, 2));
    }

    @Test
    void refusesRequestedQosWithReservedBitsOrQos3() {
        for (int qos = 0; qos < 256; qos++) {
            int expected = qos <= 2 ? 8 : CodecStatus.INVALID_REQUESTED_QOS;
            int result = Vectors.status(bytes(0x82, 0x06, 0x00, 0x01, 0x00, 0x01, '#', qos));
            assertEquals(CodecStatus.name(expected), CodecStatus.name(result), "requested QoS " + qos);
        }
        byte[] dst = new byte[32];
        assertStatus(CodecStatus.INVALID_REQUESTED_QOS,
                SubscribeCodec.encodeSubscribe(dst, 0, 32, 1, FILTERS, OFFSETS, LENGTHS, new int[] {1, 3}, 2));
    }

    @Test
    void refusesInvalidTopicFilters() {
        assertStatus(CodecStatus.MISPLACED_MULTI_LEVEL_WILDCARD,
                Vectors.status(bytes(0x82, 0x07, 0x00, 0x01, 0x00, 0x02, 'a', '#', 0x00)));  // "a#"
        assertStatus(CodecStatus.MISPLACED_SINGLE_LEVEL_WILDCARD,
                Vectors.status(bytes(0xA2, 0x06, 0x00, 0x01, 0x00, 0x02, '+', 'a')));        // "+a"
        assertStatus(CodecStatus.EMPTY_TOPIC,
                Vectors.status(bytes(0x82, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01)));            // "" QoS 1
        assertStatus(CodecStatus.UTF8_OVERLONG,
                Vectors.status(bytes(0xA2, 0x06, 0x00, 0x01, 0x00, 0x02, 0xC0, 0xAF)));      // overlong '/'
        byte[] dst = new byte[32];
        byte[] bad = ascii("a/#/b");
        assertStatus(CodecStatus.MISPLACED_MULTI_LEVEL_WILDCARD,
                SubscribeCodec.encodeUnsubscribe(dst, 0, 32, 1, bad, new int[] {0}, new int[] {5}, 1));
    }

    @Test
    void refusesLengthsThatDoNotFitThePacket() {
        assertStatus(CodecStatus.FIELD_EXCEEDS_PACKET,
                Vectors.status(bytes(0x82, 0x06, 0x00, 0x01, 0x00, 0x09, '#', 0x00)));       // filter length 9
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH,
                Vectors.status(bytes(0x82, 0x05, 0x00, 0x01, 0x00, 0x01, '#')));             // Requested QoS missing
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH,
                Vectors.status(bytes(0xA2, 0x03, 0x00, 0x01, 0x00)));                        // half a length prefix
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(bytes(0x82, 0x01, 0x00))); // no packet id
    }
}
