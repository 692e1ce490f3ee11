package dev.tern.app;

import dev.tern.hal.Sensors;
import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.session.Millis;

/**
 * The readings job of the sensor application: samples each enabled sensor when it is due and
 * publishes the reading at the sensor's QoS to its topic, numbering each sensor's readings.
 *
 * <p>Payload, ASCII JSON: {@code {"seq":17,"t":123456,"v":21.43}}: seq counts the sensor's
 * readings from 1, t is the board clock in millis, v the value (temperature in degrees C and
 * humidity in % with two decimals, pressure in Pa). A reading the engine refuses (outgoing table
 * or offline queue full) keeps its seq and is taken again on the next step. The counters live in
 * the engine's session (its application data, 8 bytes big-endian per sensor) and are saved in the
 * same flash write that accepts each QoS 1/2 reading, so a reboot neither repeats nor skips a
 * QoS 1/2 seq (a QoS 0 seq is saved with the next save, so it may repeat after a reboot).
 */
final class Readings {

    private static final int SEQUENCE_BYTES = 8;
    /** Value decimals by sensor id: centi-degrees, centi-percent, pascals. */
    private static final int[] DECIMALS = {2, 2, 0};

    private final Log log;
    private final byte[][] sensorTopics = new byte[AppConfig.SENSORS][];
    private final long[] sequence = new long[AppConfig.SENSORS];
    private final int[] nextDue = new int[AppConfig.SENSORS];
    private final boolean[] heldBack = new boolean[AppConfig.SENSORS];
    private final boolean[] unavailable = new boolean[AppConfig.SENSORS];
    private final byte[] payload = new byte[96];
    private AppConfig config;
    private Sensors sensors;
    private MqttClient client;
    private int sensorCount;

    Readings(Log log) {
        this.log = log;
    }

    /** At boot: every sensor due now, counting from 0 until {@link #resume} reads the session. */
    void start(AppConfig config, Sensors sensors, long now) {
        this.config = config;
        this.sensors = sensors;
        sensorCount = Math.min(AppConfig.SENSORS, sensors == null ? 0 : sensors.count());
        for (int i = 0; i < AppConfig.SENSORS; i++) {
            sensorTopics[i] = Utf8Text.bytes(config.sensorTopic[i]);
            sequence[i] = 0;
            nextDue[i] = (int) now;
        }
        if (sensorCount < AppConfig.SENSORS) {
            log.line(Log.WARN, "app", "the board has " + sensorCount + " of " + AppConfig.SENSORS + " sensors");
        }
    }

    /** Publishes through {@code client} (null: no MQTT, readings are only counted) from the seqs its session holds. */
    void resume(MqttClient client) {
        this.client = client;
        if (client == null) {
            return;
        }
        byte[] data = client.applicationData();
        for (int i = 0; i < AppConfig.SENSORS; i++) {
            long seq = 0;
            for (int b = 0; b < SEQUENCE_BYTES; b++) {
                seq = (seq << 8) | (data[i * SEQUENCE_BYTES + b] & 0xFF);
            }
            sequence[i] = seq;
        }
        log.begin(Log.INFO, "app").text("sequence numbers resume after temperature=").number(sequence[0])
                .text(" humidity=").number(sequence[1]).text(" pressure=").number(sequence[2]).end();
    }

    /** Takes each due reading and publishes it; a refused one stays due with its seq. The work done. */
    int sample(long now) {
        int work = 0;
        int time = (int) now;
        for (int i = 0; i < sensorCount; i++) {
            if (!config.sensorEnabled[i] || !Millis.isDue(nextDue[i], time)) {
                continue;
            }
            int value = sensors.read(i, now);
            if (Sensors.UNAVAILABLE == value) {
                if (!unavailable[i]) {
                    unavailable[i] = true;
                    log.begin(Log.WARN, "app").text(AppConfig.SENSOR_NAMES[i]).text(" sensor does not answer").end();
                }
                nextDue[i] = time + config.sensorIntervalMillis[i];
                continue;
            }
            unavailable[i] = false;
            if (client == null) {
                sequence[i]++;
                nextDue[i] = time + config.sensorIntervalMillis[i];
                continue;
            }
            if (publish(i, value, now)) {
                work++;
            }
        }
        return work;
    }

    private boolean publish(int sensor, int value, long now) {
        long seq = sequence[sensor] + 1;
        int length = formatReading(seq, value, DECIMALS[sensor], now);
        int qos = config.sensorQos[sensor];
        // the new seq goes into the session first, so the save that accepts a QoS 1/2 message
        // (or queues it) stores both in one write: a reboot neither repeats nor skips it
        storeSequence(sensor, seq);
        byte[] topic = sensorTopics[sensor];
        int result = client.publish(topic, 0, topic.length, payload, 0, length, qos, false);
        if (result >= 0 || ClientStatus.QUEUED == result) {
            sequence[sensor] = seq;
            nextDue[sensor] = (int) now + config.sensorIntervalMillis[sensor];
            if (heldBack[sensor]) {
                heldBack[sensor] = false;
                log.begin(Log.INFO, "app").text(AppConfig.SENSOR_NAMES[sensor]).text(" readings flow again").end();
            }
            log.begin(Log.DEBUG, "app").text(AppConfig.SENSOR_NAMES[sensor]).text(" ").bytes(payload, 0, length)
                    .text(" qos=").number(qos).text(ClientStatus.QUEUED == result ? " queued" : " sent").end();
            return true;
        }
        if (!heldBack[sensor]) {
            storeSequence(sensor, sequence[sensor]); // refused: not saved, and the seq is taken again
            heldBack[sensor] = true;
            log.begin(Log.WARN, "app").text(AppConfig.SENSOR_NAMES[sensor]).text(" reading seq=").number(seq)
                    .text(" held back (").text(ClientStatus.name(result)).text("): retried each step").end();
        }
        return false;
    }

    /** The {@code qos} command: later readings of the sensor go at this QoS. */
    void setQos(int sensor, int qos) {
        config.sensorQos[sensor] = qos;
    }

    /** The {@code interval} command: the sensor is next due one new interval from now. */
    void setInterval(int sensor, int millis, long now) {
        config.sensorIntervalMillis[sensor] = millis;
        nextDue[sensor] = (int) now + millis;
    }

    /** Readings of sensor {@code id} accepted by the engine since boot (the last seq). */
    long sequence(int id) {
        return sequence[id];
    }

    private void storeSequence(int sensor, long seq) {
        byte[] data = client.applicationData();
        for (int b = SEQUENCE_BYTES - 1; b >= 0; b--) {
            data[sensor * SEQUENCE_BYTES + b] = (byte) seq;
            seq >>>= 8;
        }
    }

    /** {"seq":17,"t":123456,"v":21.43} into {@link #payload}: its length. */
    private int formatReading(long seq, int value, int decimals, long now) {
        int limit = payload.length;
        int n = Ascii.putString(payload, 0, limit, "{\"seq\":");
        n = Ascii.putLong(payload, n, limit, seq);
        n = Ascii.putString(payload, n, limit, ",\"t\":");
        n = Ascii.putLong(payload, n, limit, now);
        n = Ascii.putString(payload, n, limit, ",\"v\":");
        n = Ascii.putFixed(payload, n, limit, value, decimals);
        return Ascii.putByte(payload, n, limit, '}');
    }
}
