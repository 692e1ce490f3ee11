package dev.tern.boards.virtual;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.paho.client.mqttv3.MqttException;

import dev.tern.boards.firmware.Reading;
import dev.tern.boards.firmware.ReadingSubscriber;

/**
 * Every sensor reading an independent subscriber (persistent session) receives, in arrival
 * order, and the messages on a sensor's topic that were not readings in the firmware's form.
 */
final class ReceivedReadings implements ReadingSubscriber.Listener, AutoCloseable {

    private final List<Reading> readings = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private ReadingSubscriber subscriber;

    private ReceivedReadings() {
    }

    static ReceivedReadings subscribe(final String serverUri, final String clientId, final String prefix) throws MqttException {
        final ReceivedReadings received = new ReceivedReadings();
        received.subscriber = ReadingSubscriber.subscribe(serverUri, clientId, prefix, true, received);
        return received;
    }

    @Override
    public void reading(final Reading reading) {
        synchronized (readings) {
            readings.add(reading);
            readings.notifyAll();
        }
    }

    @Override
    public void other(final String topic, final byte[] payload) {
        if (!topic.endsWith("/status")) {
            synchronized (readings) {
                unreadable.add(topic + " " + new String(payload, StandardCharsets.US_ASCII));
            }
        }
    }

    /** What arrived so far. */
    List<Reading> readings() {
        synchronized (readings) {
            return List.copyOf(readings);
        }
    }

    List<Reading> readings(final String sensor) {
        return readings().stream().filter(r -> r.sensor().equals(sensor)).toList();
    }

    /** Messages on a sensor's topic ({@code <prefix>/<sensor>}) that were not readings in the firmware's form. */
    List<String> unreadable() {
        synchronized (readings) {
            return List.copyOf(unreadable);
        }
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
        return subscriber.lost();
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
