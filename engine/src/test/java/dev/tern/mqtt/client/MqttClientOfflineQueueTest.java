package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.session.OfflineQueue;
import dev.tern.mqtt.session.Session;

/** Messages published while offline: queued, kept in order, drained after CONNACK; full-queue policies. */
class MqttClientOfflineQueueTest {

    @Test
    void publishWhileDisconnectedIsQueuedAndDrainedInOrderAfterConnack() {
        ClientHarness h = new ClientHarness(ClientHarness.config());
        assertEquals(ClientStatus.QUEUED, h.publish("t", "a", 1));
        assertEquals(ClientStatus.QUEUED, h.publish("t", "b", 2));
        assertEquals(ClientStatus.QUEUED, h.publish("t", "c", 1));
        assertEquals(3, h.client.queued());
        assertEquals(0, h.client.inflight());

        h.connect(false);

        assertEquals(List.of("connect", "publish 1 qos1 dup0 t=a", "publish 2 qos2 dup0 t=b", "publish 3 qos1 dup0 t=c"),
                h.broker.takeNames());
        assertEquals(0, h.client.queued());
        h.receive(Packets.puback(1), Packets.pubrec(2), Packets.puback(3));
        h.receive(Packets.pubcomp(2));
        assertEquals(List.of(1, 3, 2), h.listener.completions.stream().map(c -> c.packetId()).toList());
    }

    @Test
    void publishWhileReconnectingIsQueuedBehindNothingAndSentAfterConnack() {
        ClientHarness h = new ClientHarness(ClientHarness.config()).connect(false);
        h.broker.closeFromBroker();
        h.poll();
        assertEquals(ClientStatus.QUEUED, h.publish("t", "late", 0));
        h.reconnect(true);
        assertTrue(h.broker.takeNames().contains("publish 0 qos0 dup0 t=late"));
    }

    @Test
    void refusePolicyRefusesWhenFullAndKeepsWhatWasQueued() {
        MqttConfig config = ClientHarness.config();
        config.offlineQueueBytes = 40; // each record: 5 + 1 (topic) + 10 (payload) = 16 bytes
        config.offlineQueuePolicy = OfflineQueue.REFUSE;
        ClientHarness h = new ClientHarness(config);
        assertEquals(ClientStatus.QUEUED, h.publish("t", "0123456789", 1));
        assertEquals(ClientStatus.QUEUED, h.publish("t", "abcdefghij", 1));
        assertEquals(ClientStatus.CLIENT_OFFLINE_QUEUE_FULL, h.publish("t", "ABCDEFGHIJ", 1));
        assertEquals(1, h.client.counters().refused);
        assertEquals(2, h.client.queued());

        h.connect(false);
        assertEquals(List.of("connect", "publish 1 qos1 dup0 t=0123456789", "publish 2 qos1 dup0 t=abcdefghij"),
                h.broker.takeNames());
    }

    @Test
    void dropOldestPolicyDropsTheOldestAndCountsIt() {
        MqttConfig config = ClientHarness.config();
        config.offlineQueueBytes = 40;
        config.offlineQueuePolicy = OfflineQueue.DROP_OLDEST;
        ClientHarness h = new ClientHarness(config);
        assertEquals(ClientStatus.QUEUED, h.publish("t", "0123456789", 1));
        assertEquals(ClientStatus.QUEUED, h.publish("t", "abcdefghij", 1));
        assertEquals(ClientStatus.QUEUED, h.publish("t", "ABCDEFGHIJ", 1));
        assertEquals(1, h.client.counters().dropped);
        assertEquals(0, h.client.counters().refused);

        h.connect(false);
        assertEquals(List.of("connect", "publish 1 qos1 dup0 t=abcdefghij", "publish 2 qos1 dup0 t=ABCDEFGHIJ"),
                h.broker.takeNames());
    }

    @Test
    void publishWhileQueueDrainsWaitsBehindTheQueue() {
        MqttConfig config = ClientHarness.config();
        config.outgoingSlots = 2;
        ClientHarness h = new ClientHarness(config);
        for (int i = 0; i < 4; i++) {
            h.publish("t", "q" + i, 1);
        }
        h.connect(false); // only two fit in flight: two stay queued
        assertEquals(2, h.client.queued());
        assertEquals(ClientStatus.QUEUED, h.publish("t", "now", 1));

        h.receive(Packets.puback(1), Packets.puback(2));
        h.poll();
        h.receive(Packets.puback(3), Packets.puback(4));
        h.poll();
        List<String> payloads = h.broker.take().stream()
                .filter(s -> s.type() == PacketType.PUBLISH).map(s -> s.payload()).toList();
        assertEquals(List.of("q0", "q1", "q2", "q3", "now"), payloads);
    }

