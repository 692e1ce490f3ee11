package dev.tern.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.hivemq.embedded.EmbeddedHiveMQ;

import dev.tern.demobroker.HiveMqConfig;
import dev.tern.demobroker.TlsKeyStores;
import dev.tern.demobroker.TlsListener;

/**
 * HiveMQ Community Edition, embedded in this JVM, on a free loopback port, with its config,
 * data and extensions folders in a temporary folder of its own. Starting costs a few seconds:
 * share one per test class ({@link SharedBrokers}).
 *
 * <p>Starting it points the JVM's logback configuration at this broker's log file (only
 * errors reach the console); that stays so until another HiveMQ starts.
 */
public final class HiveMqBroker implements TestBroker {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final TempFolder folder;
    private final int port;
    private final int tlsPort;
    /** Replaced on restart: an EmbeddedHiveMQ cannot start again after a stop (its metrics clash). */
    private EmbeddedHiveMQ hivemq;
    private boolean closed;

    private HiveMqBroker(final TempFolder folder, final int port, final int tlsPort) {
        this.folder = folder;
        this.port = port;
        this.tlsPort = tlsPort;
        this.hivemq = build(folder);
    }

    /** Starts HiveMQ CE and waits until it accepts connections. */
    public static HiveMqBroker start() {
        return start(null);
    }

    /**
     * Starts HiveMQ CE with its plain listener and a TLS listener on another free loopback port
     * ({@link #tlsPort()}) that requires a client certificate chaining to {@code clientCas}.
     */
    public static HiveMqBroker startWithTls(final PrivateKey brokerKey, final List<X509Certificate> brokerChain,
            final List<X509Certificate> clientCas) {
        return start(new TlsMaterial(brokerKey, brokerChain, clientCas));
    }

    private record TlsMaterial(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientCas) {
    }

    private static HiveMqBroker start(final TlsMaterial tls) {
        final TempFolder folder = TempFolder.create("tern-hivemq-");
        try {
            final int port = Loopback.freePort();
            final Path conf = folder.createFolder("conf");
            final TlsListener listener = tls == null ? null
                    : TlsKeyStores.write(conf, Loopback.freePort(), tls.key(), tls.chain(), tls.clientCas());
            HiveMqConfig.write(conf, Loopback.HOST, port, listener, HiveMqConfig.Persistence.FILE,
                    folder.resolve("hivemq.log"), true);
            folder.createFolder("data");
            folder.createFolder("extensions");
            final HiveMqBroker broker = new HiveMqBroker(folder, port, listener == null ? -1 : listener.port());
            try {
                broker.startAndAwaitListener();
            } catch (final RuntimeException | Error e) {
                broker.stopQuietly();
                throw e;
            }
            return broker;
        } catch (final IOException e) {
            folder.close();
            throw new UncheckedIOException("could not write HiveMQ's configuration into " + folder.path(), e);
        } catch (final RuntimeException | Error e) {
            folder.close();
            throw e;
        }
    }

    private static EmbeddedHiveMQ build(final TempFolder folder) {
        HiveMqLogging.quietUntilBootstrap();
        return EmbeddedHiveMQ.builder()
                .withConfigurationFolder(folder.resolve("conf"))
                .withDataFolder(folder.resolve("data"))
                .withExtensionsFolder(folder.resolve("extensions"))
                .build();
    }

    private void startAndAwaitListener() {
        await(hivemq.start(), START_TIMEOUT, "start");
        awaitAccepting(port);
        if (tlsPort > 0) {
            awaitAccepting(tlsPort);
        }
    }

    private void awaitAccepting(final int listenerPort) {
        if (!Loopback.awaitAccepting(listenerPort, Duration.ofSeconds(10), () -> true)) {
            throw new IllegalStateException("HiveMQ CE started but did not accept connections on " + Loopback.HOST
                    + ":" + listenerPort + " within 10 s\n--- " + logFile() + ":\n" + LogTail.firstErrorAndTail(logFile()));
        }
    }

    private void await(final CompletableFuture<Void> change, final Duration timeout, final String what) {
        try {
            change.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("HiveMQ CE on " + Loopback.HOST + ":" + port + " did not " + what
                    + " within " + timeout.toSeconds() + " s: " + e
                    + "\n--- " + logFile() + ":\n" + LogTail.firstErrorAndTail(logFile()), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for HiveMQ CE to " + what, e);
        }
    }

    @Override
    public String name() {
        return "hivemq-ce";
    }

    @Override
    public String host() {
        return Loopback.HOST;
    }

    @Override
    public int port() {
        return port;
    }

    /** The temporary folder holding conf/, data/, extensions/ and the log; deleted by {@link #close()}. */
    public Path folder() {
        return folder.path();
    }

    @Override
    public Path persistenceFolder() {
        return folder.resolve("data");
    }

    /** The TLS listener's port ({@link #startWithTls}); -1 when there is none. */
    public int tlsPort() {
        return tlsPort;
    }

    @Override
    public Path logFile() {
        return folder.resolve("hivemq.log");
    }

    @Override
    public synchronized void restart() {
        // a new instance on the same folders: it reads the sessions the old one persisted in data/
        try {
            await(hivemq.stop(), STOP_TIMEOUT, "stop");
        } finally {
            stopQuietly();
        }
        hivemq = build(folder);
        startAndAwaitListener();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            await(hivemq.stop(), STOP_TIMEOUT, "stop");
        } finally {
            stopQuietly();
            folder.close();
        }
    }

    private void stopQuietly() {
        try {
            hivemq.close();
        } catch (final ExecutionException | RuntimeException e) {
            System.err.println("tern test-support: closing HiveMQ CE on port " + port + " failed: " + e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name() + " on " + Loopback.HOST + ":" + port;
    }
}
