package dev.tern.bench.chaos;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The independent end of a chaos run: Eclipse Paho 1.2.5 with a persistent session (clean
 * session 0), connected to the broker directly, never through the fault proxy, so its own
 * session is never cut. It subscribes and counts, or publishes the numbered messages. The wear
 * suite uses it as its broker-side publisher.
 */
public final class PahoPeer implements AutoCloseable {

    private static final long WAIT_MILLIS = 10_000;
    private static final int MAX_INFLIGHT = ChaosRun.WINDOW / 2;

    private final MqttAsyncClient client;
    private volatile ArrivalCounter arrivals;
    private volatile Throwable lost;

    private PahoPeer(MqttAsyncClient client) {
        this.client = client;
    }

    public static PahoPeer connect(String serverUri, String clientId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        PahoPeer peer = new PahoPeer(client);
        client.setCallback(peer.callback());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(60);
        options.setConnectionTimeout(10);
        options.setMaxInflight(MAX_INFLIGHT);
        try {
            client.connect(options).waitForCompletion(WAIT_MILLIS);
        } catch (MqttException | RuntimeException e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** Subscribes at {@code qos}; every message that arrives is counted by its number. */
    void subscribe(String topic, int qos, ArrivalCounter counter) throws MqttException {
        this.arrivals = counter;
        client.subscribe(topic, qos).waitForCompletion(WAIT_MILLIS);
    }

    /** Hands one message to Paho without waiting; false when its in-flight window is full (try again). */
    public boolean publish(String topic, byte[] payload, int qos) {
        try {
            client.publish(topic, payload, qos, false);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            lost = e;
            return false;
        }
    }

    /** Why Paho's own connection ended, or null while it holds. */
    public Throwable lostConnection() {
        return lost;
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost = cause;
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                ArrivalCounter counter = arrivals;
                if (counter != null) {
                    byte[] payload = message.getPayload();
                    counter.recordPayload(payload, 0, payload.length);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // counted where the messages arrive
            }
        };
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(WAIT_MILLIS);
            }
        } catch (MqttException e) {
            // closing anyway
        } finally {
            try {
                client.close(true);
            } catch (MqttException e) {
                // nothing more to release
            }
        }
    }
}
