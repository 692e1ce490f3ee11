package dev.tern.bench.powercut;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench's own numbered MQTT messages, {@code {"seq":17,...}}: the board cut run's engine
 * publishes them upstream and {@link BrokerSidePublisher} downstream (the sensor firmware's
 * readings are parsed by boards' Reading instead).
 */
final class NumberedMessage {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private NumberedMessage() {
    }

    /** The message's number, or -1 when it carries none. */
    static long seq(String payload) {
        Matcher m = SEQ.matcher(payload);
        return m.find() ? Long.parseLong(m.group(1)) : -1L;
    }
}
