package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Incoming PUBLISH at each QoS: delivery, acknowledgements, duplicates and the incoming QoS 2 table. */
class MqttClientReceiveTest {

    private static ClientHarness connected() {
        ClientHarness h = new ClientHarness(ClientHarness.config()).connect(false);
        h.broker.take();
        return h;
    }

    @Test
    void qos0IsDeliveredWithoutAnswer() {
        ClientHarness h = connected();
        h.receive(Packets.publish(0, false, 0, "s/1", "21.5"));
        assertEquals(List.of(new RecordingListener.Message("s/1", "21.5", 0, false)), h.listener.messages);
        assertTrue(h.broker.take().isEmpty());
    }

    @Test
    void qos1IsDeliveredAndAcknowledgedEachTimeAlsoWithDup() {
        ClientHarness h = connected();
        h.receive(Packets.publish(1, false, 7, "s/1", "a"));
        List<ScriptedBroker.Sent> sent = h.broker.take();
        assertEquals(1, sent.size());
        assertArrayEquals(new byte[] {
                0x40, 0x02,          // PUBACK, Remaining Length 2
                0x00, 0x07,          // Packet Identifier 7
        }, sent.get(0).bytes);

        h.receive(Packets.publish(1, true, 7, "s/1", "a"));
        assertEquals(List.of("puback 7"), h.broker.takeNames());
        assertEquals(2, h.listener.messages.size()); // QoS 1: at least once
    }

    @Test
    void qos2IsDeliveredOnceOnFirstPublishAndDuplicatesOnlyGetPubrecAgain() {
        ClientHarness h = connected();
        h.receive(Packets.publish(2, false, 9, "s/1", "once"));
        assertEquals(List.of(new RecordingListener.Message("s/1", "once", 2, false)), h.listener.messages);
        List<ScriptedBroker.Sent> sent = h.broker.take();
        assertArrayEquals(new byte[] {
                0x50, 0x02,          // PUBREC, Remaining Length 2
                0x00, 0x09,          // Packet Identifier 9
        }, sent.get(0).bytes);

        h.receive(Packets.publish(2, true, 9, "s/1", "once"));
        h.receive(Packets.publish(2, false, 9, "s/1", "once")); // brokers exist that re-send with DUP=0

        assertEquals(List.of("pubrec 9", "pubrec 9"), h.broker.takeNames());
        assertEquals(1, h.listener.messages.size());
        assertEquals(2, h.client.counters().duplicatesSuppressed);
        assertEquals(1, h.client.counters().delivered);
    }

    @Test
    void pubrelIsAnsweredWithPubcompAndReleasesTheId() {
        ClientHarness h = connected();
        h.receive(Packets.publish(2, false, 9, "s/1", "first"));
        h.receive(Packets.pubrel(9));
        List<ScriptedBroker.Sent> sent = h.broker.take();
        assertEquals(List.of("pubrec 9", "pubcomp 9"), sent.stream().map(Object::toString).toList());
        assertArrayEquals(new byte[] {
                0x70, 0x02,          // PUBCOMP, Remaining Length 2
                0x00, 0x09,          // Packet Identifier 9
        }, sent.get(1).bytes);

        h.receive(Packets.publish(2, false, 9, "s/1", "second"));
        assertEquals(List.of("first", "second"), h.listener.payloads());
        assertEquals(0, h.client.counters().duplicatesSuppressed);
    }

    @Test
    void unknownPubrelIsAnsweredWithPubcomp() {
        ClientHarness h = connected();
        h.receive(Packets.pubrel(31));
        assertEquals(List.of("pubcomp 31"), h.broker.takeNames());
        assertTrue(h.client.isConnected());
    }

    @Test
    void fullIncomingTableHoldsBackLaterPublishesDrainsThenReconnects() {
        ClientHarness h = connected(); // 4 incoming QoS 2 slots
        for (int id = 1; id <= 4; id++) {
            h.receive(Packets.publish(2, false, id, "s", "m" + id));
        }
        assertEquals(List.of("pubrec 1", "pubrec 2", "pubrec 3", "pubrec 4"), h.broker.takeNames());

        h.receive(Packets.publish(2, false, 5, "s", "m5"));
        h.receive(Packets.publish(1, false, 6, "s", "m6")); // after a held-back one: held back too, for order
        h.receive(Packets.publish(0, false, 0, "s", "q0")); // QoS 0 needs no acknowledgement: delivered

        assertTrue(h.broker.take().isEmpty(), "an acknowledgement for a message that could not be kept");
        assertEquals(List.of("m1", "m2", "m3", "m4", "q0"), h.listener.payloads());
        assertTrue(h.client.isConnected(), "the PUBRELs that free the table are still to come");
        assertEquals(1, h.client.counters().incomingTableFull);
        assertEquals(2, h.client.counters().heldBack);

        h.receive(Packets.pubrel(1), Packets.pubrel(2), Packets.pubrel(3));
        assertTrue(h.client.isConnected());
        h.receive(Packets.pubrel(4));

        assertEquals(List.of("pubcomp 1", "pubcomp 2", "pubcomp 3", "pubcomp 4"), h.broker.takeNames(),
                "the PUBCOMPs leave before the connection closes");
        assertFalse(h.client.isConnected());
        assertEquals(ClientStatus.CLIENT_INCOMING_TABLE_FULL, h.client.lastStatus());

        // the broker re-sends the held-back messages, in order, on the next connection
        h.reconnect(true);
        h.receive(Packets.publish(2, true, 5, "s", "m5"), Packets.publish(1, true, 6, "s", "m6"));
        assertEquals(List.of("m1", "m2", "m3", "m4", "q0", "m5", "m6"), h.listener.payloads());
    }

    @Test
    void heldBackConnectionIsClosedAfterTheAckTimeoutWhenNoPubrelComes() {
        ClientHarness h = connected();
        for (int id = 1; id <= 5; id++) {
            h.receive(Packets.publish(2, false, id, "s", "m" + id));
        }
        assertTrue(h.client.isConnected());
        h.advance(h.config.ackTimeoutMillis - 1);
        assertTrue(h.client.isConnected());
        h.advance(1);
        assertFalse(h.client.isConnected());
        assertEquals(ClientStatus.CLIENT_INCOMING_TABLE_FULL, h.client.lastStatus());
    }

    @Test
    void packetDeliveredOneByteAtATimeIsHandledWhole() {
        ClientHarness h = connected();
        h.broker.readChunk(1);
        byte[] publish = Packets.publish(2, false, 3, "slow/topic", "payload");
        h.broker.send(publish);
        for (int i = 0; i < publish.length * 2 && h.listener.messages.isEmpty(); i++) {
            h.poll();
        }
        assertEquals(List.of(new RecordingListener.Message("slow/topic", "payload", 2, false)), h.listener.messages);
        assertEquals(List.of("pubrec 3"), h.broker.takeNames());
    }

    @Test
    void severalPacketsInOneReadAreAllHandledInOrder() {
        ClientHarness h = connected();
        h.receive(Packets.concat(
                Packets.publish(0, false, 0, "a", "1"),
                Packets.publish(1, false, 2, "a", "2"),
                Packets.publish(2, false, 3, "a", "3"),
                Packets.pubrel(3)));
        assertEquals(List.of("1", "2", "3"), h.listener.payloads());
        assertEquals(List.of("puback 2", "pubrec 3", "pubcomp 3"), h.broker.takeNames());
    }
}
