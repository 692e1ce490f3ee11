package dev.tern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tern.hal.socket.SocketTransport;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.IncomingMessage;
import dev.tern.mqtt.client.MqttListener;
import dev.tern.mqtt.client.PacketTrace;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;
import dev.tern.testsupport.TestBroker;

/**
 * End to end through mosquitto: the app on a fake board publishes its readings; an independent
 * subscriber (a second engine on its own socket) sees each sensor at its QoS with every seq, and
 * can command the board over MQTT.
 */
@Tag("mosquitto")
class SensorAppBrokerTest {

    private static final long TIMEOUT_MILLIS = 15_000;

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    record Message(String topic, String payload, int qos) {
    }

    /** An independent client subscribed to everything under a prefix. */
    static final class Subscriber implements MqttListener {
        final List<Message> messages = new ArrayList<>();
        final MqttClient client;
        final SocketTransport transport;
        boolean granted;

        Subscriber(TestBroker broker, String id) {
            MqttConfig config = new MqttConfig();
            config.clientId = id.getBytes(StandardCharsets.UTF_8);
            config.cleanSession = true;
            config.reconnectMinMillis = 50;
            config.incomingQos2Slots = 32;
            transport = socketTo(broker);
            client = new MqttClient(config, transport, null, this, PacketTrace.NONE);
        }

        void subscribe(String filter, int qos) {
            byte[] f = filter.getBytes(StandardCharsets.UTF_8);
            assertTrue(client.subscribe(f, 0, f.length, qos) > 0);
        }

        void publish(String topic, String payload, int qos) {
            byte[] t = topic.getBytes(StandardCharsets.UTF_8);
            byte[] p = payload.getBytes(StandardCharsets.UTF_8);
            assertTrue(client.publish(t, 0, t.length, p, 0, p.length, qos, false) >= 0);
        }

        List<Message> on(String topic) {
            return messages.stream().filter(m -> m.topic().equals(topic)).toList();
        }

        @Override
        public void onMessage(IncomingMessage message) {
            messages.add(new Message(new String(message.topicBuffer(), message.topicOffset(), message.topicLength(), StandardCharsets.UTF_8),
                    new String(message.payloadBuffer(), message.payloadOffset(), message.payloadLength(), StandardCharsets.UTF_8), message.qos()));
        }

        @Override
        public void onUnsubscribed(int packetId, int reasonCode) {
        }

        @Override
        public void onReceiveComplete(int packetId) {
        }

        @Override
        public void onPublishComplete(int packetId, int status) {
        }

        @Override
        public void onSubscribed(int packetId, int subscriptionIndex, int grantedQos) {
            granted = true;
        }

        @Override
        public void onConnectionChanged(boolean connected, boolean sessionPresent, int status) {
        }
    }

    /** The library's java.net transport, with the short read timeout a board's poll loop would set. */
    private static SocketTransport socketTo(TestBroker broker) {
        return new SocketTransport(broker.host(), broker.port(), 2000, 1);
    }

    private static long now() {
        return System.nanoTime() / 1_000_000L;
    }

    /** Steps the board and polls the subscriber in real time until the condition holds. */
    private static void runUntil(FakeBoard board, SensorApp app, Subscriber subscriber, BooleanSupplier done, String what) {
        long start = now();
        while (!done.getAsBoolean()) {
            if (now() - start > TIMEOUT_MILLIS) {
                throw new AssertionError("timed out waiting for " + what + "; console:\n"
                        + String.join("\n", board.console.lines()) + "\nreceived: " + subscriber.messages);
            }
            board.clock = now();
            int work = app == null ? 0 : app.step(board.clock);
            work += subscriber.client.poll(now());
            if (0 == work) {
                Thread.onSpinWait();
            }
        }
    }

    private static void assertSeqRunsFromOneWithoutGapsOrDuplicates(List<Message> received, String topic) {
        for (int i = 0; i < received.size(); i++) {
            assertEquals(i + 1, SensorAppTest.seq(received.get(i).payload()), topic + ": " + received);
        }
    }

