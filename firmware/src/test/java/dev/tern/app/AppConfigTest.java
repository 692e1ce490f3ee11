package dev.tern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.codec.ProtocolLevel;

class AppConfigTest {

    @Test
    void defaultClientIdAndTopicsComeFromTheBoardsUniqueId() {
        AppConfig config = new AppConfig("virtual", "0a1b2c3d4e5f60718293a4b5");
        config.resolve();
        assertEquals("tern-0a1b2c3d4e5f60718293a4b5", config.clientId);
        assertEquals("tern/tern-0a1b2c3d4e5f60718293a4b5", config.topicPrefix);
        assertEquals("tern/tern-0a1b2c3d4e5f60718293a4b5/temperature", config.sensorTopic[0]);
    }

    @Test
    void withoutAUniqueIdTheBoardIdNamesTheDevice() {
        AppConfig config = new AppConfig("stm32f746g-disco", "");
        config.resolve();
        assertEquals("stm32f746g-disco", config.clientId);
        assertEquals("tern/stm32f746g-disco", config.topicPrefix);
    }

    @Test
    void aClientIdSetOnTheConfigPageNamesTheTopics() {
        AppConfig config = new AppConfig("virtual", "ffee");
        assertEquals(AppConfig.OK, config.set("mqtt.clientId", "greenhouse-3"));
        config.resolve();
        assertEquals("tern/greenhouse-3/humidity", config.sensorTopic[1]);
    }

    @Test
    void idsAndTopicsTheEngineCouldNotUseAreBadValuesAndTheDefaultStays() {
        AppConfig config = new AppConfig("virtual", "ffee");
        // a client id names the default prefix tern/<clientId>: a wildcard there makes every topic invalid
        assertEquals(AppConfig.BAD_VALUE, config.set("mqtt.clientId", "plant+7"));
        assertEquals(AppConfig.BAD_VALUE, config.set("mqtt.clientId", "a/b"));
        // U+0000 is in no MQTT string [MQTT-1.5.3-2]: the CONNECT or every PUBLISH would fail
        assertEquals(AppConfig.BAD_VALUE, config.set("mqtt.clientId", "a\u0000b"));
        assertEquals(AppConfig.BAD_VALUE, config.set("device.id", "a\u0000b"));
        assertEquals(AppConfig.BAD_VALUE, config.set("topic.prefix", "plant/\u0000"));
        assertEquals(AppConfig.BAD_VALUE, config.set("sensor.humidity.topic", "rh\u0000"));
        assertEquals(AppConfig.BAD_VALUE, config.set("broker.host", "host\u0000"));
        config.resolve();
        assertEquals("tern-ffee", config.clientId);
        assertEquals("tern/tern-ffee/humidity", config.sensorTopic[1]);
    }

    @Test
    void aReconnectMaxBelowTheMinIsRaisedToItSoTheEngineStillStarts() {
        AppConfig config = new AppConfig("virtual", "ffee");
        assertEquals(AppConfig.OK, config.set("mqtt.reconnectMin", "60000")); // above the default max of 30000
        config.resolve();
        assertEquals(60000, config.mqtt.reconnectMaxMillis);
        config.mqtt.validate();
    }

    @Test
    void theBoardSpeaksMqtt5UnlessTold311AndOtherVersionsAreBadValues() {
        AppConfig config = new AppConfig("virtual", "ffee");
        assertEquals(ProtocolLevel.V5, config.mqtt.protocolVersion);
        assertEquals(AppConfig.OK, config.set("mqtt.version", "3.1.1"));
        assertEquals(ProtocolLevel.V3_1_1, config.mqtt.protocolVersion);
        assertEquals(AppConfig.OK, config.set("mqtt.version", "5"));
        assertEquals(ProtocolLevel.V5, config.mqtt.protocolVersion);
        for (String bad : new String[] {"4", "3.1", "5.0", "v5", "", "3.1.1 "}) {
            assertEquals(AppConfig.BAD_VALUE, config.set("mqtt.version", bad), bad);
        }
        assertEquals(ProtocolLevel.V5, config.mqtt.protocolVersion);
    }

    @Test
    void aPersistentSessionNeverExpiresUnlessTheSessionExpirySaysHowLong() {
        AppConfig config = new AppConfig("virtual", "ffee");
        assertEquals(MqttConfig.SESSION_NEVER_EXPIRES, config.mqtt.sessionExpirySeconds);
        assertEquals(AppConfig.OK, config.set("mqtt.sessionExpiry", "3600"));
        assertEquals(3600, config.mqtt.sessionExpirySeconds);
        assertEquals(AppConfig.OK, config.set("mqtt.sessionExpiry", "never"));
        assertEquals(MqttConfig.SESSION_NEVER_EXPIRES, config.mqtt.sessionExpirySeconds);
        assertEquals(AppConfig.OK, config.set("mqtt.sessionExpiry", "4294967295"));
        assertEquals(AppConfig.BAD_VALUE, config.set("mqtt.sessionExpiry", "4294967296"));
        assertEquals(AppConfig.BAD_VALUE, config.set("mqtt.sessionExpiry", "-1"));
        assertEquals(AppConfig.OK, config.set("mqtt.topicAliases", "0"));
        assertEquals(0, config.mqtt.outgoingTopicAliases);
        assertEquals(AppConfig.BAD_VALUE, config.set("mqtt.topicAliases", "65"));
        config.resolve();
        config.mqtt.validate();
    }

    @Test
    void theBannerSaysTheVersionAndTheSessionExpiry() {
        AppConfig config = new AppConfig("virtual", "ffee");
        config.set("mqtt.version", "3.1.1");
        config.set("mqtt.sessionExpiry", "86400");
        config.resolve();
        assertTrue(Arrays.asList(config.describe()).contains(
                "mqtt.version=3.1.1 mqtt.sessionExpiry=86400 mqtt.topicAliases=4"), String.join("\n", config.describe()));
    }
}
