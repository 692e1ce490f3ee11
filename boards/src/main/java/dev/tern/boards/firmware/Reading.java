package dev.tern.boards.firmware;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of the sensor firmware as a subscriber receives it: published on
 * {@code <prefix>/<sensor>} with the ASCII JSON payload {@code {"seq":17,"t":123456,"v":21.43}}
 * (seq counts the sensor's readings, t is the board clock in millis, v the value with its
 * decimals; the firmware's dev.tern.app.Readings writes it), with the QoS it arrived at and its DUP flag.
 */
public record Reading(String sensor, int qos, long seq, boolean dup, long time, String value) {

    private static final Pattern PAYLOAD = Pattern.compile("\\{\"seq\":(\\d{1,18}),\"t\":(\\d{1,18}),\"v\":(-?\\d{1,18}(?:\\.\\d{1,9})?)}");

    /**
     * The reading a message on {@code topic} carries; null when it is not one: a topic other than
     * {@code <prefix>/<sensor>} (commands, {@code status}) or a payload not in the firmware's form.
     */
    public static Reading parse(String prefix, String topic, int qos, boolean dup, byte[] payload) {
        if (!topic.startsWith(prefix + "/")) {
            return null;
        }
        String sensor = topic.substring(prefix.length() + 1);
        if (sensor.isEmpty() || sensor.indexOf('/') >= 0) {
            return null;
        }
        Matcher m = PAYLOAD.matcher(new String(payload, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            return null;
        }
        return new Reading(sensor, qos, Long.parseLong(m.group(1)), dup, Long.parseLong(m.group(2)), m.group(3));
    }

    /** The payload as the firmware wrote it: two readings with the same payload are the same message. */
    public String payload() {
        return "{\"seq\":" + seq + ",\"t\":" + time + ",\"v\":" + value + "}";
    }
}
