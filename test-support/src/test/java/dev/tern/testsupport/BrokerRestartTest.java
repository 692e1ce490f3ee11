package dev.tern.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BrokerRestartTest {

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    @Tag("mosquitto")
    @Tag("hivemq")
    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    void messageQueuedForPersistentSessionSurvivesRestart(final BrokerKind kind) throws Exception {
        final TestBroker broker = BROKERS.get(kind);
        final String topic = "tern/offline/" + broker.name();
        final String subscriberId = "tern-restart-sub-" + broker.name();
        final int portBefore = broker.port();
        try (MqttTestClient subscriber = MqttTestClient.connect(broker, subscriberId, false)) {
            assertEquals(1, subscriber.subscribe(topic, 1));
        }
        try (MqttTestClient publisher = MqttTestClient.connect(broker, "tern-restart-pub", true)) {
            publisher.publish(topic, "queued while offline", 1);
        }

        broker.restart();

        assertEquals(portBefore, broker.port());
        try (MqttTestClient subscriber = MqttTestClient.connect(broker, subscriberId, false)) {
            assertTrue(subscriber.sessionPresent(), "session of " + subscriberId + " lost in the restart of " + broker);
            final MqttTestClient.Received received = subscriber.nextMessage();
            assertNotNull(received, "queued message lost in the restart of " + broker);
            assertEquals("queued while offline", received.payload());
        }
    }

    @Tag("mosquitto")
    @Test
    void mosquittoKeepsItsPersistenceInItsTemporaryFolderAcrossRestart() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            final Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
            assertTrue(broker.folder().toRealPath().startsWith(tmp), broker.folder() + " is not under " + tmp);
            assertEquals(broker.folder().resolve("persistence"), broker.persistenceFolder());
            final String config = Files.readString(broker.configFile(), StandardCharsets.UTF_8);
            assertTrue(config.contains("listener " + broker.port() + " 127.0.0.1\n"), config);
            assertTrue(config.contains("persistence true\n"), config);
            assertTrue(config.contains("persistence_location " + broker.persistenceFolder() + "/\n"), config);
            assertTrue(config.contains("user " + System.getProperty("user.name") + "\n"), config);
            try (MqttTestClient client = MqttTestClient.connect(broker, "tern-db-check", false)) {
                client.subscribe("tern/db-check", 1);
            }
            final long pidBefore = broker.pid();

            broker.restart();

            assertNotEquals(pidBefore, broker.pid());
            assertFalse(ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive).orElse(false), "old mosquitto still running");
            final Path database = broker.persistenceFolder().resolve("mosquitto.db");
            assertTrue(Files.size(database) > 0, "mosquitto wrote no persistence file " + database);
            try (MqttTestClient client = MqttTestClient.connect(broker, "tern-db-check", false)) {
                assertTrue(client.sessionPresent(), "mosquitto did not restore the session from " + database);
            }
        }
    }

    @Tag("mosquitto")
    @Test
    void closeStopsMosquittoAndDeletesItsFolder() {
        final MosquittoBroker broker = MosquittoBroker.start();
        final long pid = broker.pid();
        final Path folder = broker.folder();

        broker.close();

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "mosquitto pid " + pid + " still running");
        assertFalse(Files.exists(folder), folder + " still exists");
        broker.close();
    }

    @Tag("hivemq")
    @Test
    void closeStopsHiveMqAndDeletesItsFolder() {
        final HiveMqBroker broker = HiveMqBroker.start();
        final Path folder = broker.folder();
        final int port = broker.port();

        broker.close();

        assertFalse(Loopback.awaitAccepting(port, Duration.ZERO, () -> true), "HiveMQ still accepts on " + port);
        assertFalse(Files.exists(folder), folder + " still exists");
        broker.close();
    }
}
