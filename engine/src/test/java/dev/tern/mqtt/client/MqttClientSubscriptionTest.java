package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.mqtt.codec.CodecStatus;
import dev.tern.mqtt.codec.PacketType;

/** SUBSCRIBE and UNSUBSCRIBE, the granted QoS, and subscribing again when the broker lost the session. */
class MqttClientSubscriptionTest {

    private static ClientHarness connected() {
        ClientHarness h = new ClientHarness(ClientHarness.config()).connect(false);
        h.broker.take();
        return h;
    }

    @Test
    void subscribeIsEncodedWithTheRequestedQos() {
        ClientHarness h = connected();
        int id = h.subscribe("s/+", 2);
        assertEquals(1, id);
        h.poll();
        assertArrayEquals(new byte[] {
                (byte) 0x82, 0x08,   // SUBSCRIBE (flags 0010), Remaining Length 8
                0x00, 0x01,          // Packet Identifier 1
                0x00, 0x03, 's', '/', '+', // Topic Filter "s/+"
                0x02,                // Requested QoS 2
        }, h.broker.last().bytes);
    }

    @Test
    void subackGrantIsRecordedAndReported() {
        ClientHarness h = connected();
        int id = h.subscribe("s/#", 2);
        h.poll();
        assertEquals(-1, h.client.grantedQos(0));
        h.receive(Packets.suback(id, 1));

        assertEquals(1, h.client.grantedQos(0));
        assertEquals(2, h.client.requestedQos(0));
        assertEquals(List.of(new RecordingListener.Granted(id, 0, 1)), h.listener.granted);
        assertEquals(0, h.client.inflight());
    }

    @Test
    void subackFailureIsReportedAs0x80() {
        ClientHarness h = connected();
        int id = h.subscribe("forbidden/#", 1);
        h.poll();
        h.receive(Packets.suback(id, 0x80));
        assertEquals(0x80, h.client.grantedQos(0));
        assertEquals(List.of(new RecordingListener.Granted(id, 0, 0x80)), h.listener.granted);
        assertTrue(h.client.isConnected());
    }

    @Test
    void invalidFilterAndQosAreRefused() {
        ClientHarness h = connected();
        assertEquals(CodecStatus.MISPLACED_MULTI_LEVEL_WILDCARD, h.subscribe("a/#/b", 1));
        assertEquals(ClientStatus.CLIENT_INVALID_QOS, h.subscribe("a", 3));
        assertEquals(0, h.client.subscriptionCount());
        h.poll();
        assertTrue(h.broker.take().isEmpty());
    }

    @Test
    void unsubscribeSendsUnsubscribeAndForgetsTheFilter() {
        ClientHarness h = connected();
        int sub = h.subscribe("a/+", 1);
        h.subscribe("b", 0);
        h.poll();
        h.receive(Packets.suback(sub, 1));
        h.broker.take();

        int id = h.unsubscribe("a/+");
        h.poll();
        assertArrayEquals(new byte[] {
                (byte) 0xA2, 0x07,   // UNSUBSCRIBE (flags 0010), Remaining Length 7
                0x00, 0x03,          // Packet Identifier 3
                0x00, 0x03, 'a', '/', '+', // Topic Filter "a/+"
        }, h.broker.last().bytes);
        assertEquals(3, id);
        assertEquals(1, h.client.subscriptionCount());
        h.receive(Packets.unsuback(id));
        assertEquals(0, h.client.inflight() - 1, "only the SUBSCRIBE of b waits");
        assertTrue(h.client.isConnected());
    }

    @Test
    void subscribeWhileOfflineIsSentOnceAfterConnack() {
        ClientHarness h = new ClientHarness(ClientHarness.config());
        int id = h.subscribe("cmd/#", 1);
        h.connect(false);
        assertEquals(List.of("connect", "subscribe " + id), h.broker.takeNames());
    }

    @Test
    void sessionLostResubscribesEveryFilterWithItsRequestedQos() {
        ClientHarness h = connected();
        int a = h.subscribe("a", 0);
        int b = h.subscribe("b/#", 2);
        h.poll();
        h.receive(Packets.suback(a, 0), Packets.suback(b, 2));
        h.broker.take();

        h.broker.closeFromBroker();
        h.poll();
        h.reconnect(false);

        List<ScriptedBroker.Sent> subscribes = h.broker.take().stream()
                .filter(s -> s.type() == PacketType.SUBSCRIBE).toList();
        assertEquals(List.of(List.of("a@0"), List.of("b/#@2")), subscribes.stream().map(s -> s.filters()).toList());
        assertEquals(-1, h.client.grantedQos(0));
    }

