package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.session.QosStates;
import dev.tern.mqtt.session.Session;

/**
 * A save that fails at each point where the engine stores a change (the flash's writes fail, its
 * reads work): no packet that depends on the change leaves, nothing is lost, and the engine
 * recovers once the flash works again. The refused publish() and the refused offline publish()
 * are in {@link MqttClientSessionTest}.
 */
class MqttClientStorageFailureTest {

    private final FlashFake flash = ClientHarness.flash();

    private ClientHarness connected() {
        ClientHarness h = new ClientHarness(ClientHarness.config(), flash).connect(false);
        h.broker.take();
        return h;
    }

    /** The connection was closed for the failed save and no reconnect is tried while saves keep failing. */
    private static void assertClosedUntilStored(ClientHarness h) {
        assertFalse(h.client.isConnected(), "still connected after a failed save");
        assertEquals(ClientStatus.STORAGE_FAILED, h.client.lastStatus());
        assertTrue(h.listener.connectionChanges.contains(
                new RecordingListener.ConnectionChange(false, false, ClientStatus.STORAGE_FAILED)));
        long failures = h.client.counters().storageFailures;
        assertTrue(failures >= 1, "failed save not counted");
        int connectCalls = h.broker.connectCalls;
        for (int i = 0; i < 600; i++) {
            h.advance(100);
        }
        assertEquals(connectCalls, h.broker.connectCalls, "connected again before the session was stored");
        long retries = h.client.counters().storageFailures - failures;
        // backoff from reconnectMinMillis (1 s) doubling to reconnectMaxMillis (8 s): about 10 in a minute
        assertTrue(retries >= 3 && retries <= 15, "retries in 60 s: " + retries);
        assertEquals(List.of(), h.broker.takeNames(), "sent while disconnected");
    }

    @Test
    void pubrelLeavesOnlyAfterThePubrecIsStored() {
        ClientHarness h = connected();
        int id = h.publish("t", "x", 2);
        h.poll();
        assertEquals(List.of("publish " + id + " qos2 dup0 t=x"), h.broker.takeNames());

        flash.failWritesFrom(1);
        h.receive(Packets.pubrec(id));

        assertEquals(List.of(), h.broker.takeNames(), "PUBREL sent before its state was stored");
        assertClosedUntilStored(h);
        Session stored = ClientHarness.storedSession(flash);
        assertEquals(QosStates.QOS2_PUBLISH_SEND, stored.outgoing().state(stored.outgoing().find(id)),
                "flash holds the PUBLISH phase: after a reboot the PUBLISH goes out again, never after a PUBREL");

        flash.stopFailingWrites();
        h.reconnect(true);
        assertEquals(List.of("connect", "pubrel " + id), h.broker.takeNames());
        stored = ClientHarness.storedSession(flash);
        assertTrue(QosStates.isPubrelPhase(stored.outgoing().state(stored.outgoing().find(id))));
        h.receive(Packets.pubcomp(id));
        assertEquals(List.of(new RecordingListener.Completion(id, ClientStatus.OK)), h.listener.completions);
    }

    @Test
    void incomingQos2IsNeitherDeliveredNorAcknowledgedUntilItsIdIsStored() {
        ClientHarness h = connected();

        flash.failWritesFrom(1);
        h.receive(Packets.publish(2, false, 9, "s", "x"));

        assertEquals(List.of(), h.listener.payloads(), "delivered before its id was stored");
        assertEquals(List.of(), h.broker.takeNames(), "PUBREC sent before the id was stored");
        assertClosedUntilStored(h);

        flash.stopFailingWrites();
        List<Integer> storedAtConnect = new ArrayList<>();
        h.broker.onSent = sent -> {
            if (sent.type() == PacketType.CONNECT) {
                storedAtConnect.add(ClientHarness.storedSession(flash).incoming().stateOf(9));
            }
        };
        h.reconnect(true);
        assertEquals(List.of(QosStates.FREE), storedAtConnect,
                "the undelivered id was stored by the retry: the broker's re-send would be swallowed");
        h.broker.take();
        h.receive(Packets.publish(2, true, 9, "s", "x")); // the broker re-sends what it had no PUBREC for
        assertEquals(List.of("x"), h.listener.payloads());
        assertEquals(List.of("pubrec 9"), h.broker.takeNames());
        h.receive(Packets.pubrel(9));
        assertEquals(List.of("pubcomp 9"), h.broker.takeNames());
        assertEquals(List.of("x"), h.listener.payloads());
    }

    @Test
    void pubcompLeavesOnlyAfterTheReleaseIsStored() {
        ClientHarness h = connected();
        h.receive(Packets.publish(2, false, 9, "s", "x"));
        assertEquals(List.of("pubrec 9"), h.broker.takeNames());

        flash.failWritesFrom(1);
        h.receive(Packets.pubrel(9));

        assertEquals(List.of(), h.broker.takeNames(), "PUBCOMP sent before the release was stored");
        assertClosedUntilStored(h);

        flash.stopFailingWrites();
        h.reconnect(true);
        assertEquals(QosStates.FREE, ClientHarness.storedSession(flash).incoming().stateOf(9));
        h.broker.take();
        h.receive(Packets.pubrel(9)); // the broker re-sends the PUBREL it had no PUBCOMP for
        assertEquals(List.of("pubcomp 9"), h.broker.takeNames());
        h.receive(Packets.publish(2, false, 9, "s", "new")); // id 9 reused: a new message, not a stale duplicate
        assertEquals(List.of("x", "new"), h.listener.payloads());
    }

