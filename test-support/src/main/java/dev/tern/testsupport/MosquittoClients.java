package dev.tern.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * mosquitto_pub and mosquitto_sub, run as processes against a {@link TestBroker}: an MQTT
 * client that is not ours, to check what a broker really received or delivered. Tests are
 * aborted (SKIPPED) where the clients are not installed.
 *
 * <pre>{@code
 * try (MosquittoSubscription sub = MosquittoClients.subscribe(broker, "tern/t", 1)) {
 *     MosquittoClients.publish(broker, "tern/t", "hello", 1);
 *     assertEquals("hello", sub.nextMessage(Duration.ofSeconds(10)).payload());
 * }
 * }</pre>
 */
public final class MosquittoClients {

    static final ExternalTool MOSQUITTO_PUB = new ExternalTool("mosquitto_pub", "mosquitto-clients");
    static final ExternalTool MOSQUITTO_SUB = new ExternalTool("mosquitto_sub", "mosquitto-clients");
    /** mosquitto_sub does not flush its -d lines into a pipe; stdbuf makes its stdout line-buffered. */
    static final ExternalTool STDBUF = new ExternalTool("stdbuf", "coreutils");

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    private MosquittoClients() {
    }

    public static boolean isInstalled() {
        return MOSQUITTO_PUB.isInstalled() && MOSQUITTO_SUB.isInstalled() && STDBUF.isInstalled();
    }

    /** Aborts the calling test (SKIPPED, saying to install mosquitto-clients) where they are missing. */
    public static void assumeInstalled() {
        MOSQUITTO_PUB.assumeInstalled();
        MOSQUITTO_SUB.assumeInstalled();
        STDBUF.assumeInstalled();
    }

    /**
     * Publishes one UTF-8 message with mosquitto_pub (MQTT 3.1.1) and waits until it exits, which
     * it does after the broker acknowledged the message at QoS 1 and 2.
     */
    public static void publish(final TestBroker broker, final String topic, final String message, final int qos) {
        final Path executable = MOSQUITTO_PUB.assumeInstalled();
        final List<String> command = List.of(executable.toString(), "-h", broker.host(), "-p", Integer.toString(broker.port()),
                "-V", "mqttv311", "-i", clientId("pub"), "-t", topic, "-q", Integer.toString(qos), "-m", message);
        final StartedProcess process = start(command, "mosquitto_pub to " + broker);
        try {
            final OutputLines output = new OutputLines(process.process().getInputStream(), "mosquitto_pub output");
            if (!process.awaitExit(PUBLISH_TIMEOUT)) {
                throw new IllegalStateException("mosquitto_pub to " + broker + " did not finish within "
                        + PUBLISH_TIMEOUT.toSeconds() + " s; its output:\n" + output.transcript());
            }
            if (0 != process.exitCodeOrMinusOne()) {
                output.awaitEnd(StartedProcess.STOP_GRACE);
                throw new IllegalStateException("mosquitto_pub to " + broker + " failed with exit code "
                        + process.exitCodeOrMinusOne() + "; its output:\n" + output.transcript());
            }
        } finally {
            process.stop();
        }
    }

    /**
     * Starts mosquitto_sub (MQTT 3.1.1, clean session) on {@code topic} and returns once the
     * broker has granted the subscription, so nothing published afterwards can be missed.
     */
    public static MosquittoSubscription subscribe(final TestBroker broker, final String topic, final int qos) {
        final Path executable = MOSQUITTO_SUB.assumeInstalled();
        final List<String> command = List.of(STDBUF.assumeInstalled().toString(), "-oL", executable.toString(),
                "-h", broker.host(), "-p", Integer.toString(broker.port()),
                "-V", "mqttv311", "-i", clientId("sub"), "-t", topic, "-q", Integer.toString(qos),
                // -d prints the SUBACK, which tells us when the subscription is in place
                "-d", "-F", MosquittoSubscription.MESSAGE_FORMAT);
        return MosquittoSubscription.await(start(command, "mosquitto_sub on " + topic + " at " + broker), broker, topic);
    }

    private static StartedProcess start(final List<String> command, final String description) {
        try {
            return StartedProcess.start(new ProcessBuilder(command).redirectErrorStream(true), description);
        } catch (final IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        }
    }

    private static String clientId(final String role) {
        return "tern-test-" + role + "-" + ProcessHandle.current().pid() + "-" + CLIENT_IDS.incrementAndGet();
    }
}
