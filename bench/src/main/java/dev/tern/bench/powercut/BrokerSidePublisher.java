package dev.tern.bench.powercut;

import java.nio.charset.StandardCharsets;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes numbered messages at QoS 2 towards the engine (Paho, connected to the broker
 * directly): a message is accepted once the broker completed its QoS 2 flow, from then on the
 * broker owes it to the engine's persistent session, powered or not.
 */
final class BrokerSidePublisher implements AutoCloseable {

    private final MqttClient client;
    private final String topic;
    private final Ledger ledger = new Ledger();

    private BrokerSidePublisher(MqttClient client, String topic) {
        this.client = client;
        this.topic = topic;
    }

    static BrokerSidePublisher connect(String serverUri, String clientId, String topic) throws MqttException {
        MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        client.setTimeToWait(10_000);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        client.connect(options);
        return new BrokerSidePublisher(client, topic);
    }

    /** Publishes the next number; returns once the broker completed QoS 2. */
    void publishNext() throws MqttException {
        int seq = ledger.next();
        client.publish(topic, ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.US_ASCII), 2, false);
        ledger.accepted(seq);
    }

    Ledger ledger() {
        return ledger;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
