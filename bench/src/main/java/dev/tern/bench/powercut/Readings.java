package dev.tern.bench.powercut;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.MqttException;

import dev.tern.boards.firmware.Reading;
import dev.tern.boards.firmware.ReadingSubscriber;

/**
 * What the independent subscriber of the powercut runs receives (boards' {@link ReadingSubscriber},
 * persistent session, connected to the broker directly): the firmware's readings, or the board cut
 * run's {@link NumberedMessage}s. It keeps every reading's payload by
 * sensor and seq, so a seq received twice is told apart as the same message again (a
 * duplicate) or a different reading with a reused number (a repeat: the firmware lost count).
 */
final class Readings implements ReadingSubscriber.Listener, AutoCloseable {

    /** What one sensor's readings say about its sequence numbers. */
    record Report(String sensor, int qos, int received, long highest, long lost, String firstLost, int duplicated,
                  int repeated) {
    }

    private final Map<String, Map<Long, List<String>>> bySensor = new HashMap<>();
    private int count;
    private ReadingSubscriber subscriber;

    private Readings() {
    }

    static Readings subscribe(String serverUri, String clientId, String prefix) throws MqttException {
        Readings readings = new Readings();
        readings.subscriber = ReadingSubscriber.subscribe(serverUri, clientId, prefix, true, readings);
        return readings;
    }

    @Override
    public void reading(Reading reading) {
        keep(reading.sensor(), reading.seq(), reading.payload());
    }

    /** The board cut run's engine publishes the bench's own numbered messages, not the firmware's readings. */
    @Override
    public void other(String topic, byte[] payload) {
        String text = new String(payload, StandardCharsets.US_ASCII);
        keep(topic.substring(topic.lastIndexOf('/') + 1), NumberedMessage.seq(text), text);
    }

    private void keep(String sensor, long seq, String payload) {
        synchronized (bySensor) {
            bySensor.computeIfAbsent(sensor, k -> new HashMap<>()).computeIfAbsent(seq, k -> new ArrayList<>()).add(payload);
            count++;
        }
    }

    /** Readings received so far, all sensors. */
    int count() {
        synchronized (bySensor) {
            return count;
        }
    }

    /** The number of distinct seqs of {@code sensor} received so far. */
    int distinct(String sensor) {
        synchronized (bySensor) {
            return bySensor.getOrDefault(sensor, Map.of()).size();
        }
    }

    /** How many copies of each seq of {@code sensor} arrived so far. */
    Map<Long, Integer> copies(String sensor) {
        synchronized (bySensor) {
            Map<Long, Integer> copies = new HashMap<>();
            bySensor.getOrDefault(sensor, Map.of()).forEach((seq, payloads) -> copies.put(seq, payloads.size()));
            return copies;
        }
    }

    Report report(String sensor, int qos) {
        synchronized (bySensor) {
            Map<Long, List<String>> seqs = bySensor.getOrDefault(sensor, Map.of());
            long highest = seqs.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            long missing = 0;
            StringBuilder first = new StringBuilder();
            for (long seq = 1; seq <= highest; seq++) {
                if (!seqs.containsKey(seq)) {
                    if (missing++ < 10) {
                        first.append(first.length() == 0 ? "" : ",").append(seq);
                    }
                }
            }
            int received = 0;
            int duplicated = 0;
            int repeated = 0;
            for (List<String> copies : seqs.values()) {
                received += copies.size();
                long distinct = copies.stream().distinct().count();
                duplicated += copies.size() - (int) distinct;
                repeated += (int) distinct - 1;
            }
            return new Report(sensor, qos, received, highest, missing, first.toString(), duplicated, repeated);
        }
    }

    /** Why the subscriber's own connection ended, or null while it holds. */
    Throwable lostConnection() {
        return subscriber.lost();
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
