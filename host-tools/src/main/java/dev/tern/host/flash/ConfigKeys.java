package dev.tern.host.flash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each config page key accepts, worded for a user who typed a bad value. The firmware's
 * {@code AppConfig.set} decides; this table says the same in words (ConfigKeysTest holds the two
 * together: every key here is one AppConfig knows, every range's ends are AppConfig's).
 */
final class ConfigKeys {

    /** The sensors with keys of their own, by AppConfig's names. */
    static final List<String> SENSORS = List.of("temperature", "humidity", "pressure");

    private static final String BOOLEAN = "true or false (also 1/0, on/off, yes/no)";
    private static final String IDENTIFIER = "1 to 64 characters, none of them '/', '+', '#' or a space";
    private static final String TOPIC = "a topic name of 1 to 200 characters, no '+' or '#', not ending in '/'";

    private static final Map<String, String> ACCEPTED = new LinkedHashMap<>();
    private static final Map<String, long[]> RANGES = new LinkedHashMap<>();
    private static final Map<String, List<String>> CHOICES = new LinkedHashMap<>();

    static {
        text("device.id", IDENTIFIER);
        text("broker.host", "a host name or address, no spaces");
        range("broker.port", 1, 65535, "");
        text("mqtt.clientId", IDENTIFIER);
        text("topic.prefix", TOPIC);
        range("mqtt.keepAlive", 0, 65535, " seconds (0: off)");
        text("mqtt.cleanSession", BOOLEAN);
        choice("mqtt.version", "5", "3.1.1");
        text("mqtt.sessionExpiry", "a whole number of seconds from 0 to 4294967295, or never (MQTT 5 only)");
        range("mqtt.topicAliases", 0, 64, " (MQTT 5 only; 0: full topic names)");
        range("mqtt.outgoingSlots", 1, 1024, "");
        range("mqtt.incomingQos2Slots", 1, 1024, "");
        range("mqtt.maxPacketSize", 128, 65535, " bytes");
        range("mqtt.offlineQueueBytes", 0, 1 << 20, " bytes");
        range("mqtt.ackTimeout", 100, 3_600_000, " milliseconds");
        range("mqtt.reconnectMin", 1, 86_400_000, " milliseconds");
        range("mqtt.reconnectMax", 1, 86_400_000, " milliseconds");
        range("cmd.qos", 0, 2, "");
        for (String sensor : SENSORS) {
            String prefix = "sensor." + sensor + ".";
            text(prefix + "enabled", BOOLEAN);
            range(prefix + "qos", 0, 2, "");
            range(prefix + "interval", 10, 86_400_000, " milliseconds");
            range(prefix + "interval_ms", 10, 86_400_000, " milliseconds");
            text(prefix + "topic", TOPIC);
        }
        text("log.trace", BOOLEAN);
        text("log.level", "error, warn, info or debug (or E, W, I, D)");
    }

    private ConfigKeys() {
    }

    private static void text(String key, String accepted) {
        ACCEPTED.put(key, accepted);
    }

    /** A key that takes one of a few words: the words, listed as {@code 5 or 3.1.1}. */
    private static void choice(String key, String... values) {
        CHOICES.put(key, List.of(values));
        ACCEPTED.put(key, String.join(", ", List.of(values).subList(0, values.length - 1)) + " or " + values[values.length - 1]);
    }

    private static void range(String key, long min, long max, String unit) {
        RANGES.put(key, new long[] {min, max});
        ACCEPTED.put(key, max - min <= 2 ? joinedValues(min, max) : "a whole number from " + min + " to " + max + unit);
    }

    /** {@code 0, 1 or 2}. */
    private static String joinedValues(long min, long max) {
        StringBuilder values = new StringBuilder();
        for (long value = min; value <= max; value++) {
            values.append(value == min ? "" : value == max ? " or " : ", ").append(value);
        }
        return values.toString();
    }

    /** The keys, in the order of docs/sensor-firmware.md. */
    static Set<String> names() {
        return Collections.unmodifiableSet(ACCEPTED.keySet());
    }

    /** Every key, the sensors' once: {@code device.id, ..., sensor.NAME.enabled|qos|interval|topic (NAME: temperature, ...), ...}. */
    static String summary() {
        List<String> keys = new ArrayList<>();
        for (String key : ACCEPTED.keySet()) {
            if (!key.startsWith("sensor.")) {
                keys.add(key);
            } else if (key.equals("sensor." + SENSORS.get(0) + ".enabled")) {
                keys.add("sensor.NAME.enabled|qos|interval|topic (NAME: " + String.join(", ", SENSORS) + ")");
            }
        }
        return String.join(", ", keys);
    }

    /** What {@code key} accepts, e.g. "0, 1 or 2"; null for a key not in the table. */
    static String accepted(String key) {
        return ACCEPTED.get(key);
    }

    /** The words a key takes, for a did-you-mean; empty for a key that is not a choice of words. */
    static List<String> choices(String key) {
        return CHOICES.getOrDefault(key, List.of());
    }

    /** The numeric keys' {@code {min, max}}. */
    static Map<String, long[]> ranges() {
        return Collections.unmodifiableMap(RANGES);
    }
}