    @Test
    void subscriberReceivesEachSensorAtItsQosWithEverySeq() {
        TestBroker broker = BROKERS.get(BrokerKind.MOSQUITTO);
        String device = "e2e-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
        Subscriber subscriber = new Subscriber(broker, device + "-sub");
        subscriber.subscribe("tern/" + device + "/#", 2);
        subscriber.client.start(now());
        runUntil(new FakeBoard(device, null), null, subscriber, () -> subscriber.granted, "the subscriber's SUBACK");

        FakeBoard board = new FakeBoard(device, socketTo(broker))
                .config("device.id=" + device, "broker.port=" + broker.port(),
                        "sensor.temperature.qos=0", "sensor.humidity.qos=1", "sensor.pressure.qos=2",
                        "sensor.temperature.interval=50", "sensor.humidity.interval=50", "sensor.pressure.interval=50");
        SensorApp app = new SensorApp();
        board.clock = now();
        app.boot(board);
        String prefix = "tern/" + device + "/";
        runUntil(board, app, subscriber, () -> subscriber.on(prefix + "temperature").size() >= 10
                && subscriber.on(prefix + "humidity").size() >= 10 && subscriber.on(prefix + "pressure").size() >= 10,
                "ten readings of each sensor");

        String[] names = {"temperature", "humidity", "pressure"};
        for (int s = 0; s < 3; s++) {
            List<Message> received = subscriber.on(prefix + names[s]);
            for (Message m : received) {
                assertEquals(s, m.qos(), "QoS of " + m);
            }
            if (s > 0) {
                assertSeqRunsFromOneWithoutGapsOrDuplicates(received, names[s]);
            }
        }

        // a command over MQTT: status comes back on <prefix>/status
        subscriber.publish(prefix + "cmd", "status", 2);
        runUntil(board, app, subscriber, () -> !subscriber.on(prefix + "status").isEmpty(), "the status reply");
        String status = subscriber.on(prefix + "status").get(0).payload();
        assertTrue(status.contains(" state=connected "), status);
        subscriber.publish(prefix + "cmd/qos", "temperature 1", 2);
        runUntil(board, app, subscriber, () -> app.config().sensorQos[0] == 1, "the qos command");
        int before = subscriber.on(prefix + "temperature").size();
        runUntil(board, app, subscriber, () -> subscriber.on(prefix + "temperature").size() >= before + 5, "more readings");
        List<Message> temperature = subscriber.on(prefix + "temperature");
        assertEquals(1, temperature.get(temperature.size() - 1).qos());
        assertTrue(board.console.messages('I', "cmd").contains("mqtt> status"), board.console.lines()::toString);
        subscriber.client.disconnect(now());
        app.client().disconnect(now());
    }

    @Test
    void qos2ReadingIsDeliveredExactlyOnceAcrossAReconnect() {
        TestBroker broker = BROKERS.get(BrokerKind.MOSQUITTO);
        String device = "e2e-once-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
        Subscriber subscriber = new Subscriber(broker, device + "-sub");
        subscriber.subscribe("tern/" + device + "/pressure", 2);
        subscriber.client.start(now());
        runUntil(new FakeBoard(device, null), null, subscriber, () -> subscriber.granted, "the subscriber's SUBACK");

        RecordingTransport wire = new RecordingTransport(socketTo(broker));
        FakeBoard board = new FakeBoard(device, wire).config("device.id=" + device, "broker.port=" + broker.port(),
                "sensor.temperature.enabled=false", "sensor.humidity.enabled=false",
                "sensor.pressure.qos=2", "sensor.pressure.interval=50", "mqtt.reconnectMin=50", "mqtt.reconnectMax=100");
        SensorApp app = new SensorApp();
        board.clock = now();
        app.boot(board);
        String topic = "tern/" + device + "/pressure";
        runUntil(board, app, subscriber, () -> subscriber.on(topic).size() >= 3, "three readings");
        wire.failAfterNextPublish(2); // the broker gets the PUBLISH; its PUBREC never reaches the board
        runUntil(board, app, subscriber, () -> wire.failures == 1 && app.client().counters().reconnects == 1
                && app.client().inflight() == 0 && subscriber.on(topic).size() >= 12, "the reconnect and more readings");

        assertTrue(wire.on(topic).stream().anyMatch(RecordingTransport.Published::dup),
                "the reading was re-sent with DUP=1: " + wire.on(topic));
        List<Message> received = subscriber.on(topic);
        for (Message m : received) {
            assertEquals(2, m.qos());
        }
        assertSeqRunsFromOneWithoutGapsOrDuplicates(received, topic);
        assertTrue(board.console.messages('I', "mqtt").contains(
                "connected to 127.0.0.1:" + broker.port() + " (MQTT 5, session present)"), board.console.lines()::toString);
        subscriber.client.disconnect(now());
        app.client().disconnect(now());
    }
}
