package dev.tern.hal.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.IncomingMessage;
import dev.tern.mqtt.client.MqttListener;
import dev.tern.mqtt.client.PacketTrace;
import dev.tern.testsupport.MosquittoBroker;

/**
 * The engine talks to mosquitto through the java.net transport: it connects, subscribes, gets its
 * own messages back at each QoS, and when the broker goes away and comes back it reconnects and
 * resumes its session.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketTransportBrokerTest {

    private static final long STEP_LIMIT_MILLIS = 20_000;

    /** Records what the engine reports. */
    private static final class Listener implements MqttListener {
        final List<String> payloads = new ArrayList<>();
        int completed;
        boolean granted;
        boolean connected;
        boolean sessionPresent;

        @Override
        public void onMessage(IncomingMessage message) {
            payloads.add(new String(message.payloadBuffer(), message.payloadOffset(), message.payloadLength(),
                    StandardCharsets.UTF_8) + "@" + message.qos());
        }

        @Override
        public void onUnsubscribed(int packetId, int reasonCode) {
        }

        @Override
        public void onReceiveComplete(int packetId) {
        }

        @Override
        public void onPublishComplete(int packetId, int status) {
            if (status == ClientStatus.OK) {
                completed++;
            }
        }

        @Override
        public void onSubscribed(int packetId, int subscriptionIndex, int grantedQos) {
            granted = true;
        }

        @Override
        public void onConnectionChanged(boolean up, boolean present, int status) {
            connected = up;
            sessionPresent = present;
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000L;
    }

    private static void pollUntil(MqttClient client, BooleanSupplier done, String what) {
        long deadline = now() + STEP_LIMIT_MILLIS;
        while (!done.getAsBoolean()) {
            if (now() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last status "
                        + ClientStatus.name(client.lastStatus()));
            }
            client.poll(now());
        }
    }

    @Test
    void engineRoundTripsEachQosAndResumesAfterTheBrokerRestarts() {
        MosquittoBroker.assumeInstalled();
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            MqttConfig config = new MqttConfig();
            config.clientId = "socket-transport".getBytes(StandardCharsets.UTF_8);
            config.cleanSession = false;
            config.reconnectMinMillis = 50;
            config.reconnectMaxMillis = 200;
            SocketTransport transport = new SocketTransport(broker.host(), broker.port(), 2000, 1);
            Listener listener = new Listener();
            MqttClient client = new MqttClient(config, transport, null, listener, PacketTrace.NONE);
            byte[] topic = "tern/socket-transport".getBytes(StandardCharsets.UTF_8);

            client.start(now());
            pollUntil(client, () -> listener.connected, "CONNACK");
            assertTrue(client.subscribe(topic, 0, topic.length, 2) > 0);
            pollUntil(client, () -> listener.granted, "SUBACK");
            for (int qos = 0; qos <= 2; qos++) {
                byte[] payload = ("m" + qos).getBytes(StandardCharsets.UTF_8);
                assertTrue(client.publish(topic, 0, topic.length, payload, 0, payload.length, qos, false) >= 0);
            }
            pollUntil(client, () -> listener.payloads.size() == 3 && listener.completed == 2, "three messages back");
            assertEquals(List.of("m0@0", "m1@1", "m2@2"), listener.payloads);

            broker.restart();
            pollUntil(client, () -> !listener.connected, "the engine to see the broker go");
            pollUntil(client, () -> listener.connected, "the reconnect");
            assertTrue(listener.sessionPresent, "mosquitto kept the persistent session");
            assertTrue(transport.connects() >= 2, "connects=" + transport.connects());
            client.disconnect(now());
            transport.close();
        }
    }
}
