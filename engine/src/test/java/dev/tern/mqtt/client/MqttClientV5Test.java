package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.codec.Properties;
import dev.tern.mqtt.codec.PropertyId;
import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.mqtt.codec.ReasonCode;

/** The engine speaking MQTT 5 to a scripted broker: what it announces, what it obeys, how it refuses. */
class MqttClientV5Test {

    private static MqttConfig config() {
        MqttConfig config = ClientHarness.config();
        config.protocolVersion = ProtocolLevel.V5;
        return config;
    }

    private static long property(ScriptedBroker.Sent sent, int id) {
        Properties properties = new Properties();
        properties.wrap(sent.packet);
        return properties.find(id) ? properties.longValue() : -1;
    }

    @Test
    void connectAnnouncesTheSessionExpiryTheIncomingTableAndTheReceiveBuffer() {
        ClientHarness h = new ClientHarness(config());
        h.client.start(h.now());
        h.poll();

        ScriptedBroker.Sent connect = h.broker.last();
        assertEquals(PacketType.CONNECT, connect.type());
        assertEquals(ProtocolLevel.V5, connect.packet.protocolLevel());
        assertEquals(MqttConfig.SESSION_NEVER_EXPIRES, property(connect, PropertyId.SESSION_EXPIRY_INTERVAL));
        assertEquals(4, property(connect, PropertyId.RECEIVE_MAXIMUM)); // incomingQos2Slots
        assertEquals(256, property(connect, PropertyId.MAXIMUM_PACKET_SIZE)); // maxPacketSize
        assertEquals(-1, property(connect, PropertyId.TOPIC_ALIAS_MAXIMUM)); // none allowed: left out
    }

    @Test
    void willCarriesItsDelayAndRequestProblemInformationZeroIsAsked() {
        MqttConfig config = config();
        config.willTopic = ClientHarness.bytes("status/board-01");
        config.willMessage = ClientHarness.bytes("offline");
        config.willDelaySeconds = 30;
        config.requestProblemInformation = false;
        ClientHarness h = new ClientHarness(config);
        h.client.start(h.now());
        h.poll();

        ScriptedBroker.Sent connect = h.broker.last();
        assertTrue(connect.packet.willFlag());
        Properties will = new Properties();
        will.wrapWill(connect.packet);
        assertTrue(will.find(PropertyId.WILL_DELAY_INTERVAL));
        assertEquals(30, will.longValue());
        assertEquals(0, property(connect, PropertyId.REQUEST_PROBLEM_INFORMATION));
    }

    @Test
    void cleanSessionSendsNoSessionExpirySoTheSessionEndsWithTheConnection() {
        MqttConfig config = config();
        config.cleanSession = true;
        ClientHarness h = new ClientHarness(config);
        h.client.start(h.now());
        h.poll();

        assertTrue(h.broker.last().packet.cleanSession());
        assertEquals(-1, property(h.broker.last(), PropertyId.SESSION_EXPIRY_INTERVAL)); // absent means 0
    }

    @Test
    void refusalRetryingCannotCureStopsAndNamesTheReasonCode() {
        ClientHarness h = new ClientHarness(config());
        h.client.start(h.now());
        h.poll();
        h.receive(Packets5.connack(false, ReasonCode.BAD_USER_NAME_OR_PASSWORD));

        assertEquals("REFUSED_BAD_USER_NAME_OR_PASSWORD", ClientStatus.name(h.client.lastStatus()));
        assertEquals(MqttClient.STATE_STOPPED, h.client.state());
        h.advance(60_000);
        assertEquals(1, h.broker.connectCalls);
    }

    @Test
    void refusalThatMayPassReconnectsAfterTheBackoff() {
        ClientHarness h = new ClientHarness(config());
        h.client.start(h.now());
        h.poll();
        h.receive(Packets5.connack(false, ReasonCode.SERVER_BUSY));

        assertEquals("REFUSED_SERVER_BUSY", ClientStatus.name(h.client.lastStatus()));
        assertEquals(MqttClient.STATE_WAITING, h.client.state());
        h.advance(1_000);
        assertEquals(2, h.broker.connectCalls);
    }

