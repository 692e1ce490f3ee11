package dev.tern.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A Paho 3.1.1 client for the fixture tests: every wait bounded, received messages queued. */
final class MqttTestClient implements AutoCloseable {

    record Received(String topic, String payload, int qos) {
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MqttClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final boolean sessionPresent;

    private MqttTestClient(final TestBroker broker, final String clientId, final boolean cleanSession) throws MqttException {
        // memory persistence: Paho's default writes files into the working directory
        client = new MqttClient(broker.serverUri(), clientId, new MemoryPersistence());
        client.setTimeToWait(WAIT.toMillis());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(final Throwable cause) {
                // a test sees it as a missing message or a failed publish
            }

            @Override
            public void messageArrived(final String topic, final MqttMessage message) {
                received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.getQos()));
            }

            @Override
            public void deliveryComplete(final IMqttDeliveryToken token) {
                // publish() waits for the acknowledgement itself
            }
        });
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setConnectionTimeout((int) WAIT.toSeconds());
        options.setAutomaticReconnect(false);
        final IMqttToken connected = client.connectWithResult(options);
        sessionPresent = connected.getSessionPresent();
    }

    static MqttTestClient connect(final TestBroker broker, final String clientId, final boolean cleanSession) throws MqttException {
        return new MqttTestClient(broker, clientId, cleanSession);
    }

    boolean sessionPresent() {
        return sessionPresent;
    }

    /** Subscribes and returns the granted QoS. */
    int subscribe(final String topic, final int qos) throws MqttException {
        final IMqttToken token = client.subscribeWithResponse(topic, qos);
        return token.getGrantedQos()[0];
    }

    /** Publishes and, at QoS 1 and 2, returns after the broker acknowledged it. */
    void publish(final String topic, final String payload, final int qos) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
    }

    /** The next message, or null when none came within 10 s. */
    Received nextMessage() throws InterruptedException {
        return received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(WAIT.toMillis());
            }
        } finally {
            client.close();
        }
    }
}