    @Test
    void queuedMessageIsStoredInFlightBeforeItsPublishLeaves() {
        ClientHarness h = new ClientHarness(ClientHarness.config(), flash);
        assertEquals(ClientStatus.QUEUED, h.publish("t", "a", 2));
        h.client.start(h.now());
        h.poll();
        assertEquals(List.of("connect"), h.broker.takeNames());

        flash.failWritesFrom(1);
        h.receive(Packets.connack(false, 0));

        assertEquals(List.of(), h.broker.takeNames(), "PUBLISH sent before its move into flight was stored");
        assertClosedUntilStored(h);
        Session stored = ClientHarness.storedSession(flash);
        assertEquals(1, stored.offlineQueue().count(), "still queued in flash: a reboot sends it from the queue");
        assertEquals(0, stored.outgoing().size());

        flash.stopFailingWrites();
        h.reconnect(true);
        assertEquals(List.of("connect", "publish 1 qos2 dup0 t=a"), h.broker.takeNames());
        stored = ClientHarness.storedSession(flash);
        assertEquals(0, stored.offlineQueue().count());
        assertEquals(1, stored.outgoing().size());
        h.receive(Packets.pubrec(1));
        h.receive(Packets.pubcomp(1));
        assertEquals(List.of("pubrel 1"), h.broker.takeNames());
        assertEquals(List.of(new RecordingListener.Completion(1, ClientStatus.OK)), h.listener.completions);
    }

    /** QoS 0 is "at most once" (4.3.1): a queued QoS 0 message leaves only once its removal is stored. */
    @Test
    void queuedQos0MessageLeavesOnlyOnceItsRemovalIsStored() {
        ClientHarness h = new ClientHarness(ClientHarness.config(), flash);
        assertEquals(ClientStatus.QUEUED, h.publish("t", "z", 0));
        h.client.start(h.now());
        h.poll();
        assertEquals(List.of("connect"), h.broker.takeNames());

        flash.failWritesFrom(1);
        h.receive(Packets.connack(false, 0));

        assertEquals(List.of(), h.broker.takeNames(), "QoS 0 PUBLISH sent before its removal from the queue was stored");
        assertClosedUntilStored(h);

        flash.stopFailingWrites();
        h.reconnect(true);
        List<String> sent = h.broker.takeNames();
        assertEquals(0, ClientHarness.storedSession(flash).offlineQueue().count(),
                "sent from the queue but still queued in flash: a reboot would send it again");
        assertTrue(sent.size() <= 2 && sent.get(0).equals("connect"), "sent: " + sent);
    }

    @Test
    void connackThatForgetsIncomingIdsIsStoredBeforeTheConnectionIsUsed() {
        ClientHarness first = connected();
        first.receive(Packets.publish(2, false, 9, "s", "x"));
        // a reboot: the new engine restores id 9 awaiting its PUBREL
        ClientHarness h = new ClientHarness(ClientHarness.config(), flash);
        h.client.start(h.now());
        h.poll();
        assertEquals(List.of("connect"), h.broker.takeNames());

        flash.failWritesFrom(1);
        h.receive(Packets.connack(false, 0)); // the broker lost the session, and id 9 with it

        assertTrue(h.listener.connectionChanges.stream().noneMatch(RecordingListener.ConnectionChange::connected),
                "the application was told of a connection whose session was not stored");
        assertClosedUntilStored(h);
        assertEquals(QosStates.PUBREL_PENDING, ClientHarness.storedSession(flash).incoming().stateOf(9));

        flash.stopFailingWrites();
        List<Integer> storedAtConnect = new ArrayList<>();
        h.broker.onSent = sent -> {
            if (sent.type() == PacketType.CONNECT) {
                storedAtConnect.add(ClientHarness.storedSession(flash).incoming().stateOf(9));
            }
        };
        h.reconnect(true);
        assertEquals(List.of(QosStates.FREE), storedAtConnect, "a stale id 9 was left in flash");
        h.receive(Packets.publish(2, false, 9, "s", "new"));
        assertEquals(List.of("new"), h.listener.payloads());
    }

    @Test
    void acknowledgedRemovalIsSavedLazilyAndRetriedWhileSavesFail() {
        ClientHarness h = connected();
        int id = h.publish("t", "x", 1);
        h.poll();
        h.broker.take();

        flash.failWritesFrom(1);
        h.receive(Packets.puback(id));
        h.poll(); // idle: the LAZY save is tried, and fails

        assertTrue(h.client.isConnected(), "a failed LAZY save must not end the connection");
        assertEquals(List.of(new RecordingListener.Completion(id, ClientStatus.OK)), h.listener.completions);
        assertEquals(1, h.client.counters().storageFailures);
        assertTrue(ClientHarness.storedSession(flash).outgoing().find(id) >= 0,
                "still in flash: a reboot now re-sends it, which QoS 1 allows");
        int next = h.publish("t", "y", 1);
        assertEquals(ClientStatus.STORAGE_FAILED, next, "accepted a message it could not store");
        assertEquals(List.of(), h.broker.takeNames());

        flash.stopFailingWrites();
        for (int i = 0; i < 100; i++) {
            h.advance(100);
        }
        assertEquals(0, ClientHarness.storedSession(flash).outgoing().size(), "the removal was never saved");
        assertTrue(h.client.isConnected());
    }
}