    @Test
    void sendQuotaKeepsNoMoreUnacknowledgedPublishesThanTheBrokersReceiveMaximum() {
        ClientHarness h = new ClientHarness(config());
        h.client.start(h.now());
        h.poll();
        h.receive(Packets5.connack(false, 0, w -> w.addInt16(PropertyId.RECEIVE_MAXIMUM, 2)));
        h.broker.take();

        int first = h.publish("t/a", "1", 1);
        int second = h.publish("t/a", "2", 2);
        int third = h.publish("t/a", "3", 1); // accepted: it waits in the outgoing table for a place in the quota
        int fourth = h.publish("t/a", "4", 1);
        assertTrue(first > 0 && second > 0 && third > 0 && fourth > 0);
        h.poll();
        assertEquals(List.of("publish " + first + " qos1 dup0 t/a=1", "publish " + second + " qos2 dup0 t/a=2"),
                h.broker.takeNames());

        // a PUBREC does not free the place: the QoS 2 message counts until its PUBCOMP [MQTT-4.9.0-1]
        h.receive(Packets.pubrec(second));
        assertEquals(List.of("pubrel " + second), h.broker.takeNames());
        h.receive(Packets.puback(first));
        assertEquals(List.of("publish " + third + " qos1 dup0 t/a=3"), h.broker.takeNames());
        h.receive(Packets.pubcomp(second));
        assertEquals(List.of("publish " + fourth + " qos1 dup0 t/a=4"), h.broker.takeNames());
        h.receive(Packets.puback(third), Packets.puback(fourth));
        assertEquals(4, h.listener.completedOk());
    }

    @Test
    void failingPubackCompletesTheMessageWithItsReasonAndFreesItsPlace() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.broker.take();
        int id = h.publish("t/a", "x", 1);
        h.poll();
        h.receive(Packets5.ack(PacketType.PUBACK, id, ReasonCode.QUOTA_EXCEEDED));

