package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A link that takes few or no bytes: nothing is lost, nothing overtakes, nothing is acknowledged without room. */
class MqttClientBackpressureTest {

    private static ClientHarness connected() {
        MqttConfig config = ClientHarness.config();
        config.keepAliveSeconds = 0;
        ClientHarness h = new ClientHarness(config).connect(false);
        h.broker.take();
        return h;
    }

    @Test
    void packetsWaitInOrderWhileTheLinkTakesNothing() {
        ClientHarness h = connected();
        h.broker.writeBudget(0);
        h.publish("t", "a", 1);
        h.publish("t", "b", 2);
        h.publish("t", "c", 1);
        for (int i = 0; i < 10; i++) {
            h.advance(100);
        }
        assertTrue(h.broker.take().isEmpty());

        h.broker.writeBudget(ScriptedBroker.UNLIMITED);
        h.poll();

        assertEquals(List.of("publish 1 qos1 dup0 t=a", "publish 2 qos2 dup0 t=b", "publish 3 qos1 dup0 t=c"),
                h.broker.takeNames());
    }

    @Test
    void moreRecordsThanTheSendBufferHoldsAllGoOutInOrder() {
        MqttConfig config = ClientHarness.config();
        config.keepAliveSeconds = 0;
        config.outgoingSlots = 8;
        config.outgoingPoolBytes = 8 * 256; // room for all six 208-byte packets
        ClientHarness h = new ClientHarness(config).connect(false);
        h.broker.take();
        h.broker.writeBudget(0);
        String big = "x".repeat(200);
        for (int i = 0; i < 6; i++) {
            assertEquals(i + 1, h.publish("t", i + big, 1));
        }
        h.poll(); // the 512-byte send buffer holds two of them
        for (int round = 0; round < 20; round++) {
            h.broker.writeBudget(37); // a trickle: packets are written in pieces
            h.poll();
        }
        h.broker.writeBudget(ScriptedBroker.UNLIMITED);
        h.poll();
        h.poll();

        List<ScriptedBroker.Sent> sent = h.broker.take();
        assertEquals(List.of(1, 2, 3, 4, 5, 6), sent.stream().map(s -> s.id()).toList());
        for (int i = 0; i < 6; i++) {
            assertEquals(i + big, sent.get(i).payload());
            assertTrue(!sent.get(i).dup());
        }
    }

    @Test
    void qos0IsRefusedWithSendBufferFullRatherThanLost() {
        ClientHarness h = connected();
        h.broker.writeBudget(0);
        String big = "x".repeat(250); // 256-byte packets
        assertEquals(ClientStatus.OK, h.publish("t", big, 0));
        assertEquals(ClientStatus.OK, h.publish("t", big, 0));
        assertEquals(ClientStatus.SEND_BUFFER_FULL, h.publish("t", big, 0));
        h.broker.writeBudget(ScriptedBroker.UNLIMITED);
        h.poll();
        assertEquals(2, h.broker.take().size());
    }

    @Test
    void receivedPacketsWaitWhileThereIsNoRoomForTheirAcknowledgement() {
        ClientHarness h = connected();
        h.broker.writeBudget(0);
        String big = "x".repeat(250);
        h.publish("t", big, 0);
        h.publish("t", big, 0); // the send buffer is full to the byte

        h.receive(Packets.publish(1, false, 5, "in", "a"), Packets.publish(2, false, 6, "in", "b"));
        h.poll();
        assertTrue(h.listener.messages.isEmpty(), "handled without room for its acknowledgement");

        h.broker.writeBudget(ScriptedBroker.UNLIMITED);
        h.poll();
        h.poll();

        assertEquals(List.of("a", "b"), h.listener.payloads());
        List<String> sent = h.broker.takeNames();
        assertEquals(List.of("puback 5", "pubrec 6"), sent.subList(2, sent.size()));
    }

    @Test
    void pubrelWaitsForRoomAndIsNotLost() {
        ClientHarness h = connected();
        int id = h.publish("t", "q2", 2);
        h.poll();
        h.broker.take();
        h.broker.writeBudget(0);
        String big = "x".repeat(250);
        h.publish("t", big, 0);
        h.publish("t", big, 0);
        h.receive(Packets.pubrec(id));
        h.broker.writeBudget(ScriptedBroker.UNLIMITED);
        h.poll();
        h.poll();
        List<String> sent = h.broker.takeNames();
        assertEquals("pubrel " + id, sent.get(sent.size() - 1));
        h.receive(Packets.pubcomp(id));
        assertEquals(List.of(new RecordingListener.Completion(id, ClientStatus.OK)), h.listener.completions);
    }

    @Test
    void failingWriteClosesWithTransportFailed() {
        ClientHarness h = connected();
        h.broker.failWrites(dev.tern.hal.Transport.FAILED);
        h.publish("t", "x", 1);
        h.poll();
        assertEquals(ClientStatus.TRANSPORT_FAILED, h.client.lastStatus());
        assertEquals(1, h.client.inflight());
        h.reconnect(true);
        assertEquals(List.of("connect", "publish 1 qos1 dup1 t=x"), h.broker.takeNames());
    }
}
