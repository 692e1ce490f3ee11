package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tern.hal.Transport;
import dev.tern.mqtt.codec.DecodedPacket;
import dev.tern.mqtt.codec.PacketType;

/** Connecting: the CONNECT the engine writes, what each CONNACK does, timeouts and reconnect delays. */
class MqttClientConnectTest {

    @Test
    void writesConnectWithClientIdCleanSessionAndKeepAliveFromConfig() {
        MqttConfig config = ClientHarness.config();
        config.clientId = ClientHarness.bytes("t1");
        config.cleanSession = true;
        config.keepAliveSeconds = 30;
        ClientHarness h = new ClientHarness(config);

        h.client.start(h.now());
        h.poll();

        assertArrayEquals(new byte[] {
                0x10, 0x0E,                     // CONNECT, Remaining Length 14
                0x00, 0x04, 'M', 'Q', 'T', 'T', // Protocol Name
                0x04,                           // Protocol Level 4 (3.1.1)
                0x02,                           // Connect Flags: Clean Session
                0x00, 0x1E,                     // Keep Alive 30 s
                0x00, 0x02, 't', '1',           // Client Identifier
        }, h.broker.last().bytes);
        assertEquals(MqttClient.STATE_CONNACK_PENDING, h.client.state());
    }

    @Test
    void writesWillUserNameAndPasswordFromConfig() {
        MqttConfig config = ClientHarness.config();
        config.willTopic = ClientHarness.bytes("dev/t1/status");
        config.willMessage = ClientHarness.bytes("offline");
        config.willQos = 1;
        config.willRetain = true;
        config.userName = ClientHarness.bytes("alice");
        config.password = ClientHarness.bytes("s3cret");
        config.keepAliveSeconds = 0;
        ClientHarness h = new ClientHarness(config);

        h.client.start(h.now());
        h.poll();

        ScriptedBroker.Sent connect = h.broker.last();
        DecodedPacket p = connect.packet;
        assertEquals(PacketType.CONNECT, p.type());
        assertEquals("tern-1", connect.text(p.clientIdOffset(), p.clientIdLength()));
        assertFalse(p.cleanSession());
        assertEquals(0, p.keepAliveSeconds());
        assertTrue(p.willFlag());
        assertEquals(1, p.willQos());
        assertTrue(p.willRetain());
        assertEquals("dev/t1/status", connect.text(p.willTopicOffset(), p.willTopicLength()));
        assertEquals("offline", connect.text(p.willMessageOffset(), p.willMessageLength()));
        assertEquals("alice", connect.text(p.userNameOffset(), p.userNameLength()));
        assertEquals("s3cret", connect.text(p.passwordOffset(), p.passwordLength()));
    }

    @Test
    void writesNoWillNorCredentialsWhenNoneConfigured() {
        ClientHarness h = new ClientHarness(ClientHarness.config());
        h.client.start(h.now());
        h.poll();
        DecodedPacket p = h.broker.last().packet;
        assertFalse(p.willFlag());
        assertFalse(p.hasUserName());
        assertFalse(p.hasPassword());
    }

    @Test
    void connackAcceptedConnectsAndTellsListenerSessionPresent() {
        ClientHarness fresh = new ClientHarness(ClientHarness.config()).connect(false);
        assertEquals(MqttClient.STATE_CONNECTED, fresh.client.state());
        assertEquals(List.of(new RecordingListener.ConnectionChange(true, false, ClientStatus.OK)),
                fresh.listener.connectionChanges);

        ClientHarness resumed = new ClientHarness(ClientHarness.config()).connect(true);
        assertEquals(List.of(new RecordingListener.ConnectionChange(true, true, ClientStatus.OK)),
                resumed.listener.connectionChanges);
    }

    @ParameterizedTest(name = "CONNACK return code {0} -> {1}")
    @CsvSource({
            "3, REFUSED_SERVER_UNAVAILABLE",
    })
    void connackRefusalThatMayPassClosesWithNamedStatusAndReconnectsAfterBackoff(int returnCode, String statusName) {
        ClientHarness h = new ClientHarness(ClientHarness.config());
        h.client.start(h.now());
        h.poll();
        h.receive(Packets.connack(false, returnCode));

        assertEquals(statusName, ClientStatus.name(h.client.lastStatus()));
        assertFalse(h.broker.isOpen());
        assertEquals(MqttClient.STATE_WAITING, h.client.state());
        assertEquals(List.of(new RecordingListener.ConnectionChange(false, false, h.client.lastStatus())),
                h.listener.connectionChanges);

        h.advance(999); // reconnectMinMillis is 1000, no jitter
        assertEquals(1, h.broker.connectCalls);
        h.advance(1);
        assertEquals(2, h.broker.connectCalls);
        assertEquals(PacketType.CONNECT, h.broker.last().type());
    }