        assertEquals(List.of(new RecordingListener.Completion(id, ClientStatus.publishRefused(ReasonCode.QUOTA_EXCEEDED))),
                h.listener.completions);
        assertEquals("PUBLISH_REFUSED_QUOTA_EXCEEDED", ClientStatus.name(h.listener.completions.get(0).status()));
        assertEquals(0, h.client.inflight());
        assertEquals(1, h.client.counters().refusedByBroker);
        assertTrue(h.client.isConnected());
    }

    @Test
    void failingPubrecEndsTheFlowWithoutPubrelAndAPubrelForItIsAnsweredNotFound() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.broker.take();
        int id = h.publish("t/a", "x", 2);
        h.poll();
        h.broker.take();
        h.receive(Packets5.ack(PacketType.PUBREC, id, ReasonCode.NOT_AUTHORIZED));

        assertEquals(List.of(), h.broker.takeNames()); // no PUBREL after a failing PUBREC
        assertEquals(ClientStatus.publishRefused(ReasonCode.NOT_AUTHORIZED), h.listener.completions.get(0).status());
        assertEquals(0, h.client.inflight());

        // HiveMQ sends PUBREL anyway: answer PUBCOMP 0x92, stay connected
        h.receive(Packets.pubrel(id));
        ScriptedBroker.Sent pubcomp = h.broker.last();
        assertEquals(PacketType.PUBCOMP, pubcomp.type());
        assertEquals(ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, pubcomp.packet.reasonCode());
        assertTrue(h.client.isConnected());
    }

    @Test
    void publishAboveWhatTheConnackAllowsIsRefusedByName() {
        ClientHarness h = new ClientHarness(config());
        h.client.start(h.now());
        h.poll();
        h.receive(Packets5.connack(false, 0, w -> {
            w.addByte(PropertyId.MAXIMUM_QOS, 1);
            w.addByte(PropertyId.RETAIN_AVAILABLE, 0);
            w.addInt32(PropertyId.MAXIMUM_PACKET_SIZE, 40);
        }));
        h.broker.take();

        assertEquals(ClientStatus.CLIENT_QOS_NOT_SUPPORTED, h.publish("t/a", "x", 2));
        byte[] topic = ClientHarness.bytes("t/a");
        assertEquals(ClientStatus.CLIENT_RETAIN_NOT_SUPPORTED, h.client.publish(topic, 0, 3, topic, 0, 1, 1, true));
        assertEquals(ClientStatus.CLIENT_PACKET_TOO_LARGE, h.publish("t/a", "x".repeat(40), 1));
        assertTrue(h.publish("t/a", "fits", 1) > 0);
        h.poll();
        assertEquals(1, h.broker.take().size());
        // 40 bytes with no alias would fit; the room for an alias that sending may add does not
        assertEquals(ClientStatus.CLIENT_PACKET_TOO_LARGE, h.publish("t/a", "x".repeat(29), 1));
        assertTrue(h.publish("t/a", "x".repeat(25), 1) > 0);
    }

    @Test
    void serverKeepAliveReplacesTheClientsOwn() {
        ClientHarness h = new ClientHarness(config()); // keepAliveSeconds 60
        h.client.start(h.now());
        h.poll();
        h.receive(Packets5.connack(false, 0, w -> w.addInt16(PropertyId.SERVER_KEEP_ALIVE, 5)));
        h.broker.take();

        h.advance(4_999);
        assertEquals(List.of(), h.broker.takeNames());
        h.advance(1);
        assertEquals(List.of("pingreq"), h.broker.takeNames());
    }

    @Test
    void assignedClientIdentifierIsUsedForTheNextConnections() {
        MqttConfig config = config();
        config.clientId = new byte[0];
        config.cleanSession = true;
        ClientHarness h = new ClientHarness(config);
        h.client.start(h.now());
        h.poll();
        byte[] assigned = ClientHarness.bytes("auto-7F3A");
        h.receive(Packets5.connack(false, 0, w -> w.addBytes(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, assigned, 0,
                assigned.length)));
        assertTrue(h.client.isConnected());

        h.broker.closeFromBroker();
        h.poll();
        h.reconnect(false);
        ScriptedBroker.Sent connect = h.broker.ofType(PacketType.CONNECT).get(1);
        assertEquals("auto-7F3A", connect.text(connect.packet.clientIdOffset(), connect.packet.clientIdLength()));
    }

    @Test
    void brokerDisconnectIsSurfacedByItsReasonAndTheEngineReconnects() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.receive(Packets5.disconnect(ReasonCode.SESSION_TAKEN_OVER));

        assertEquals("BROKER_DISCONNECT_SESSION_TAKEN_OVER", ClientStatus.name(h.client.lastStatus()));
        assertFalse(h.client.isConnected());
        assertEquals(new RecordingListener.ConnectionChange(false, false, h.client.lastStatus()),
                h.listener.connectionChanges.get(1));
        h.reconnect(true);
    }

    @Test
    void malformedPacketGetsDisconnectMalformedBeforeTheConnectionCloses() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.broker.take();
        h.receive(new byte[] {0x40, 0x03, 0x00, 0x01, (byte) 0xEE}); // PUBACK with an undefined reason code

        ScriptedBroker.Sent disconnect = h.broker.last();
        assertEquals(PacketType.DISCONNECT, disconnect.type());
        assertTrue(ReasonCode.isFailure(disconnect.packet.reasonCode()));
        assertFalse(h.broker.isOpen());
        assertFalse(h.client.isConnected());
    }

    @Test
    void packetAboveOurMaximumPacketSizeGetsDisconnectPacketTooLarge() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.broker.take();
        h.receive(Packets5.publish(0, false, 0, "t/a", "y".repeat(300)));

        assertEquals(ReasonCode.PACKET_TOO_LARGE, h.broker.last().packet.reasonCode());
        assertEquals(PacketType.DISCONNECT, h.broker.last().type());
        assertFalse(h.client.isConnected());
        assertTrue(h.listener.messages.isEmpty());
    }

    @Test
    void topicAliasAboveTheMaximumWeAllowedGetsDisconnectTopicAliasInvalid() {
        ClientHarness h = new ClientHarness(config()).connect(false); // Topic Alias Maximum 0
        h.broker.take();
        h.receive(Packets5.publish(1, false, 9, "t/a", "x", w -> w.addInt16(PropertyId.TOPIC_ALIAS, 1)));

        assertEquals(PacketType.DISCONNECT, h.broker.last().type());
        assertEquals(ReasonCode.TOPIC_ALIAS_INVALID, h.broker.last().packet.reasonCode());
        assertEquals("VIOLATION_TOPIC_ALIAS_INVALID", ClientStatus.name(h.client.lastStatus()));
        assertTrue(h.listener.messages.isEmpty());
    }

    @Test
    void authWithoutAnAuthenticationMethodGetsDisconnectProtocolError() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.broker.take();
        h.receive(Packets5.auth(ReasonCode.CONTINUE_AUTHENTICATION));

        assertEquals(ReasonCode.PROTOCOL_ERROR, h.broker.last().packet.reasonCode());
        assertFalse(h.client.isConnected());
    }

    @Test
    void connackWithReceiveMaximumZeroIsAProtocolError() {
        ClientHarness h = new ClientHarness(config());
        h.client.start(h.now());
        h.poll();
        h.broker.take();
        // Receive Maximum 0 cannot be written by the encoder: bytes by hand (3.2.2.3.3)
        h.receive(new byte[] {0x20, 0x06, 0x00, 0x00, 0x03, 0x21, 0x00, 0x00});

        assertEquals(PacketType.DISCONNECT, h.broker.last().type());
        assertEquals(ReasonCode.PROTOCOL_ERROR, h.broker.last().packet.reasonCode());
        assertFalse(h.client.isConnected());
    }

    @Test
    void receivedMessagesCarryPacketIdAndDupAndQos2CompletionIsTold() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.broker.take();
        h.receive(Packets5.publish(2, true, 7, "t/a", "x"));
        assertEquals(new RecordingListener.Message("t/a", "x", 2, false, 7, true), h.listener.messages.get(0));
        assertArrayEquals(new byte[] {0x50, 0x02, 0x00, 0x07}, h.broker.last().bytes); // PUBREC, short form
        assertTrue(h.listener.receiveCompletions.isEmpty());

        h.receive(Packets.pubrel(7));
        assertArrayEquals(new byte[] {0x70, 0x02, 0x00, 0x07}, h.broker.last().bytes); // PUBCOMP, short form
        assertEquals(List.of(7), h.listener.receiveCompletions);
    }

    @Test
    void unsubscribeCompletesWithTheBrokersReasonCode() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.broker.take();
        int id = h.unsubscribe("t/#");
        h.poll();
        h.receive(Packets5.unsuback(id, ReasonCode.NO_SUBSCRIPTION_EXISTED));

        assertEquals(List.of(new RecordingListener.Unsubscribed(id, ReasonCode.NO_SUBSCRIPTION_EXISTED)),
                h.listener.unsubscribed);
    }

    @Test
    void subscriptionOptionsGoOnTheWireInMqtt5() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.broker.take();
        byte[] filter = ClientHarness.bytes("t/#");
        int id = h.client.subscribe(filter, 0, filter.length, 1, true, true, 2);
        assertTrue(id > 0);
        h.poll();

        ScriptedBroker.Sent subscribe = h.broker.last();
        subscribe.packet.rewindFilters();
        assertTrue(subscribe.packet.nextFilter());
        assertEquals(1, subscribe.packet.filterQos());
        assertTrue(subscribe.packet.filterNoLocal());
        assertTrue(subscribe.packet.filterRetainAsPublished());
        assertEquals(2, subscribe.packet.filterRetainHandling());
    }

    @Test
    void subscriptionOptionsAreRefusedInMqtt311() {
        ClientHarness h = new ClientHarness(ClientHarness.config()).connect(false);
        byte[] filter = ClientHarness.bytes("t/#");
        assertEquals(ClientStatus.CLIENT_INVALID_OPTIONS, h.client.subscribe(filter, 0, filter.length, 1, true, false, 0));
    }

    @Test
    void disconnectFromACallbackWaitsForThePacketBeingHandled() {
        MqttConfig config = config();
        ClientHarness h = new ClientHarness(config).connect(false);
        h.broker.take();
        int[] returned = new int[1];
        h.listener.onUnsubscribedHook = packetId -> returned[0] = h.client.disconnect(h.now());
        int id = h.unsubscribe("t/#");
        h.poll();
        h.receive(Packets5.unsuback(id, ReasonCode.SUCCESS));

        assertEquals(ClientStatus.DISCONNECT_PENDING, returned[0]);
        assertEquals(MqttClient.STATE_STOPPED, h.client.state());
        assertEquals(ClientStatus.DISCONNECTED_BY_CLIENT, h.client.lastStatus());
        assertEquals(PacketType.DISCONNECT, h.broker.last().type());
        assertEquals(ReasonCode.NORMAL_DISCONNECTION, h.broker.last().packet.reasonCode());
        h.advance(60_000);
        assertEquals(1, h.broker.connectCalls); // no reconnect, unlike before
    }

    @Test
    void disconnectOnACongestedLinkSaysTheDisconnectWasNotSent() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.broker.take();
        h.broker.writeBudget(0);

        assertEquals(ClientStatus.DISCONNECT_NOT_SENT, h.client.disconnect(h.now()));
        assertEquals(MqttClient.STATE_STOPPED, h.client.state());
    }

    private static ClientHarness connectedWithTopicAliases(int maximum) {
        ClientHarness h = new ClientHarness(config());
        h.client.start(h.now());
        h.poll();
        h.receive(Packets5.connack(false, 0, w -> w.addInt16(PropertyId.TOPIC_ALIAS_MAXIMUM, maximum)));
        h.broker.take();
        return h;
    }

    @Test
    void outgoingTopicAliasSendsTheTopicOnceThenOnlyTheAlias() {
        ClientHarness h = connectedWithTopicAliases(5);
        int first = h.publish("sensors/board-01/temperature", "21.5", 1);
        h.poll();
        int second = h.publish("sensors/board-01/temperature", "21.6", 1);
        h.poll();

        List<ScriptedBroker.Sent> sent = h.broker.take();
        assertEquals(2, sent.size());
        assertEquals("sensors/board-01/temperature", sent.get(0).topic());
        assertEquals(1, property(sent.get(0), PropertyId.TOPIC_ALIAS));
        assertEquals("", sent.get(1).topic()); // the broker knows alias 1 now
        assertEquals(1, property(sent.get(1), PropertyId.TOPIC_ALIAS));
        assertEquals(first, sent.get(0).id());
        assertEquals(second, sent.get(1).id());
        assertTrue(sent.get(1).bytes.length < sent.get(0).bytes.length - 20);
    }

    @Test
    void noTopicAliasWhenTheBrokerAllowsNone() {
        ClientHarness h = new ClientHarness(config()).connect(false); // no Topic Alias Maximum: 0
        h.broker.take();
        h.publish("t/a", "1", 0);
        h.publish("t/a", "2", 1);
        h.poll();
        for (ScriptedBroker.Sent sent : h.broker.take()) {
            assertEquals("t/a", sent.topic());
            assertEquals(-1, property(sent, PropertyId.TOPIC_ALIAS));
        }
    }

    @Test
    void aResendOnANewConnectionNamesTheTopicAgain() {
        ClientHarness h = connectedWithTopicAliases(5);
        h.publish("t/a", "1", 1);
        h.poll();
        h.publish("t/a", "2", 1);
        h.poll();
        h.broker.take();
        h.broker.closeFromBroker();
        h.poll();
        int connections = h.broker.connections;
        for (int i = 0; i < 10_000 && h.broker.connections == connections; i++) {
            h.advance(1);
        }
        h.receive(Packets5.connack(true, 0, w -> w.addInt16(PropertyId.TOPIC_ALIAS_MAXIMUM, 5)));

        List<ScriptedBroker.Sent> resent = h.broker.ofType(PacketType.PUBLISH).stream()
                .filter(p -> p.connection == h.broker.connections).toList();
        assertEquals(2, resent.size());
        assertTrue(resent.get(0).dup());
        assertEquals("t/a", resent.get(0).topic()); // aliases do not outlive a connection [MQTT-3.3.2-7]
        assertEquals("", resent.get(1).topic());
    }

    @Test
    void incomingTopicAliasIsResolvedAndAnUnknownOneIsAProtocolError() {
        MqttConfig config = config();
        config.incomingTopicAliases = 2;
        ClientHarness h = new ClientHarness(config);
        h.client.start(h.now());
        h.poll();
        assertEquals(2, property(h.broker.last(), PropertyId.TOPIC_ALIAS_MAXIMUM));
        h.acceptConnect(false);
        h.broker.take();

        h.receive(Packets5.publish(0, false, 0, "cmd/board-01", "reboot", w -> w.addInt16(PropertyId.TOPIC_ALIAS, 1)));
        h.receive(Packets5.publish(0, false, 0, "", "status", w -> w.addInt16(PropertyId.TOPIC_ALIAS, 1)));
        assertEquals(List.of(new RecordingListener.Message("cmd/board-01", "reboot", 0, false),
                new RecordingListener.Message("cmd/board-01", "status", 0, false)), h.listener.messages);

        h.receive(Packets5.publish(0, false, 0, "", "x", w -> w.addInt16(PropertyId.TOPIC_ALIAS, 2)));
        assertEquals(PacketType.DISCONNECT, h.broker.last().type());
        assertEquals(ReasonCode.PROTOCOL_ERROR, h.broker.last().packet.reasonCode());
        assertEquals(2, h.listener.messages.size());
    }

    @Test
    void queuedMessagePastItsExpiryIsDroppedAndCountedTheOthersCarryWhatIsLeft() {
        ClientHarness h = new ClientHarness(config());
        h.client.start(h.now()); // the expiry counts from the engine's time: the last start() or poll()
        byte[] topic = ClientHarness.bytes("t/a");
        byte[] stale = ClientHarness.bytes("stale");
        byte[] fresh = ClientHarness.bytes("fresh");
        assertEquals(ClientStatus.QUEUED, h.client.publish(topic, 0, 3, stale, 0, stale.length, 1, false, 10));
        assertEquals(ClientStatus.QUEUED, h.client.publish(topic, 0, 3, fresh, 0, fresh.length, 1, false, 100));
        h.clock.advance(30_000); // offline for 30 s
        h.poll();
        h.acceptConnect(false);
        h.poll();

        List<ScriptedBroker.Sent> sent = h.broker.ofType(PacketType.PUBLISH);
        assertEquals(1, sent.size());
        assertEquals("fresh", sent.get(0).payload());
        assertEquals(70, property(sent.get(0), PropertyId.MESSAGE_EXPIRY_INTERVAL));
        assertEquals(1, h.client.counters().expired);
    }

    @Test
    void expiryIsHonouredInTheOfflineQueueIn311Too() {
        ClientHarness h = new ClientHarness(ClientHarness.config());
        h.client.start(h.now());
        byte[] topic = ClientHarness.bytes("t/a");
        byte[] stale = ClientHarness.bytes("stale");
        byte[] kept = ClientHarness.bytes("kept");
        assertEquals(ClientStatus.QUEUED, h.client.publish(topic, 0, 3, stale, 0, stale.length, 2, false, 5));
        assertEquals(ClientStatus.QUEUED, h.client.publish(topic, 0, 3, kept, 0, kept.length, 2, false, 60));
        h.clock.advance(6_000);
        h.poll();
        h.acceptConnect(false);
        h.poll();

        List<ScriptedBroker.Sent> sent = h.broker.ofType(PacketType.PUBLISH);
        assertEquals(1, sent.size());
        assertEquals("t/a=kept", sent.get(0).topic() + "=" + sent.get(0).payload()); // no expiry on the 3.1.1 wire
        assertEquals(1, h.client.counters().expired);
    }

    @ParameterizedTest(name = "CONNACK reason 0x{0}")
    @ValueSource(ints = {0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99,
            0x9A, 0x9B, 0x9C, 0x9D, 0x9F})
    void everyConnackRefusalIsNamedAndStopsOnlyWhereRetryingCannotHelp(int reasonCode) {
        ClientHarness h = new ClientHarness(config());
        h.client.start(h.now());
        h.poll();
        h.receive(Packets5.connack(false, reasonCode));

        assertEquals("REFUSED_" + ReasonCode.name(reasonCode), ClientStatus.name(h.client.lastStatus()));
        assertFalse(h.client.isConnected());
        boolean retries = ClientStatus.retryCanHelp(h.client.lastStatus());
        assertEquals(retries ? MqttClient.STATE_WAITING : MqttClient.STATE_STOPPED, h.client.state());
    }

    @Test
    void topicAliasZeroGetsDisconnectTopicAliasInvalid() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.broker.take();
        // Topic Alias 0 cannot be written by the encoder: PUBLISH QoS 0, topic "t", properties 0x23 0x0000
        h.receive(new byte[] {0x30, 0x08, 0x00, 0x01, 't', 0x03, 0x23, 0x00, 0x00, 'x'});

        assertEquals(PacketType.DISCONNECT, h.broker.last().type());
        assertEquals(ReasonCode.TOPIC_ALIAS_INVALID, h.broker.last().packet.reasonCode());
        assertTrue(h.listener.messages.isEmpty());
    }

    @Test
    void unknownPropertyIdentifierIsAMalformedPacket() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.broker.take();
        // PUBLISH QoS 0, topic "t", properties: identifier 0x7F (undefined) with one byte
        h.receive(new byte[] {0x30, 0x07, 0x00, 0x01, 't', 0x02, 0x7F, 0x01, 'x'});

        assertEquals(PacketType.DISCONNECT, h.broker.last().type());
        assertEquals(ReasonCode.MALFORMED_PACKET, h.broker.last().packet.reasonCode());
        assertTrue(h.listener.messages.isEmpty());
    }

    @Test
    void aBrokerThatNeverSendsPubrelLosesNothingAndDuplicatesNothing() {
        ClientHarness h = new ClientHarness(config()).connect(false);
        h.broker.take();
        h.receive(Packets5.publish(2, false, 5, "t/a", "once"));
        assertEquals(1, h.listener.messages.size());
        h.advance(60_000); // no PUBREL: the id waits; no timeout drops it
        assertEquals(1, h.client.counters().incomingHighWater);

        h.broker.closeFromBroker();
        h.poll();
        h.reconnect(true);
        h.receive(Packets5.publish(2, true, 5, "t/a", "once")); // the broker re-sends it after all
        assertEquals(1, h.listener.messages.size(), "delivered once");
        h.receive(Packets.pubrel(5));
        assertEquals(List.of(5), h.listener.receiveCompletions);
    }
}