    @Test
    void qos0IsQueuedTooAndKeepsItsPlaceAmongQos1And2() {
        ClientHarness h = new ClientHarness(ClientHarness.config());
        h.publish("t", "a", 1);
        h.publish("t", "b", 0);
        h.publish("t", "c", 2);
        h.publish("t", "d", 0);
        assertEquals(4, h.client.queued());

        h.connect(false);

        assertEquals(List.of("connect", "publish 1 qos1 dup0 t=a", "publish 0 qos0 dup0 t=b",
                "publish 2 qos2 dup0 t=c", "publish 0 qos0 dup0 t=d"), h.broker.takeNames());
    }

    @Test
    void queuedMessagesSurviveARestart() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness first = new ClientHarness(ClientHarness.config(), flash);
        first.publish("t", "a", 1);
        first.publish("t", "b", 0);
        first.poll(); // an idle poll stores the QoS 0 message, queued LAZY

        ClientHarness second = new ClientHarness(ClientHarness.config(), flash);
        assertEquals(2, second.client.queued());
        second.connect(false);
        assertEquals(List.of("connect", "publish 1 qos1 dup0 t=a", "publish 0 qos0 dup0 t=b"),
                second.broker.takeNames());
    }

    @Test
    void drainedMessagesLeaveTheQueueInFlashBeforeTheyAreSent() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness h = new ClientHarness(ClientHarness.config(), flash);
        h.publish("t", "a", 2);
        h.publish("t", "b", 0);
        List<String> atPublish = new ArrayList<>();
        h.broker.onSent = sent -> {
            if (sent.type() == PacketType.PUBLISH) {
                Session stored = ClientHarness.storedSession(flash);
                atPublish.add("qos" + sent.qos() + " inflight=" + (sent.qos() == 2 ? stored.outgoing().find(sent.id()) : -1)
                        + " queued=" + stored.offlineQueue().count());
            }
        };
        h.connect(false);
        // "a" (QoS 2) is in the table in flash when it leaves; "b" (QoS 0) is off the queue in flash
        // when it leaves, so a reboot can send neither from the queue a second time
        assertEquals(2, atPublish.size(), atPublish.toString());
        assertTrue(atPublish.get(0).startsWith("qos2 inflight=0 "), atPublish.toString());
        assertEquals("qos0 inflight=-1 queued=0", atPublish.get(1));
    }

    @Test
    void queuedQos0WaitsBehindAnOlderMessageThatFindsNoRoom() {
        MqttConfig config = ClientHarness.config();
        config.offlineQueueBytes = 1024;
        ClientHarness h = new ClientHarness(config);
        String big = "x".repeat(240);
        assertEquals(ClientStatus.QUEUED, h.publish("t", "1" + big, 1));
        assertEquals(ClientStatus.QUEUED, h.publish("t", "2" + big, 1));
        assertEquals(ClientStatus.QUEUED, h.publish("t", "3" + big, 1)); // the 512-byte send buffer holds two
        assertEquals(ClientStatus.QUEUED, h.publish("t", "small", 0));
        h.client.start(h.now());
        h.poll();
        h.broker.writeBudget(0);
        h.receive(Packets.connack(false, 0));
        h.broker.writeBudget(ScriptedBroker.UNLIMITED);
        h.poll();
        h.poll();
        List<String> payloads = h.broker.take().stream().filter(s -> s.type() == PacketType.PUBLISH)
                .map(s -> s.payload().substring(0, 1)).toList();
        assertEquals(List.of("1", "2", "3", "s"), payloads);
    }

    @Test
    void queuedMessagesWrappingTheRingAreSentIntactAtEveryQos() {
        MqttConfig config = ClientHarness.config(); // a 256-byte ring
        ClientHarness h = new ClientHarness(config).connect(false);
        h.broker.take();
        h.broker.closeFromBroker();
        h.poll();
        List<String> expected = new ArrayList<>();
        expected.add("connect");
        for (int round = 0; round < 6; round++) {
            // 3 records of 5 + 1 + 60 bytes each per round: the ring wraps inside a topic or a payload
            for (int qos = 0; qos <= 2; qos++) {
                String payload = (char) ('a' + round) + "-" + qos + "-" + "p".repeat(56);
                assertEquals(ClientStatus.QUEUED, h.publish("t", payload, qos));
            }
            h.reconnect(true);
            List<String> sent = h.broker.takeNames();
            assertEquals(4, sent.size(), sent::toString);
            for (int qos = 0; qos <= 2; qos++) {
                String payload = (char) ('a' + round) + "-" + qos + "-" + "p".repeat(56);
                assertTrue(sent.get(1 + qos).startsWith("publish ") && sent.get(1 + qos).endsWith(" qos" + qos
                        + " dup0 t=" + payload), sent.get(1 + qos));
            }
            int qos1Id = Integer.parseInt(sent.get(2).split(" ")[1]);
            int qos2Id = Integer.parseInt(sent.get(3).split(" ")[1]);
            h.receive(Packets.puback(qos1Id), Packets.pubrec(qos2Id));
            h.receive(Packets.pubcomp(qos2Id));
            assertEquals(0, h.client.inflight());
            h.broker.take();
            h.broker.closeFromBroker();
            h.poll();
        }
    }
}
