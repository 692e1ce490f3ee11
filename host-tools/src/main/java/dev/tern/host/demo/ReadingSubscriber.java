package dev.tern.host.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The demo's subscriber: an independent client (Paho, not Tern's engine) on
 * {@code <prefix>/+} at QoS 2, so each reading arrives at the QoS the board published it with
 * (the broker delivers min(publish QoS, subscription QoS)). Each reading
 * ({@code {"seq":17,"t":123456,"v":21.43}} on {@code <prefix>/<sensor>}) goes to a consumer.
 * Its session is persistent (clean session 0), so after a broker restart {@link #reconnect}
 * resumes it and receives what the broker queued meanwhile.
 */
public final class ReadingSubscriber implements AutoCloseable {

    private static final Pattern SEQ = Pattern.compile("\"seq\"\\s*:\\s*(\\d+)");
    private static final Pattern BOARD_MILLIS = Pattern.compile("\"t\"\\s*:\\s*(\\d+)");
    private static final Pattern VALUE = Pattern.compile("\"v\"\\s*:\\s*([^,}\\s]+)");

    private static final long RECONNECT_PAUSE_MILLIS = 250;

    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private volatile Throwable lost;

    private ReadingSubscriber(MqttClient client) {
        this.client = client;
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
    }

    /** Connects (persistent session) and subscribes; returns once the subscription is granted. */
    public static ReadingSubscriber subscribe(String serverUri, String clientId, String prefix, Consumer<Reading> readings)
            throws MqttException {
        MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        ReadingSubscriber subscriber = new ReadingSubscriber(client);
        try {
            client.setTimeToWait(10_000);
            client.setCallback(subscriber.callback(prefix, readings));
            client.connect(subscriber.options);
            client.subscribe(prefix + "/+", 2);
            return subscriber;
        } catch (MqttException | RuntimeException e) {
            subscriber.close();
            throw e;
        }
    }

    /** A reading's payload as {@link Reading}; null when it is not one ({@code status}, commands). */
    static Reading parse(String sensor, int qos, boolean dup, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        Matcher seq = SEQ.matcher(text);
        if (!seq.find()) {
            return null;
        }
        Matcher value = VALUE.matcher(text);
        Matcher boardMillis = BOARD_MILLIS.matcher(text);
        return new Reading(sensor, qos, Long.parseLong(seq.group(1)), dup, value.find() ? value.group(1) : "?",
                boardMillis.find() ? Long.parseLong(boardMillis.group(1)) : -1);
    }

    private MqttCallback callback(String prefix, Consumer<Reading> readings) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost = cause;
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (!topic.startsWith(prefix + "/")) {
                    return;
                }
                Reading reading = parse(topic.substring(prefix.length() + 1), message.getQos(), message.isDuplicate(),
                        message.getPayload());
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

    /**
     * Connects again after the connection was lost (a broker restart), trying until
     * {@code timeout}: the broker resumes the session and its subscription. True when connected.
     */
    public boolean reconnect(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!client.isConnected()) {
            try {
                client.connect(options);
                lost = null;
                return true;
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