    @Test
    void sessionResumedDoesNotResubscribeGrantedFilters() {
        ClientHarness h = connected();
        int a = h.subscribe("a", 1);
        h.poll();
        h.receive(Packets.suback(a, 1));
        h.broker.closeFromBroker();
        h.poll();
        h.broker.take();

        h.reconnect(true);

        assertEquals(List.of("connect"), h.broker.takeNames());
        assertEquals(1, h.client.grantedQos(0));
    }

    @Test
    void subscribeWhoseSubackNeverCameIsSentAgainAfterReconnect() {
        ClientHarness h = connected();
        h.subscribe("a", 1);
        h.poll();
        h.broker.closeFromBroker();
        h.poll();
        h.broker.take();

        h.reconnect(true);

        List<ScriptedBroker.Sent> sent = h.broker.take();
        assertEquals(2, sent.size());
        assertEquals(PacketType.SUBSCRIBE, sent.get(1).type());
        h.receive(Packets.suback(sent.get(1).id(), 1));
        assertEquals(1, h.client.grantedQos(0));
    }

    @Test
    void unsubscribeWhoseUnsubackWasLostIsSentAgainAfterReconnect() {
        ClientHarness h = connected();
        int sub = h.subscribe("a", 1);
        h.poll();
        h.receive(Packets.suback(sub, 1));
        int id = h.unsubscribe("a");
        h.poll();
        h.broker.take();
        h.broker.closeFromBroker(); // the UNSUBACK never comes
        h.poll();

        h.reconnect(true);

        assertEquals(List.of("connect", "unsubscribe " + id), h.broker.takeNames());
        assertEquals(List.of("a"), h.broker.last().filters());
        h.receive(Packets.unsuback(id));
        assertEquals(0, h.client.inflight());
        assertEquals(0, h.client.subscriptionCount());
    }

    @Test
    void resubscribeThatFoundTheTableFullAtConnackIsSentOnceThereIsRoom() {
        ClientHarness h = connected();
        int a = h.subscribe("a", 1);
        h.poll();
        h.receive(Packets.suback(a, 1));
        for (int i = 0; i < 4; i++) {
            assertTrue(h.publish("t", "m" + i, 1) > 0);
        }
        h.poll();
        h.broker.closeFromBroker();
        h.poll();
        h.broker.take();

        h.reconnect(false); // no session: "a" must be subscribed again, but four messages fill the table
        List<ScriptedBroker.Sent> afterConnack = h.broker.take();
        assertTrue(afterConnack.stream().noneMatch(s -> s.type() == PacketType.SUBSCRIBE), "no slot for it yet");
        ScriptedBroker.Sent first = afterConnack.stream().filter(s -> s.type() == PacketType.PUBLISH).findFirst()
                .orElseThrow();
        h.receive(Packets.puback(first.id()));
        h.poll();

        List<ScriptedBroker.Sent> subscribes = h.broker.take().stream()
                .filter(s -> s.type() == PacketType.SUBSCRIBE).toList();
        assertEquals(List.of(List.of("a@1")), subscribes.stream().map(s -> s.filters()).toList());
    }

    @Test
    void subscribingAgainWhileTheTableIsFullKeepsTheExistingSubscription() {
        ClientHarness h = connected();
        int a = h.subscribe("a", 1);
        h.poll();
        h.receive(Packets.suback(a, 1));
        for (int i = 0; i < 4; i++) {
            assertTrue(h.publish("t", "m" + i, 1) > 0);
        }

        assertEquals(ClientStatus.OUTGOING_TABLE_FULL, h.subscribe("a", 2));

        assertEquals(1, h.client.subscriptionCount());
        assertEquals(1, h.client.grantedQos(0));
        assertEquals(1, h.client.requestedQos(0));
    }

    @Test
    void subackWithMoreThanOneReturnCodeClosesWithAckOutOfFlow() {
        ClientHarness h = connected();
        int id = h.subscribe("a", 1);
        h.poll();
        h.receive(Packets.suback(id, 1, 1));
        assertEquals(ClientStatus.ACK_OUT_OF_FLOW, h.client.lastStatus());
    }
}
