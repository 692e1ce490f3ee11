package dev.tern.testsupport;

import java.time.Duration;

/** A running mosquitto_sub; {@link #close()} stops it. Made by {@link MosquittoClients#subscribe}. */
public final class MosquittoSubscription implements AutoCloseable {

    /** A received message, as mosquitto_sub prints it with {@link #MESSAGE_FORMAT}. */
    public record Message(String topic, String payload) {
    }

    /** mosquitto_sub expands the \t escapes; the prefix tells messages from -d debug lines. */
    static final String MESSAGE_FORMAT = "tern-message\\t%t\\t%p";
    private static final String MESSAGE_PREFIX = "tern-message\t";
    private static final String SUBACK_LINE_PREFIX = "Subscribed (mid: ";
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

    private final StartedProcess process;
    private final OutputLines output;
    private final int grantedQos;

    private MosquittoSubscription(final StartedProcess process, final OutputLines output, final int grantedQos) {
        this.process = process;
        this.output = output;
        this.grantedQos = grantedQos;
    }

    static MosquittoSubscription await(final StartedProcess process, final TestBroker broker, final String topic) {
        final OutputLines output = new OutputLines(process.process().getInputStream(), "mosquitto_sub output");
        final String suback = output.next(line -> line.startsWith(SUBACK_LINE_PREFIX), SUBSCRIBE_TIMEOUT);
        if (suback == null) {
            process.stop();
            throw new IllegalStateException("mosquitto_sub got no SUBACK for " + topic + " from " + broker + " within "
                    + SUBSCRIBE_TIMEOUT.toSeconds() + " s; its output:\n" + output.transcript());
        }
        // "Subscribed (mid: 1): 1" ends with the granted QoS (128 = refused)
        final int granted = Integer.parseInt(suback.substring(suback.lastIndexOf(' ') + 1).strip());
        if (granted > 2) {
            process.stop();
            throw new IllegalStateException(broker + " refused the subscription to " + topic + " (SUBACK return code " + granted + ")");
        }
        return new MosquittoSubscription(process, output, granted);
    }

    /** The QoS the broker granted in its SUBACK. */
    public int grantedQos() {
        return grantedQos;
    }

    /** The next message delivered; fails with mosquitto_sub's output when none came in time. */
    public Message nextMessage(final Duration timeout) {
        final String line = output.next(candidate -> candidate.startsWith(MESSAGE_PREFIX), timeout);
        if (line == null) {
            throw new IllegalStateException("mosquitto_sub received no message within " + timeout.toMillis()
                    + " ms (" + (process.isAlive() ? "still running" : "exited with code " + process.exitCodeOrMinusOne())
                    + "); its output:\n" + output.transcript());
        }
        final String topicAndPayload = line.substring(MESSAGE_PREFIX.length());
        final int tab = topicAndPayload.indexOf('\t');
        return new Message(topicAndPayload.substring(0, tab), topicAndPayload.substring(tab + 1));
    }

    /** mosquitto_sub's output so far (with its -d debug lines), for failure messages. */
    public String transcript() {
        return output.transcript();
    }

    @Override
    public void close() {
        process.stop();
    }
}
