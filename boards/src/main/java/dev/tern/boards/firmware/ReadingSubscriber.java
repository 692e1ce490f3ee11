package dev.tern.boards.firmware;

import java.time.Duration;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An independent subscriber (Paho, not Tern's engine) to a board's readings: {@code <prefix>/+} at
 * QoS 2, so each reading arrives at the QoS the board published it with (the broker delivers
 * min(publish QoS, subscription QoS)). Each message goes to a {@link Listener}, parsed as a
 * {@link Reading} where it is one. Used by {@code tern demo}, the boards' end-to-end tests and the
 * bench's powercut runs.
 */
public final class ReadingSubscriber implements AutoCloseable {

    /** What the subscriber hands on, on Paho's thread. */
    public interface Listener {
        void reading(Reading reading);

        /** A message on {@code <prefix>/<level>} that is not a reading (e.g. {@code status}). */
        default void other(String topic, byte[] payload) {
        }
    }

    private static final long RECONNECT_PAUSE_MILLIS = 250;

    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private volatile Throwable lost;

    private ReadingSubscriber(MqttClient client, boolean persistent) {
        this.client = client;
        options.setCleanSession(!persistent);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
    }

    /**
     * Connects and subscribes; returns once the subscription is granted. A {@code persistent}
     * session (clean session off) keeps what the broker queues while the subscriber is away.
     */
    public static ReadingSubscriber subscribe(String serverUri, String clientId, String prefix, boolean persistent,
            Listener listener) throws MqttException {
        MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        ReadingSubscriber subscriber = new ReadingSubscriber(client, persistent);
        try {
            client.setTimeToWait(10_000);
            client.setCallback(subscriber.callback(prefix, listener));
            client.connect(subscriber.options);
            client.subscribe(prefix + "/+", 2);
            return subscriber;
        } catch (MqttException | RuntimeException e) {
            subscriber.close();
            throw e;
        }
    }

    private MqttCallback callback(String prefix, Listener listener) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost = cause;
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                Reading reading = Reading.parse(prefix, topic, message.getQos(), message.isDuplicate(), message.getPayload());
                if (reading != null) {
                    listener.reading(reading);
                } else {
                    listener.other(topic, message.getPayload());
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // the subscriber publishes nothing
            }
        };
    }

    /**
     * Connects again after the connection was lost (a broker restart), trying until
     * {@code timeout}: with a persistent session the broker resumes it and its subscription, and
     * delivers what it queued meanwhile. True when connected.
     */
    public boolean reconnect(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!client.isConnected()) {
            try {
                client.connect(options);
                break;
            } catch (MqttException e) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                Thread.sleep(RECONNECT_PAUSE_MILLIS);
            }
        }
        lost = null;
        return true;
    }

    /** Why the connection was lost, or null while it holds. */
    public Throwable lost() {
        return lost;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
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