    @ParameterizedTest(name = "CONNACK return code {0} -> {1}, stopped")
    @CsvSource({
            "1, REFUSED_PROTOCOL_VERSION",
            "2, REFUSED_IDENTIFIER",
            "4, REFUSED_BAD_CREDENTIALS",
            "5, REFUSED_NOT_AUTHORIZED",
    })
    void connackRefusalThatRetryingCannotCureStopsTheEngine(int returnCode, String statusName) {
        ClientHarness h = new ClientHarness(ClientHarness.config());
        h.client.start(h.now());
        h.poll();
        h.receive(Packets.connack(false, returnCode));

        assertEquals(statusName, ClientStatus.name(h.client.lastStatus()));
        assertFalse(h.broker.isOpen());
        assertEquals(MqttClient.STATE_STOPPED, h.client.state());
        assertEquals(List.of(new RecordingListener.ConnectionChange(false, false, h.client.lastStatus())),
                h.listener.connectionChanges);

        h.advance(60_000); // no reconnect: the same credentials would be refused again
        assertEquals(1, h.broker.connectCalls);
        h.client.start(h.now()); // the application may try again, after changing what was wrong
        h.poll();
        assertEquals(2, h.broker.connectCalls);
    }

    @Test
    void noConnackWithinConnectTimeoutGivesConnackTimeout() {
        ClientHarness h = new ClientHarness(ClientHarness.config());
        h.client.start(h.now());
        h.poll();
        h.advance(2_999);
        assertEquals(MqttClient.STATE_CONNACK_PENDING, h.client.state());

        h.advance(1);

        assertEquals(ClientStatus.CONNACK_TIMEOUT, h.client.lastStatus());
        assertFalse(h.broker.isOpen());
        assertEquals(List.of(new RecordingListener.ConnectionChange(false, false, ClientStatus.CONNACK_TIMEOUT)),
                h.listener.connectionChanges);
    }

    @Test
    void transportStillConnectingAtConnectTimeoutGivesConnackTimeout() {
        ClientHarness h = new ClientHarness(ClientHarness.config());
        for (int i = 0; i < 10; i++) {
            h.broker.answerConnect(Transport.IN_PROGRESS);
        }
        h.client.start(h.now());
        h.poll();
        h.advance(2_999);
        assertEquals(MqttClient.STATE_CONNECTING, h.client.state());
        h.advance(1);
        assertEquals(ClientStatus.CONNACK_TIMEOUT, h.client.lastStatus());
        assertEquals(MqttClient.STATE_WAITING, h.client.state());
    }

    @Test
    void failedTransportConnectIsRetriedAfterBackoff() {
        ClientHarness h = new ClientHarness(ClientHarness.config());
        h.broker.answerConnect(Transport.FAILED);
        h.client.start(h.now());
        h.poll();
        assertEquals(ClientStatus.TRANSPORT_FAILED, h.client.lastStatus());
        assertTrue(h.broker.sent.isEmpty());

        h.advance(1_000);

        assertEquals(2, h.broker.connectCalls);
        assertEquals(PacketType.CONNECT, h.broker.last().type());
    }

    @Test
    void packetOtherThanConnackFirstIsUnexpected() {
        ClientHarness h = new ClientHarness(ClientHarness.config());
        h.client.start(h.now());
        h.poll();
        h.receive(Packets.publish(0, false, 0, "a", "x"));

        assertEquals(ClientStatus.UNEXPECTED_PACKET, h.client.lastStatus());
        assertFalse(h.broker.isOpen());
        assertTrue(h.listener.messages.isEmpty());
    }

