package dev.tern.testsupport;

import java.nio.file.Path;

/**
 * An MQTT broker that a test started on the IPv4 loopback interface, with its own temporary
 * folder, listening for MQTT over TCP without authentication.
 *
 * <pre>{@code
 * try (TestBroker broker = MosquittoBroker.start()) {
 *     client.connect(broker.serverUri());
 *     ...
 *     broker.restart();   // same port, same persistence: sessions and queued messages survive
 * }
 * }</pre>
 */
public interface TestBroker extends AutoCloseable {

    /** Short name for test reports: "mosquitto", "hivemq-ce". */
    String name();

    /** Always 127.0.0.1: fixtures never listen on a public interface. */
    String host();

    int port();

    /** {@code tcp://127.0.0.1:PORT}, the form Paho and the Tern tools take. */
    default String serverUri() {
        return "tcp://" + host() + ":" + port();
    }

    /** Where the broker keeps persistent sessions and queued messages; inside its temporary folder. */
    Path persistenceFolder();

    /** The broker's log file, inside its temporary folder. */
    Path logFile();

    /**
     * Stops the broker cleanly (it saves its persistent state) and starts it again on the same
     * port with the same persistence folder; returns when it accepts connections again.
     */
    void restart();

    /** Stops the broker and deletes its temporary folder; safe to call twice. */
    @Override
    void close();
}
