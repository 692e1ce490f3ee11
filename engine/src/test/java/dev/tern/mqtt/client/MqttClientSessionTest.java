package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.session.QosStates;
import dev.tern.mqtt.session.Session;
import dev.tern.mqtt.session.SessionStatus;

/** The session in flash ("store before act"), restarts from it, and clean sessions. */
class MqttClientSessionTest {

    private static Session restoredFrom(FlashFake flash) {
        return ClientHarness.storedSession(flash);
    }

    private static ClientHarness connectedOn(FlashFake flash) {
        ClientHarness h = new ClientHarness(ClientHarness.config(), flash).connect(false);
        h.broker.take();
        return h;
    }

    @Test
    void countersCarryTheStoresEraseAndProgramCounts() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness h = connectedOn(flash);
        long erasesBefore = flash.erases();
        long programmedBefore = h.client.counters().storeBytesProgrammed;
        for (int i = 0; i < 40; i++) {
            int id = h.publish("t", "a reading long enough to fill units", 1);
            h.poll();
            h.receive(Packets.puback(id));
            h.poll();
        }
        Counters counters = h.client.counters();
        assertTrue(counters.storeBytesProgrammed > programmedBefore, "QoS 1 messages are journalled");
        assertTrue(flash.erases() > erasesBefore, "units were erased: " + flash.erases());
        assertEquals(flash.erases(), counters.storeErases, "every erase of the flash is the store's");
        assertEquals(0, new ClientHarness(ClientHarness.config(), null).client.counters().storeErases, "no storage");
    }

    @Test
    void incomingQos2IdIsInFlashBeforeThePubrecIsWritten() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness h = connectedOn(flash);
        List<Integer> stateAtPubrec = new ArrayList<>();
        h.broker.onSent = sent -> {
            if (sent.type() == PacketType.PUBREC) {
                stateAtPubrec.add(restoredFrom(flash).incoming().stateOf(sent.id()));
            }
        };
        h.receive(Packets.publish(2, false, 9, "s", "x"));
        assertEquals(List.of(QosStates.PUBREL_PENDING), stateAtPubrec);
    }

    @Test
    void releasedIncomingIdIsGoneFromFlashBeforeThePubcompIsWritten() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness h = connectedOn(flash);
        h.receive(Packets.publish(2, false, 9, "s", "x"));
        List<Integer> stateAtPubcomp = new ArrayList<>();
        h.broker.onSent = sent -> {
            if (sent.type() == PacketType.PUBCOMP) {
                stateAtPubcomp.add(restoredFrom(flash).incoming().stateOf(sent.id()));
            }
        };
        h.receive(Packets.pubrel(9));
        assertEquals(List.of(QosStates.FREE), stateAtPubcomp);
    }

    @Test
    void publishIsInFlashBeforePublishReturnsItsId() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness h = connectedOn(flash);
        int id = h.publish("t", "kept", 2);
        Session stored = restoredFrom(flash);
        int slot = stored.outgoing().find(id);
        assertTrue(slot >= 0, "not in flash");
        assertEquals(QosStates.QOS2_PUBLISH_SEND, stored.outgoing().state(slot));
    }

    @Test
    void pubrecIsInFlashBeforeThePubrelIsWritten() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness h = connectedOn(flash);
        int id = h.publish("t", "x", 2);
        h.poll();
        List<Integer> stateAtPubrel = new ArrayList<>();
        h.broker.onSent = sent -> {
            if (sent.type() == PacketType.PUBREL) {
                Session stored = restoredFrom(flash);
                stateAtPubrel.add(stored.outgoing().state(stored.outgoing().find(sent.id())));
            }
        };
        h.receive(Packets.pubrec(id));
        assertEquals(List.of(QosStates.PUBREL_SEND), stateAtPubrel);
    }

    @Test
    void failedSaveRefusesPublishWithStorageFailedAndKeepsNothing() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness h = connectedOn(flash);
        byte[] before = flash.cells().clone();

        flash.failNextCalls(1);
        assertEquals(ClientStatus.STORAGE_FAILED, h.publish("t", "x", 1));

        assertEquals(0, h.client.inflight());
        assertEquals(1, h.client.counters().storageFailures);
        assertTrue(Arrays.equals(before, flash.cells()), "flash changed by a failed save");
        h.advance(10_000);
        assertTrue(h.broker.ofType(PacketType.PUBLISH).isEmpty(), "a refused message was sent");
        int next = h.publish("t", "y", 1);
        assertTrue(next > 0, "the next publish works");
        h.poll();
        assertEquals(List.of("publish " + next + " qos1 dup0 t=y"), h.broker.takeNames());
    }

    @Test
    void failedSaveWhileOfflineRefusesAndNothingIsSentLater() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness h = new ClientHarness(ClientHarness.config(), flash);
        flash.failNextCalls(1);
        assertEquals(ClientStatus.STORAGE_FAILED, h.publish("t", "x", 1));
        assertEquals(0, h.client.queued());
        h.advance(1_000); // past the pause after a failed save (reconnectMinMillis)
        assertEquals(ClientStatus.QUEUED, h.publish("t", "y", 1));
        h.connect(false);
        h.advance(10);
        assertEquals(List.of("y"), h.broker.ofType(PacketType.PUBLISH).stream().map(s -> s.payload()).toList(),
                "a message refused with STORAGE_FAILED was sent");
        assertEquals(0, h.client.queued());
    }

    @Test
    void newEngineOnTheSameFlashResumesRecordsAndAllocatesFreshIds() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness first = connectedOn(flash);
        assertEquals(1, first.publish("t", "a", 1));
        assertEquals(2, first.publish("t", "b", 2));
        assertEquals(3, first.publish("t", "c", 2));
        first.poll();
        first.receive(Packets.pubrec(3));
        first.receive(Packets.publish(2, false, 40, "in", "once"));
        // power cut: the first engine is gone without a word

        ClientHarness second = new ClientHarness(ClientHarness.config(), flash);
        assertEquals(SessionStatus.OK, second.client.restoreStatus());
        assertEquals(3, second.client.inflight());
        second.connect(true);
        assertEquals(List.of("connect", "publish 1 qos1 dup1 t=a", "publish 2 qos2 dup1 t=b", "pubrel 3"),
                second.broker.takeNames());

        int next = second.publish("t", "d", 1);
        assertEquals(4, next);
        second.poll();
        second.receive(Packets.publish(2, true, 40, "in", "once")); // the broker re-sends: no second delivery
        assertTrue(second.listener.messages.isEmpty());
        assertEquals(List.of("publish 4 qos1 dup0 t=d", "pubrec 40"), second.broker.takeNames());
    }

    @Test
    void publishAcceptedButNotYetSentBeforeARebootGoesOutWithDupSet() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness first = connectedOn(flash);
        int id = first.publish("t", "maybe-sent", 2);
        // the bytes may have left before the power went: the move to PUBREC_PENDING is not saved on its own

        ClientHarness second = new ClientHarness(ClientHarness.config(), flash);
        second.connect(true);

        assertEquals(List.of("connect", "publish " + id + " qos2 dup1 t=maybe-sent"), second.broker.takeNames());
    }

    @Test
    void restartedEngineSkipsIdsStillLiveAfterTheStoredNextId() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness first = connectedOn(flash);
        for (int i = 0; i < 4; i++) {
            first.publish("t", "m" + i, 1);
        }
        first.poll();
        first.receive(Packets.puback(2));
        first.poll(); // an idle poll stores the removal (LAZY)

        ClientHarness second = new ClientHarness(ClientHarness.config(), flash);
        second.connect(true);
        second.broker.take();
        int id = second.publish("t", "new", 1);
        assertTrue(id != 1 && id != 3 && id != 4 && id > 0, "collides: " + id);
    }

    @Test
    void cleanSessionDiscardsStoredStateAtConnectAndTellsTheListenerPerMessage() {
        FlashFake flash = ClientHarness.flash();
        ClientHarness first = connectedOn(flash);
        first.publish("t", "a", 1);
        first.publish("t", "b", 2);
        first.poll();
        first.receive(Packets.publish(2, false, 40, "in", "x"));

        MqttConfig config = ClientHarness.config();
        config.cleanSession = true;
        ClientHarness second = new ClientHarness(config, flash);
        assertEquals(2, second.client.inflight());
        second.connect(false);

        assertEquals(List.of(new RecordingListener.Completion(1, ClientStatus.DISCARDED_BY_CLEAN_SESSION),
                new RecordingListener.Completion(2, ClientStatus.DISCARDED_BY_CLEAN_SESSION)),
                second.listener.completions);
        assertEquals(0, second.client.inflight());
        assertEquals(2, second.client.counters().discarded);
        assertEquals(List.of("connect"), second.broker.takeNames());
        second.poll(); // an idle poll stores the discard (LAZY: a clean connect discards again)
        Session stored = restoredFrom(flash);
        assertEquals(0, stored.outgoing().size());
        assertEquals(0, stored.incoming().size());
        second.receive(Packets.publish(2, false, 40, "in", "new")); // id 40 is new in the new session
        assertEquals(List.of("new"), second.listener.payloads());
    }

    @Test
    void cleanSessionDiscardsInFlightMessagesWhenTheConnectionIsMadeAgain() {
        MqttConfig config = ClientHarness.config();
        config.cleanSession = true;
        ClientHarness h = new ClientHarness(config).connect(false);
        int id = h.publish("t", "a", 1);
        h.poll();
        h.broker.closeFromBroker();
        h.poll();
        h.reconnect(false);
        assertEquals(List.of(new RecordingListener.Completion(id, ClientStatus.DISCARDED_BY_CLEAN_SESSION)),
                h.listener.completions);
        assertEquals(1, h.broker.ofType(PacketType.PUBLISH).size());
    }
}
