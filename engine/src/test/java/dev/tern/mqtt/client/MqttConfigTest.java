package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.tern.mqtt.codec.ProtocolLevel;

/** A bad configuration is a programming error: validate() names the first wrong key. */
class MqttConfigTest {

    private static String rejected(Consumer<MqttConfig> change) {
        MqttConfig config = ClientHarness.config();
        change.accept(config);
        return assertThrows(IllegalArgumentException.class, config::validate).getMessage();
    }

    @Test
    void defaultsAndTheTestConfigurationAreValid() {
        MqttConfig defaults = new MqttConfig();
        defaults.clientId = ClientHarness.bytes("x");
        defaults.validate();
        ClientHarness.config().validate();
    }

    @Test
    void mqtt5TakesAnEmptyClientIdWithAPersistentSession() {
        MqttConfig config = ClientHarness.config();
        config.protocolVersion = ProtocolLevel.V5;
        config.clientId = new byte[0];
        config.cleanSession = false;
        config.validate(); // the broker assigns an id (3.1.3.1), kept with the session
        assertEquals(MqttConfig.ASSIGNED_CLIENT_ID_ROOM, config.assignedClientIdRoom());
        config.clientId = ClientHarness.bytes("x");
        assertEquals(0, config.assignedClientIdRoom(), "a broker assigns no id to a client that has one");
    }

    @Test
    void eachWrongValueIsNamed() {
        assertEquals("clientId: an empty client id needs cleanSession=true in MQTT 3.1.1 [MQTT-3.1.3-7]",
                rejected(c -> c.clientId = new byte[0]));
        assertEquals("keepAliveSeconds: 0..65535", rejected(c -> c.keepAliveSeconds = 65_536));
        assertEquals("password: needs a userName in MQTT 3.1.1", rejected(c -> c.password = new byte[1]));
        assertEquals("willQos: 0..2", rejected(c -> c.willQos = 3));
        assertEquals("outgoingSlots: 1..65535", rejected(c -> c.outgoingSlots = 0));
        assertEquals("maxPacketSize: 64..65535", rejected(c -> c.maxPacketSize = 63));
        assertEquals("offlineQueuePolicy: REFUSE or DROP_OLDEST", rejected(c -> c.offlineQueuePolicy = 2));
        assertEquals("ackTimeoutMillis: > 0", rejected(c -> c.ackTimeoutMillis = 0));
        assertEquals("resendMode: RESEND_ON_TIMER or RESEND_ON_RECONNECT", rejected(c -> c.resendMode = 5));
        assertEquals("reconnectMinMillis: 0 < reconnectMinMillis <= reconnectMaxMillis",
                rejected(c -> c.reconnectMaxMillis = 10));
        assertEquals("reconnectJitterPercent: 0..100", rejected(c -> c.reconnectJitterPercent = 101));
    }

    @Test
    void poolIsFourMaximumPacketsUnlessSetAndNeverLessThanOne() {
        MqttConfig config = new MqttConfig();
        assertEquals(4096, config.poolBytes());
        config.maxPacketSize = 5000;
        assertEquals(20000, config.poolBytes(), "follows a larger maximum packet");
        config.outgoingSlots = 2;
        assertEquals(10000, config.poolBytes(), "never more packets than slots");
        config.outgoingPoolBytes = 7000;
        assertEquals(7000, config.poolBytes());
        assertEquals("outgoingPoolBytes: 0 (automatic) or >= maxPacketSize", rejected(c -> {
            c.maxPacketSize = 1024;
            c.outgoingPoolBytes = 1023;
        }));
    }

    @Test
    void stringsTheConnectCouldNotCarryAreRefusedAtConstructionNotAtTheFirstConnect() {
        String utf8 = "well-formed UTF-8 without U+0000 [MQTT-1.5.3-1] [MQTT-1.5.3-2]";
        assertEquals("clientId: " + utf8, rejected(c -> c.clientId = new byte[] {'a', 0, 'b'}));
        assertEquals("clientId: " + utf8, rejected(c -> c.clientId = new byte[] {'a', (byte) 0xC0, (byte) 0x80}));
        assertEquals("userName: " + utf8, rejected(c -> c.userName = new byte[] {(byte) 0xFF}));
        assertEquals("willTopic: a Topic Name: not empty, no wildcards, UTF-8 without U+0000 [MQTT-3.1.3-10]",
                rejected(c -> c.willTopic = ClientHarness.bytes("tern/+/will")));
    }

    @Test
    void engineRefusesABadConfigurationAndTooSmallStorage() {
        MqttConfig config = ClientHarness.config();
        config.willQos = 7;
        assertThrows(IllegalArgumentException.class,
                () -> new MqttClient(config, new ScriptedBroker(), null, new RecordingListener(), PacketTrace.NONE));
        assertThrows(IllegalArgumentException.class, () -> new MqttClient(ClientHarness.config(), new ScriptedBroker(),
                new dev.tern.hal.testing.FlashFake(4, 256), new RecordingListener(), PacketTrace.NONE));
    }
}
