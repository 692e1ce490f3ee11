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
    private AutoCloseable running;

    private EmbeddedBroker(DemoBrokerLoader loader, String host, int port, Path dataDir) {
        this.loader = loader;
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
    }

    public static EmbeddedBroker start(DemoBrokerLoader loader, String host, int port, Path dataDir) throws IOException {
        EmbeddedBroker broker = new EmbeddedBroker(loader, host, port, dataDir);
        broker.running = loader.start(host, port, dataDir);
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
            running = loader.start(host, port, dataDir);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        stop();
    }
}
