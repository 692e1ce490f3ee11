package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.codec.PropertyId;
import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.mqtt.session.SessionStatus;

/**
 * MQTT 5, empty client id, persistent session: the broker's Assigned Client Identifier is the only
 * name under which it keeps the session, so the engine stores it with the session (before the
 * connection is used) and a rebooted engine on the same flash connects with it.
 */
class MqttClientAssignedIdTest {

    private static final String ASSIGNED = "auto-3F2504E0-4F89-11D3-9A0C-0305E82C3301";

    private final FlashFake flash = ClientHarness.flash();

    private static MqttConfig emptyIdConfig() {
        MqttConfig config = ClientHarness.config();
        config.protocolVersion = ProtocolLevel.V5;
        config.clientId = new byte[0];
        config.cleanSession = false;
        return config;
    }

    private static byte[] connackAssigning(String id) {
        byte[] assigned = ClientHarness.bytes(id);
        return Packets5.connack(false, 0, w -> w.addBytes(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, assigned, 0,
                assigned.length));
    }

    private static String lastConnectId(ClientHarness h) {
        List<ScriptedBroker.Sent> connects = h.broker.ofType(PacketType.CONNECT);
        ScriptedBroker.Sent connect = connects.get(connects.size() - 1);
        return connect.text(connect.packet.clientIdOffset(), connect.packet.clientIdLength());
    }

    /** A board that powers up: a new engine on the same flash, started; its CONNECT written. */
    private ClientHarness boot() {
        ClientHarness h = new ClientHarness(emptyIdConfig(), flash);
        h.client.start(h.now());
        h.poll();
        return h;
    }

    @Test
    void aRebootedClientConnectsWithTheIdTheBrokerAssigned() {
        ClientHarness first = boot();
        assertEquals("", lastConnectId(first));
        first.broker.send(connackAssigning(ASSIGNED));
        first.poll();
        assertTrue(first.client.isConnected());
        assertEquals(ClientStatus.OK, first.listener.connectionChanges.get(0).status());

        ClientHarness second = boot(); // no DISCONNECT, no lazy save: the power went
        assertEquals(SessionStatus.OK, second.client.restoreStatus());
        assertEquals(ASSIGNED, lastConnectId(second), "the broker keeps the session under this id only");
        second.acceptConnect(true);
        assertEquals(ASSIGNED, lastConnectId(second));
    }

    @Test
    void theAssignedIdIsStoredBeforeTheConnectionIsUsed() {
        ClientHarness h = boot();
        flash.failWritesFrom(1);
        h.broker.send(connackAssigning(ASSIGNED));
        h.poll();
        assertFalse(h.client.isConnected(), "a connection whose broker-side session a reboot could not find again");
        assertEquals(ClientStatus.STORAGE_FAILED, h.client.lastStatus());

        flash.stopFailingWrites();
        h.reconnect(true);
        assertEquals(ASSIGNED, lastConnectId(h), "the id in RAM names the session until it is stored");
        assertEquals(ASSIGNED, lastConnectId(boot()), "stored before the reconnect was used");
    }

    @Test
    void aConnackWithoutAnIdKeepsTheStoredOne() {
        ClientHarness first = boot();
        first.broker.send(connackAssigning(ASSIGNED));
        first.poll();
        long programmed = first.client.counters().storeBytesProgrammed;
        first.broker.closeFromBroker();
        first.poll();
        first.reconnect(false); // the broker's session expired: a new one, under the same id
        assertEquals(ASSIGNED, lastConnectId(first));
        assertEquals(programmed, first.client.counters().storeBytesProgrammed, "nothing new to store");
        assertEquals(ASSIGNED, lastConnectId(boot()));
    }

    @Test
    void anIdLongerThanTheRoomIsToldByNameAndTheStoredSessionStays() {
        ClientHarness first = boot();
        assertEquals(ClientStatus.QUEUED, first.publish("t/a", "kept", 1)); // stored before the CONNACK
        first.broker.send(connackAssigning("a".repeat(MqttConfig.ASSIGNED_CLIENT_ID_ROOM + 1)));
        first.poll();
        assertTrue(first.client.isConnected(), "the connection itself works");
        assertEquals(new RecordingListener.ConnectionChange(true, false, ClientStatus.CLIENT_ASSIGNED_ID_TOO_LONG),
                first.listener.connectionChanges.get(0));
        assertEquals("CLIENT_ASSIGNED_ID_TOO_LONG", ClientStatus.name(first.listener.connectionChanges.get(0).status()));

        ClientHarness second = boot();
        assertEquals(SessionStatus.OK, second.client.restoreStatus());
        assertEquals(0, second.client.restoreReport().badCrc() + second.client.restoreReport().doesNotFit());
        assertEquals(1, second.client.inflight() + second.client.queued(), "the stored message is still there");
        assertEquals("", lastConnectId(second), "no id was kept: the empty one again");
    }

    @Test
    void aCleanSessionKeepsUsingTheAssignedIdWithoutWaitingForTheFlash() {
        MqttConfig config = emptyIdConfig();
        config.cleanSession = true;
        ClientHarness h = new ClientHarness(config, flash);
        h.client.start(h.now());
        h.poll();
        flash.failWritesFrom(1);
        h.broker.send(connackAssigning(ASSIGNED));
        h.poll();
        assertTrue(h.client.isConnected(), "a clean session has nothing a reboot must find: stored lazily");
        h.broker.closeFromBroker();
        h.poll();
        h.reconnect(false);
        assertEquals(ASSIGNED, lastConnectId(h));
    }
}
