package dev.tern.bench.wirebytes;

import java.nio.charset.StandardCharsets;

/**
 * What the sensor firmware publishes for one reading (firmware {@code Readings}): the topic
 * {@code tern/<device.id>/<sensor>}, the device id {@code tern-} and the board's 96-bit unique id
 * in hex as the firmware makes it by default, and the ASCII JSON payload
 * {@code {"seq":17,"t":123456,"v":21.43}}.
 */
final class SensorReading {

    /** A 96-bit unique id in hex, as a board's default device id holds it. */
    static final String DEVICE_ID = "tern-0123456789abcdef01234567";
    static final String SENSOR = "temperature";

    private SensorReading() {
    }

    static byte[] topic() {
        return ("tern/" + DEVICE_ID + "/" + SENSOR).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reading {@code seq}, taken {@code millis} after boot, of a temperature around 21 degrees C. */
    static byte[] payload(long seq, long millis) {
        int centi = 2100 + (int) (seq * 7 % 150);
        String value = centi / 100 + "." + (centi % 100 < 10 ? "0" : "") + centi % 100;
        return ("{\"seq\":" + seq + ",\"t\":" + millis + ",\"v\":" + value + "}").getBytes(StandardCharsets.US_ASCII);
    }
}
