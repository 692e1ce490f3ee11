package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.mqtt.codec.PacketType;

/** Keep alive: PINGREQ after keepAlive seconds without sending, PINGRESP within the ack timeout. */
class MqttClientKeepAliveTest {

    /** keepAlive 10 s; the CONNECT was written at START. */
    private static ClientHarness connected(int keepAliveSeconds) {
        return connected(keepAliveSeconds, 10_000);
    }

    private static ClientHarness connected(int keepAliveSeconds, int pingTimeoutMillis) {
        MqttConfig config = ClientHarness.config();
        config.keepAliveSeconds = keepAliveSeconds;
        config.pingTimeoutMillis = pingTimeoutMillis;
        ClientHarness h = new ClientHarness(config).connect(false);
        h.broker.take();
        return h;
    }

    @Test
    void sendsPingreqExactlyWhenIdleForKeepAlive() {
        ClientHarness h = connected(10);

        h.advance(9_999);
        assertTrue(h.broker.take().isEmpty());
        h.advance(1);

        List<ScriptedBroker.Sent> sent = h.broker.take();
        assertEquals(1, sent.size());
        assertArrayEquals(new byte[] {(byte) 0xC0, 0x00}, sent.get(0).bytes); // PINGREQ, Remaining Length 0
    }

    @Test
    void anySentPacketPostponesPingreq() {
        ClientHarness h = connected(10);
        h.advance(6_000);
        h.publish("t", "x", 0);
        h.poll();
        assertEquals(List.of("publish 0 qos0 dup0 t=x"), h.broker.takeNames());

        h.advance(4_000); // 10 s after CONNECT, 4 s after the PUBLISH
        h.advance(5_999);
        assertTrue(h.broker.take().isEmpty());
        h.advance(1);
        assertEquals(List.of("pingreq"), h.broker.takeNames());
    }

    @Test
    void receivingAloneDoesNotPostponePingreq() {
        ClientHarness h = connected(10);
        h.advance(5_000);
        h.receive(Packets.publish(0, false, 0, "in", "x"));
        h.advance(5_000);
        assertEquals(List.of("pingreq"), h.broker.takeNames());
    }

    @Test
    void pingrespClearsThePingAndTheNextOneFollowsAfterAnotherInterval() {
        ClientHarness h = connected(10);
        h.advance(10_000);
        assertEquals(List.of("pingreq"), h.broker.takeNames());
        h.advance(500);
        h.receive(Packets.pingresp());

        h.advance(9_499);
        assertTrue(h.client.isConnected());
        assertTrue(h.broker.take().isEmpty());
        h.advance(1);
        assertEquals(List.of("pingreq"), h.broker.takeNames());
        assertTrue(h.client.isConnected());
    }

    @Test
    void noPingrespInTimeGivesPingTimeoutAndReconnects() {
        ClientHarness h = connected(10, 7_000);
        h.advance(10_000);
        assertEquals(List.of("pingreq"), h.broker.takeNames());

        h.advance(6_999); // the PINGRESP is due within pingTimeoutMillis, whatever ackTimeoutMillis says
        assertTrue(h.client.isConnected());
        h.advance(1);

        assertFalse(h.client.isConnected());
        assertEquals(ClientStatus.PING_TIMEOUT, h.client.lastStatus());
        assertFalse(h.broker.isOpen());
        h.reconnect(false);
        assertEquals(2, h.broker.connections);
    }

    @Test
    void keepAliveZeroNeverSendsPingreq() {
        ClientHarness h = connected(0);
        for (int i = 0; i < 24 * 60; i++) {
            h.advance(60_000);
        }
        assertTrue(h.broker.ofType(PacketType.PINGREQ).isEmpty());
        assertTrue(h.client.isConnected());
    }
}
