package dev.tern.boards.virtual;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.tern.boards.firmware.Reading;

/**
 * An independent subscriber (Paho, not Tern's engine) with a persistent session, QoS 2 on
 * {@code <prefix>/#}: it records every sensor reading that arrives, in arrival order.
 */
final class ReadingSubscriber implements AutoCloseable {

    private final MqttClient client;
    private final String prefix;
    private final List<Reading> readings = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private volatile Throwable lost;

    private ReadingSubscriber(final MqttClient client, final String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    static ReadingSubscriber subscribe(final String serverUri, final String clientId, final String prefix) throws MqttException {
        final MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        final ReadingSubscriber subscriber = new ReadingSubscriber(client, prefix);
        try {
            client.setTimeToWait(10_000);
            client.setCallback(subscriber.callback());
            final MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(false);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout(10);
            options.setKeepAliveInterval(30);
            client.connect(options);
            client.subscribe(prefix + "/#", 2);
            return subscriber;
        } catch (final MqttException | RuntimeException e) {
            subscriber.close();
            throw e;
        }
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void connectionLost(final Throwable cause) {
                lost = cause;
            }

            @Override
            public void messageArrived(final String topic, final MqttMessage message) {
                final Reading reading = Reading.parse(prefix, topic, message.getQos(), message.isDuplicate(), message.getPayload());
                synchronized (readings) {
                    if (reading != null) {
                        readings.add(reading);
                    } else if (isSensorTopic(topic)) {
                        unreadable.add(topic + " " + new String(message.getPayload(), StandardCharsets.US_ASCII));
                    }
                    readings.notifyAll();
                }
            }

            @Override
            public void deliveryComplete(final IMqttDeliveryToken token) {
                // the subscriber publishes nothing
            }
        };
    }

    /** What arrived so far. */
    List<Reading> readings() {
        synchronized (readings) {
            return List.copyOf(readings);
        }
    }

    private boolean isSensorTopic(final String topic) {
        final String level = topic.startsWith(prefix + "/") ? topic.substring(prefix.length() + 1) : "/";
        return level.indexOf('/') < 0 && !"status".equals(level);
    }

    /** Messages on a sensor's topic ({@code <prefix>/<sensor>}) that were not readings in the firmware's form (topic and payload). */
    List<String> unreadable() {
        synchronized (readings) {
            return List.copyOf(unreadable);
        }
    }

    List<Reading> readings(final String sensor) {
        return readings().stream().filter(r -> r.sensor().equals(sensor)).toList();
    }

    /** Waits until what arrived satisfies {@code done}: true, or false after {@code timeout}. */
    boolean await(final Predicate<List<Reading>> done, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (readings) {
            while (!done.test(readings)) {
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                readings.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Waits until nothing arrived for {@code quiet}: true, or false when still busy after {@code timeout}. */
    boolean awaitQuiet(final Duration quiet, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        int count = readings().size();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
            final int now = readings().size();
            if (now != count) {
                count = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= quiet.toNanos()) {
                return true;
            }
        }
        return false;
    }

    /** Why the connection was lost, or null while it holds. */
    Throwable lost() {
        return lost;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
        } catch (final MqttException e) {
            // closing anyway
        } finally {
            try {
                client.close(true);
            } catch (final MqttException e) {
                // nothing more to release
            }
        }
    }
}
