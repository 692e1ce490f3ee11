package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The subscription list: packed filter bytes, requested and granted QoS, removal keeping order. */
class SubscriptionsTest {

    private static int put(Subscriptions s, String filter, int qos) {
        byte[] f = filter.getBytes(StandardCharsets.UTF_8);
        return s.put(f, 0, f.length, qos);
    }

    private static String filter(Subscriptions s, int index) {
        return new String(s.filterBytes(), s.offsets()[index], s.lengths()[index], StandardCharsets.UTF_8);
    }

    @Test
    void putAddsOnceAndUpdatesTheRequestedQos() {
        Subscriptions s = new Subscriptions(4, 32);
        assertEquals(0, put(s, "a/#", 1));
        assertEquals(1, put(s, "b", 0));
        s.grant(0, 1);
        assertEquals(0, put(s, "a/#", 2));
        assertEquals(2, s.count());
        assertEquals(2, s.requestedQos(0));
        assertEquals(Subscriptions.NOT_GRANTED, s.grantedQos(0));
    }

    @Test
    void fullByCountOrByBytesRefuses() {
        Subscriptions s = new Subscriptions(2, 8);
        put(s, "a", 0);
        put(s, "b", 0);
        assertEquals(-1, put(s, "c", 0));
        Subscriptions bytes = new Subscriptions(4, 8);
        put(bytes, "abcdef", 0);
        assertEquals(-1, put(bytes, "xyz", 0));
        assertEquals(1, put(bytes, "xy", 0));
    }

    @Test
    void removeKeepsTheOthersPackedAndInOrder() {
        Subscriptions s = new Subscriptions(4, 32);
        put(s, "first", 0);
        put(s, "second/+", 1);
        put(s, "third/#", 2);
        s.grant(2, 2);
        s.setPacketId(2, 9);
        s.remove(1);
        assertEquals(2, s.count());
        assertEquals("first", filter(s, 0));
        assertEquals("third/#", filter(s, 1));
        assertEquals(2, s.requestedQos(1));
        assertEquals(2, s.grantedQos(1));
        assertEquals(9, s.packetId(1));
        byte[] f = "third/#".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, s.find(f, 0, f.length));
        assertEquals(2, put(s, "fourth", 0));
        assertEquals("fourth", filter(s, 2));
    }
}
