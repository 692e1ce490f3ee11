package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.mqtt.session.SessionStatus;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;
import dev.tern.testsupport.TestBroker;

/**
 * MQTT 5 with an empty client id and a persistent session, against real brokers: the broker names
 * the client (Assigned Client Identifier), the board reboots (a new engine on the same flash, no
 * DISCONNECT), and the QoS 1 messages the broker queued for the session meanwhile arrive, because
 * the rebooted engine connects under the stored id and finds its session.
 */
@Tag("mosquitto")
@Tag("hivemq")
class BrokerAssignedIdTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    void queuedMessagesReachTheRebootedClientUnderItsAssignedId(BrokerKind kind) {
        TestBroker broker = BROKERS.get(kind);
        String topic = "tern/proof/assigned-id/" + kind;
        MqttConfig config = Engine.config("", false, ProtocolLevel.V5);
        config.clientId = new byte[0]; // the broker chooses the id
        config.outgoingSlots = 8;
        config.maxPacketSize = 256;
        config.offlineQueueBytes = 1024;
        FlashFake flash = Wire.flashFor(config);

        Engine first = new Engine(broker.host(), broker.port(), config, flash);
        assertTrue(first.connect(TIMEOUT));
        assertTrue(first.subscribe(topic, 1) > 0);
        assertTrue(first.pollUntil(() -> !first.listener.granted.isEmpty(), TIMEOUT), "no SUBACK");
        first.transport.close(); // the power went: no DISCONNECT, the object is dropped

        try (Engine publisher = new Engine(broker.host(), broker.port(),
                Engine.config("assigned-id-pub-" + kind, true, ProtocolLevel.V5), null)) {
            assertTrue(publisher.connect(TIMEOUT));
            for (int n = 1; n <= 3; n++) {
                assertTrue(publisher.publish(topic, "queued-" + n, 1) > 0);
            }
            assertTrue(publisher.pollUntil(() -> publisher.client.inflight() == 0, TIMEOUT));
        }

        try (Engine second = new Engine(broker.host(), broker.port(), config, flash)) {
            assertEquals(SessionStatus.OK, second.client.restoreStatus());
            assertTrue(second.connect(TIMEOUT));
            assertEquals(new RecordingListener.ConnectionChange(true, true, ClientStatus.OK),
                    second.listener.connectionChanges.get(0), "the broker found the session under the stored id");
            assertTrue(second.pollUntil(() -> second.listener.messages.size() >= 3, TIMEOUT),
                    () -> "queued messages missing: " + second.listener.payloads());
            assertEquals(List.of("queued-1", "queued-2", "queued-3"), second.listener.payloads());
        }
    }
}
