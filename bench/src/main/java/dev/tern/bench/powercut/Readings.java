package dev.tern.bench.powercut;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.tern.boards.firmware.Reading;

/**
 * The independent subscriber of the powercut run: Paho, persistent session, QoS 2 on
 * {@code <prefix>/#}, connected to the broker directly. It keeps every reading's payload by
 * sensor and seq, so a seq received twice is told apart as the same message again (a
 * duplicate) or a different reading with a reused number (a repeat: the firmware lost count).
 */
final class Readings implements AutoCloseable {

    /** What one sensor's readings say about its sequence numbers. */
    record Report(String sensor, int qos, int received, long highest, long lost, String firstLost, int duplicated,
                  int repeated) {
    }

    private final MqttClient client;
    private final String prefix;
    private final Map<String, Map<Long, List<String>>> bySensor = new HashMap<>();
    private int count;
    private volatile Throwable lost;

    private Readings(MqttClient client, String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    static Readings subscribe(String serverUri, String clientId, String prefix) throws MqttException {
        MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        Readings readings = new Readings(client, prefix);
        client.setTimeToWait(10_000);
        client.setCallback(readings.callback());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(60);
        options.setConnectionTimeout(10);
        try {
            client.connect(options);
            client.subscribe(prefix + "/#", 2);
        } catch (MqttException | RuntimeException e) {
            readings.close();
            throw e;
        }
        return readings;
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost = cause;
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                Reading reading = Reading.parse(prefix, topic, message.getQos(), message.isDuplicate(), message.getPayload());
                if (reading == null) {
                    return; // cmd/..., status
                }
                synchronized (bySensor) {
                    bySensor.computeIfAbsent(reading.sensor(), k -> new HashMap<>())
                            .computeIfAbsent(reading.seq(), k -> new ArrayList<>()).add(reading.payload());
                    count++;
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // the subscriber publishes nothing
            }
        };
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
