package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.mqtt.codec.CodecStatus;

/** Outgoing QoS 0, 1 and 2 flows packet by packet, packet ids, and what publish() refuses. */
class MqttClientPublishTest {

    private static ClientHarness connected() {
        ClientHarness h = new ClientHarness(ClientHarness.config()).connect(false);
        h.broker.take();
        return h;
    }

    @Test
    void qos0IsSentWithoutPacketIdAndNeverCompletes() {
        ClientHarness h = connected();
        assertEquals(ClientStatus.OK, h.publish("t", "hi", 0));
        h.poll();

        assertArrayEquals(new byte[] {
                0x30, 0x05,          // PUBLISH, DUP 0, QoS 0, RETAIN 0; Remaining Length 5
                0x00, 0x01, 't',     // Topic Name
                'h', 'i',            // payload (no Packet Identifier at QoS 0)
        }, h.broker.last().bytes);
        h.advance(60_000);
        assertTrue(h.listener.completions.isEmpty());
        assertEquals(0, h.client.inflight());
    }

    @Test
    void qos1PublishThenPubackCompletesOnce() {
        ClientHarness h = connected();
        int id = h.publish("t", "hi", 1);
        assertEquals(1, id);
        assertEquals(1, h.client.inflight());
        h.poll();
        assertArrayEquals(new byte[] {
                0x32, 0x07,          // PUBLISH, DUP 0, QoS 1, RETAIN 0; Remaining Length 7
                0x00, 0x01, 't',     // Topic Name
                0x00, 0x01,          // Packet Identifier 1
                'h', 'i',            // payload
        }, h.broker.last().bytes);

        h.receive(Packets.puback(1));
        h.receive(Packets.puback(1)); // a late duplicate: ignored

        assertEquals(List.of(new RecordingListener.Completion(1, ClientStatus.OK)), h.listener.completions);
        assertEquals(0, h.client.inflight());
        assertTrue(h.client.isConnected());
        assertEquals(1, h.client.counters().acknowledged);
        assertEquals(1, h.client.counters().published);
    }

    @Test
    void qos2HandshakePacketByPacketCompletesOnce() {
        ClientHarness h = connected();
        int id = h.publish("t", "hi", 2);
        h.poll();
        assertEquals(List.of("publish 1 qos2 dup0 t=hi"), h.broker.takeNames());
        assertEquals(0x34, h.broker.last().bytes[0]); // PUBLISH, DUP 0, QoS 2, RETAIN 0

        h.receive(Packets.pubrec(id));
        List<ScriptedBroker.Sent> sent = h.broker.take();
        assertEquals(1, sent.size());
        assertArrayEquals(new byte[] {
                0x62, 0x02,          // PUBREL (flags 0010), Remaining Length 2
                0x00, 0x01,          // Packet Identifier 1
        }, sent.get(0).bytes);
        assertTrue(h.listener.completions.isEmpty(), "completed before PUBCOMP");

        h.receive(Packets.pubcomp(id));
        h.receive(Packets.pubcomp(id)); // late duplicate: ignored

        assertEquals(List.of(new RecordingListener.Completion(1, ClientStatus.OK)), h.listener.completions);
        assertEquals(0, h.client.inflight());
        assertTrue(h.broker.take().isEmpty());
        assertTrue(h.client.isConnected());
    }

    @Test
    void packetIdsCountUpAndPublishesGoOutInOrder() {
        ClientHarness h = connected();
        assertEquals(1, h.publish("t", "a", 1));
        assertEquals(2, h.publish("t", "b", 2));
        assertEquals(3, h.publish("t", "c", 1));
        h.poll();
        assertEquals(List.of("publish 1 qos1 dup0 t=a", "publish 2 qos2 dup0 t=b", "publish 3 qos1 dup0 t=c"),
                h.broker.takeNames());
    }

    @Test
    void packetIdsWrapAroundWithoutCollidingWithALiveId() {
        ClientHarness h = connected();
        int held = h.publish("t", "held", 1); // never acknowledged: id 1 stays live
        h.poll();
        assertEquals(1, held);
        int previous = held;
        int wraps = 0;
        for (int i = 0; i < 65_540; i++) {
            int id = h.publish("t", "x", 1);
            assertTrue(id > 0, () -> "refused: " + ClientStatus.name(id));
            assertNotEquals(held, id, "collides with a live id");
            if (id < previous) {
                wraps++;
                assertEquals(65_535, previous);
                assertEquals(2, id, "after 65535 the next free id is 2 (1 is live)");
            }
            previous = id;
            h.poll();
            h.receive(Packets.puback(id));
            h.broker.take();
            h.trace.lines.clear(); // copy-on-write lists: keep them short
            h.listener.completions.clear();
        }
        assertEquals(1, wraps);
        assertEquals(1, h.client.inflight());
    }