    @Test
    void sessionPresentAnsweringCleanSessionIsProtocolError() {
        MqttConfig config = ClientHarness.config();
        config.cleanSession = true;
        ClientHarness h = new ClientHarness(config);
        h.client.start(h.now());
        h.poll();
        h.receive(Packets.connack(true, 0));

        assertFalse(h.client.isConnected());
        assertEquals(ClientStatus.UNEXPECTED_PACKET, h.client.lastStatus());
        assertFalse(h.broker.isOpen());
    }

    @Test
    void secondConnackOnOpenConnectionIsUnexpected() {
        ClientHarness h = new ClientHarness(ClientHarness.config()).connect(false);
        h.receive(Packets.connack(false, 0));
        assertEquals(ClientStatus.UNEXPECTED_PACKET, h.client.lastStatus());
        assertFalse(h.broker.isOpen());
    }

    @Test
    void brokerClosingGivesClosedByBrokerAndFailedReadGivesTransportFailed() {
        ClientHarness h = new ClientHarness(ClientHarness.config()).connect(false);
        h.broker.closeFromBroker();
        h.poll();
        assertEquals(ClientStatus.CLOSED_BY_BROKER, h.client.lastStatus());
        assertEquals(new RecordingListener.ConnectionChange(false, false, ClientStatus.CLOSED_BY_BROKER),
                h.listener.connectionChanges.get(1));

        h.reconnect(false);
        h.broker.failReads(Transport.FAILED);
        h.poll();
        assertEquals(ClientStatus.TRANSPORT_FAILED, h.client.lastStatus());
        assertEquals(1, h.client.counters().reconnects);
        assertEquals(2, h.client.counters().connectionsLost);
    }

    @Test
    void disconnectSendsDisconnectClosesAndStaysStopped() {
        ClientHarness h = new ClientHarness(ClientHarness.config()).connect(false);
        h.client.disconnect(h.now());

        assertEquals(PacketType.DISCONNECT, h.broker.last().type());
        assertArrayEquals(new byte[] {(byte) 0xE0, 0x00}, h.broker.last().bytes); // DISCONNECT, Remaining Length 0
        assertFalse(h.broker.isOpen());
        assertEquals(MqttClient.STATE_STOPPED, h.client.state());
        assertEquals(ClientStatus.DISCONNECTED_BY_CLIENT, h.client.lastStatus());
        assertEquals(new RecordingListener.ConnectionChange(false, false, ClientStatus.DISCONNECTED_BY_CLIENT),
                h.listener.connectionChanges.get(1));

        h.advance(60_000);
        assertEquals(1, h.broker.connectCalls);
    }

    @Test
    void reconnectDelaysDoubleFromMinToMaxAndRestartAfterAcceptedConnack() {
        ClientHarness h = new ClientHarness(ClientHarness.config());
        h.client.start(h.now());
        List<Long> gaps = new ArrayList<>();
        long lastAttempt = h.now();
        h.poll();
        for (int refusals = 0; refusals < 5; refusals++) {
            h.receive(Packets.connack(false, 3)); // server unavailable
            int calls = h.broker.connectCalls;
            while (h.broker.connectCalls == calls) {
                h.advance(1);
            }
            gaps.add(h.now() - lastAttempt);
            lastAttempt = h.now();
        }
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 8_000L), gaps);

        h.acceptConnect(false);
        h.broker.closeFromBroker();
        h.poll();
        long lostAt = h.now();
        h.reconnect(false);
        assertEquals(1_000L, h.now() - lostAt, "backoff not reset by the accepted CONNACK");
    }

    @Test
    void reconnectDelaysCarryTheSeededJitter() {
        MqttConfig config = ClientHarness.config();
        config.reconnectJitterPercent = 20;
        config.jitterSeed = 42;
        ClientHarness h = new ClientHarness(config);
        for (int i = 0; i < 6; i++) {
            h.broker.answerConnect(Transport.FAILED);
        }
        Backoff expected = new Backoff(1_000, 8_000, 20, 42);
        h.client.start(h.now());
        h.poll();
        long lastAttempt = h.now();
        for (int attempt = 0; attempt < 5; attempt++) {
            int calls = h.broker.connectCalls;
            while (h.broker.connectCalls == calls) {
                h.advance(1);
            }
            assertEquals(expected.nextDelayMillis(), h.now() - lastAttempt, "delay " + attempt);
            lastAttempt = h.now();
        }
    }
}
