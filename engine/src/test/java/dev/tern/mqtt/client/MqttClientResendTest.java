package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.mqtt.codec.PacketType;

/** Re-sending: on the ack timer (MQTT 3.1.1) or only after reconnecting, with and without a kept session. */
class MqttClientResendTest {

    private static ClientHarness connected(int resendMode) {
        MqttConfig config = ClientHarness.config();
        config.resendMode = resendMode;
        config.keepAliveSeconds = 0;
        ClientHarness h = new ClientHarness(config).connect(false);
        h.broker.take();
        return h;
    }

    @Test
    void ackTimeoutResendsQos1PublishWithDupSameId() {
        ClientHarness h = connected(MqttConfig.RESEND_ON_TIMER);
        int id = h.publish("t", "x", 1);
        h.poll();
        h.broker.take();

        h.advance(4_999);
        assertTrue(h.broker.take().isEmpty());
        h.advance(1);

        List<ScriptedBroker.Sent> sent = h.broker.take();
        assertEquals(List.of("publish 1 qos1 dup1 t=x"), sent.stream().map(Object::toString).toList());
        assertEquals(0x3A, sent.get(0).bytes[0]); // PUBLISH, DUP 1, QoS 1, RETAIN 0
        assertEquals(1, h.client.counters().resent);

        h.advance(5_000); // still no PUBACK: again
        assertEquals(List.of("publish 1 qos1 dup1 t=x"), h.broker.takeNames());

        h.receive(Packets.puback(id)); // for one copy
        h.receive(Packets.puback(id)); // for the other
        assertEquals(List.of(new RecordingListener.Completion(id, ClientStatus.OK)), h.listener.completions);
        assertTrue(h.client.isConnected());
    }

    @Test
    void qos2ResendsPublishBeforePubrecAndOnlyPubrelAfterIt() {
        ClientHarness h = connected(MqttConfig.RESEND_ON_TIMER);
        int id = h.publish("t", "x", 2);
        h.poll();
        h.advance(5_000);
        assertEquals(List.of("publish 1 qos2 dup0 t=x", "publish 1 qos2 dup1 t=x"), h.broker.takeNames());

        h.receive(Packets.pubrec(id));
        assertEquals(List.of("pubrel 1"), h.broker.takeNames());
        h.receive(Packets.pubrec(id)); // answering the DUP copy: nothing new
        assertTrue(h.broker.take().isEmpty());

        for (int i = 0; i < 3; i++) {
            h.advance(5_000);
            assertEquals(List.of("pubrel 1"), h.broker.takeNames(), "re-send " + i);
        }
        assertTrue(h.broker.ofType(PacketType.PUBLISH).size() == 2, "PUBLISH re-sent after PUBREC");

        h.receive(Packets.pubcomp(id));
        assertEquals(List.of(new RecordingListener.Completion(id, ClientStatus.OK)), h.listener.completions);
        h.advance(20_000);
        assertTrue(h.broker.take().isEmpty());
    }

    @Test
    void resendOnReconnectModeClosesOnAckTimeoutAndResendsAfterSessionResumes() {
        ClientHarness h = connected(MqttConfig.RESEND_ON_RECONNECT);
        int id = h.publish("t", "x", 1);
        h.poll();
        h.broker.take();

        h.advance(4_999);
        assertTrue(h.client.isConnected());
        h.advance(1);

        assertFalse(h.client.isConnected());
        assertEquals(ClientStatus.ACK_TIMEOUT, h.client.lastStatus());
        assertTrue(h.broker.take().isEmpty(), "re-sent on the timed-out connection");

        h.reconnect(true);
        assertEquals(List.of("connect", "publish 1 qos1 dup1 t=x"), h.broker.takeNames());
        h.receive(Packets.puback(id));
        assertEquals(List.of(new RecordingListener.Completion(id, ClientStatus.OK)), h.listener.completions);
    }

    /** Three records in different phases; the connection drops; the broker kept the session. */
    @Test
    void sessionResumedResendsPublishWithDupAndPubrelInOriginalOrderWithOriginalIds() {
        ClientHarness h = connected(MqttConfig.RESEND_ON_TIMER);
        assertEquals(1, h.publish("t", "a", 2));
        assertEquals(2, h.publish("t", "b", 1));
        assertEquals(3, h.publish("t", "c", 2));
        assertEquals(4, h.publish("t", "d", 2));
        h.poll();
        h.receive(Packets.pubrec(1)); // 1: PUBREL sent, PUBCOMP pending
        h.receive(Packets.pubrec(4)); // 4: PUBREL sent, PUBCOMP pending
        h.broker.take();

        h.broker.closeFromBroker();
        h.poll();
        h.reconnect(true);

        assertEquals(List.of("connect", "pubrel 1", "publish 2 qos1 dup1 t=b", "publish 3 qos2 dup1 t=c", "pubrel 4"),
                h.broker.takeNames());
        assertEquals(4, h.client.counters().resent);
        assertEquals(0, h.client.counters().republished);
        assertTrue(h.listener.completions.isEmpty());
    }

    @Test
    void sessionLostRepublishesAsNewCountsItAndResubscribes() {
        ClientHarness h = connected(MqttConfig.RESEND_ON_TIMER);
        int sub = h.subscribe("cmd/#", 1);
        h.poll();
        h.receive(Packets.suback(sub, 1));
        assertEquals(2, h.publish("t", "a", 1));
        assertEquals(3, h.publish("t", "b", 2));
        assertEquals(4, h.publish("t", "c", 2));
        h.poll();
        h.receive(Packets.pubrec(4)); // the broker owns message 4 already
        h.broker.take();

        h.broker.closeFromBroker();
        h.poll();
        h.reconnect(false);

        List<ScriptedBroker.Sent> sent = h.broker.take();
        assertEquals(List.of("connect", "publish 2 qos1 dup0 t=a", "publish 3 qos2 dup0 t=b", "subscribe 5"),
                sent.stream().map(Object::toString).toList());
        assertEquals(List.of("cmd/#@1"), sent.get(3).filters());
        assertEquals(2, h.client.counters().republished);
        // message 4 was past PUBREC: the broker had it, and with its session gone the flow is over
        assertEquals(List.of(new RecordingListener.Completion(4, ClientStatus.OK)), h.listener.completions);
        assertEquals(-1, h.client.grantedQos(0));
        h.receive(Packets.suback(5, 1));
        assertEquals(1, h.client.grantedQos(0));
    }
}