    @Test
    void fullOutgoingTableRefusesWithOutgoingTableFullUntilAnAckFreesASlot() {
        ClientHarness h = connected();
        for (int i = 1; i <= 4; i++) {
            assertEquals(i, h.publish("t", "m" + i, 1));
        }
        assertEquals(ClientStatus.OUTGOING_TABLE_FULL, h.publish("t", "m5", 2));
        assertEquals(ClientStatus.OUTGOING_TABLE_FULL, h.publish("t", "m5", 1));
        assertEquals(2, h.client.counters().refused);
        assertEquals(4, h.client.inflight());

        h.poll();
        h.receive(Packets.puback(2));
        int id = h.publish("t", "m5", 1);
        assertTrue(id > 0 && id != 1 && id != 3 && id != 4, "id " + id);
        assertEquals(4, h.client.inflight());
    }

    @Test
    void packetLargerThanMaxPacketSizeIsRefused() {
        ClientHarness h = connected();
        // QoS 1, topic "t": 1 + 2 (Remaining Length 253) + 3 (topic) + 2 (id) + payload = 256 at 248 bytes
        assertEquals(1, h.publish("t", "x".repeat(248), 1));
        assertEquals(ClientStatus.CLIENT_PACKET_TOO_LARGE, h.publish("t", "x".repeat(249), 1));
        h.poll();
        assertEquals(256, h.broker.last().bytes.length);
        assertEquals(1, h.client.counters().refused);
    }

    @Test
    void topicNameWithWildcardsIsRefusedWithTheCodecStatus() {
        ClientHarness h = connected();
        assertEquals(CodecStatus.WILDCARD_IN_TOPIC_NAME, h.publish("a/+/c", "x", 1));
        assertEquals(CodecStatus.WILDCARD_IN_TOPIC_NAME, h.publish("a/#", "x", 0));
        assertEquals(CodecStatus.EMPTY_TOPIC, h.publish("", "x", 1));
        h.poll();
        assertTrue(h.broker.take().isEmpty());
        assertEquals(0, h.client.inflight());
    }

    @Test
    void qosOutsideZeroToTwoIsRefused() {
        ClientHarness h = connected();
        assertEquals(ClientStatus.CLIENT_INVALID_QOS, h.publish("t", "x", 3));
        assertEquals(ClientStatus.CLIENT_INVALID_QOS, h.publish("t", "x", -1));
        h.poll();
        assertTrue(h.broker.take().isEmpty());
    }

    @Test
    void retainFlagIsCarried() {
        ClientHarness h = connected();
        byte[] topic = ClientHarness.bytes("t");
        byte[] payload = ClientHarness.bytes("r");
        h.client.publish(topic, 0, 1, payload, 0, 1, 1, true);
        h.poll();
        assertTrue(h.broker.last().retain());
        assertEquals(0x33, h.broker.last().bytes[0]); // PUBLISH, DUP 0, QoS 1, RETAIN 1
    }

    @Test
    void aFullPacketPoolRefusesLikeAFullTableAndTakesTheMaximumAgainOnceFreed() {
        MqttConfig config = ClientHarness.config();
        config.outgoingPoolBytes = 512; // two packets of the 256-byte maximum, 4 slots
        ClientHarness h = new ClientHarness(config).connect(false);
        h.broker.take();
        String largest = "x".repeat(256 - 2 - 3 - 2 - 1 - 2); // fixed header 3, topic 1+2, id 2: 256 bytes
        int first = h.publish("t", largest, 1);
        int second = h.publish("t", "small", 1);
        assertTrue(first > 0 && second > 0);
        assertEquals(ClientStatus.OUTGOING_TABLE_FULL, h.publish("t", largest, 1), "pool full, slots free");
        assertEquals(2, h.client.inflight());
        assertEquals(1, h.client.counters().refused);
        h.poll();
        h.receive(Packets.puback(first));
        int third = h.publish("t", largest, 1); // fits only once the hole before "small" is closed
        assertTrue(third > 0, ClientStatus.name(third));
        h.poll();
        assertEquals(List.of("publish " + first + " qos1 dup0 t=" + largest, "publish " + second + " qos1 dup0 t=small",
                "publish " + third + " qos1 dup0 t=" + largest), h.broker.takeNames());
        h.broker.closeFromBroker();
        h.poll();
        h.reconnect(true);
        assertEquals(List.of("connect", "publish " + second + " qos1 dup1 t=small",
                "publish " + third + " qos1 dup1 t=" + largest), h.broker.takeNames(), "packets intact after the move");
    }
}
