package dev.tern.testsupport;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts each kind of broker once, when a test first asks for it,
 * and stops them all after the test class (or after each test, when registered on an instance
 * field). Starting HiveMQ costs seconds, so a class shares one.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SharedBrokers BROKERS = new SharedBrokers();
 *
 * @ParameterizedTest
 * @EnumSource(BrokerKind.class)
 * void deliversAtQos1(BrokerKind kind) {
 *     TestBroker broker = BROKERS.get(kind);   // SKIPPED for MOSQUITTO where it is not installed
 *     ...
 * }
 * }</pre>
 */
public final class SharedBrokers implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final Map<BrokerKind, TestBroker> started = new EnumMap<>(BrokerKind.class);
    /** BeforeAll runs only for a static field: then the brokers live for the whole class. */
    private boolean classWide;

    /** The running broker of this kind, started on first use. */
    public synchronized TestBroker get(final BrokerKind kind) {
        TestBroker broker = started.get(kind);
        if (broker == null) {
            broker = kind.start();
            started.put(kind, broker);
        }
        return broker;
    }

    @Override
    public synchronized void beforeAll(final ExtensionContext context) {
        classWide = true;
    }

    @Override
    public synchronized void afterEach(final ExtensionContext context) {
        if (!classWide) {
            closeAll();
        }
    }

    @Override
    public synchronized void afterAll(final ExtensionContext context) {
        closeAll();
    }

    /** Stops every broker started so far; each one is closed even when another fails to. */
    public synchronized void closeAll() {
        final List<TestBroker> brokers = new ArrayList<>(started.values());
        started.clear();
        RuntimeException failure = null;
        for (final TestBroker broker : brokers) {
            try {
                broker.close();
            } catch (final RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
