package dev.tern.host.demo;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The demo's HiveMQ CE (started through {@link DemoBrokerLoader}), which the story can restart:
 * stopped, then started again on the same port and data folder, where it finds the persistent
 * sessions and their queued messages.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final DemoBrokerLoader loader;
    private final String host;
    private final int port;
    private final Path dataDir;
    private final DemoBrokerLoader.Tls tls;
    private AutoCloseable running;

    private EmbeddedBroker(DemoBrokerLoader loader, String host, int port, Path dataDir, DemoBrokerLoader.Tls tls) {
        this.loader = loader;
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
        this.tls = tls;
    }

    public static EmbeddedBroker start(DemoBrokerLoader loader, String host, int port, Path dataDir) throws IOException {
        return start(loader, host, port, dataDir, null);
    }

    /** With a TLS listener too (restarted with it) when {@code tls} is not null. */
    public static EmbeddedBroker start(DemoBrokerLoader loader, String host, int port, Path dataDir, DemoBrokerLoader.Tls tls)
            throws IOException {
        EmbeddedBroker broker = new EmbeddedBroker(loader, host, port, dataDir, tls);
        broker.running = loader.start(host, port, dataDir, tls);
        return broker;
    }

    /** Stops the broker (its clients see their connections end); {@link #startAgain()} brings it back. */
    public synchronized void stop() throws IOException {
        if (running != null) {
            AutoCloseable stopping = running;
            running = null;
            try {
                stopping.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("stopping HiveMQ CE failed: " + e, e);
            }
        }
    }

    public synchronized void startAgain() throws IOException {
        if (running == null) {
            running = loader.start(host, port, dataDir, tls);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        stop();
    }
}
