package dev.tern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

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
}
