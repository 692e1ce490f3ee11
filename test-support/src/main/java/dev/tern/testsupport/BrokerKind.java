package dev.tern.testsupport;

import java.util.function.Supplier;

/**
 * The brokers integration tests run against; use with {@code @EnumSource(BrokerKind.class)}
 * and {@link SharedBrokers} to run one test against each.
 */
public enum BrokerKind {

    /** mosquitto as a process; tests are SKIPPED where it is not installed. */
    MOSQUITTO(MosquittoBroker::start),

    /** HiveMQ Community Edition embedded in the test JVM. */
    HIVEMQ(HiveMqBroker::start);

    private final Supplier<TestBroker> starter;

    BrokerKind(final Supplier<TestBroker> starter) {
        this.starter = starter;
    }

    /** Starts a new broker of this kind; the caller closes it. */
    public TestBroker start() {
        return starter.get();
    }
}
