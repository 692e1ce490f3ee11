package dev.tern.host.demo;

import java.util.function.Consumer;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.tern.boards.firmware.Reading;

/**
 * The demo's subscriber: an independent client (Paho, not Tern's engine) on
 * {@code <prefix>/+} at QoS 2, so each reading arrives at the QoS the board published it with
 * (the broker delivers min(publish QoS, subscription QoS)). Each {@link Reading} goes to a consumer.
 */
public final class ReadingSubscriber implements AutoCloseable {

    private final MqttClient client;
    private volatile Throwable lost;

    private ReadingSubscriber(MqttClient client) {
        this.client = client;
    }

    /** Connects (clean session) and subscribes; returns once the subscription is granted. */
    public static ReadingSubscriber subscribe(String serverUri, String clientId, String prefix, Consumer<Reading> readings)
            throws MqttException {
        MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        ReadingSubscriber subscriber = new ReadingSubscriber(client);
        try {
            client.setTimeToWait(10_000);
            client.setCallback(subscriber.callback(prefix, readings));
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout(10);
            options.setKeepAliveInterval(30);
            client.connect(options);
            client.subscribe(prefix + "/+", 2);
            return subscriber;
        } catch (MqttException | RuntimeException e) {
            subscriber.close();
            throw e;
        }
    }

    private MqttCallback callback(String prefix, Consumer<Reading> readings) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost = cause;
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                Reading reading = Reading.parse(prefix, topic, message.getQos(), message.isDuplicate(), message.getPayload());
                if (reading != null) {
                    readings.accept(reading);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // the subscriber publishes nothing
            }
        };
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
