package dev.tern.demobroker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import com.hivemq.embedded.EmbeddedHiveMQ;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

/**
 * HiveMQ Community Edition embedded on one TCP listener, for {@code tern demo}. Its API uses JDK
 * types only, because the caller reaches it through a class loader of its own
 * (host-tools' {@code DemoBrokerLoader}) and shares no class with it but the JDK's:
 *
 * <pre>{@code
 * try (AutoCloseable broker = DemoBroker.start("127.0.0.1", 1883, dataDir)) { ... }
 * }</pre>
 *
 * <p>{@code dataDir} receives conf/ (config.xml, logback.xml), data/, extensions/ and
 * {@code hivemq.log}: HiveMQ logs there and never to the console. Sessions and their queued
 * messages persist in data/, so a broker started again on the same {@code dataDir} (after
 * {@link #close()}) restores them: the demo's broker restart.
 */
public final class DemoBroker implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static final long ACCEPT_TIMEOUT_MILLIS = 10_000;

    private final EmbeddedHiveMQ hivemq;
    private final String where;
    private boolean closed;

    private DemoBroker(final EmbeddedHiveMQ hivemq, final String where) {
        this.hivemq = hivemq;
        this.where = where;
    }

    /**
     * Starts the broker on {@code host:port} and returns once it accepts connections.
     *
     * @throws IllegalStateException when it did not start in time (the message names the log file)
     */
    public static AutoCloseable start(final String host, final int port, final Path dataDir) throws IOException {
        return start(host, port, dataDir, null);
    }

    /**
     * As {@link #start(String, int, Path)}, plus a TLS listener on {@code host:tlsPort} with the
     * broker's key and chain (its own certificate first) that requires a client certificate
     * chaining to one of {@code clientCas}; returns once both listeners accept connections.
     */
    public static AutoCloseable startWithTls(final String host, final int port, final Path dataDir, final int tlsPort,
            final PrivateKey brokerKey, final List<X509Certificate> brokerChain, final List<X509Certificate> clientCas)
            throws IOException {
        final Path conf = Files.createDirectories(dataDir.resolve("conf"));
        return start(host, port, dataDir, TlsKeyStores.write(conf, tlsPort, brokerKey, brokerChain, clientCas));
    }

    private static AutoCloseable start(final String host, final int port, final Path dataDir, final TlsListener tls)
            throws IOException {
        final Path conf = Files.createDirectories(dataDir.resolve("conf"));
        Files.createDirectories(dataDir.resolve("data"));
        Files.createDirectories(dataDir.resolve("extensions"));
        final Path log = dataDir.resolve("hivemq.log");
        HiveMqConfig.write(conf, host, port, tls, HiveMqConfig.Persistence.FILE, log, false);
        quietUntilBootstrap();
        final EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(dataDir.resolve("data"))
                .withExtensionsFolder(dataDir.resolve("extensions"))
                .build();
        final DemoBroker broker = new DemoBroker(hivemq, host + ":" + port + " (log: " + log + ")");
        try {
            broker.await(hivemq.start(), START_TIMEOUT_SECONDS, "start");
            awaitAccepting(host, port, broker.where);
            if (tls != null) {
                awaitAccepting(host, tls.port(), host + ":" + tls.port() + " (TLS; log: " + log + ")");
            }
            return broker;
        } catch (final RuntimeException | Error e) {
            broker.close();
            throw e;
        }
    }

    /** Stops the broker and releases it; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            await(hivemq.stop(), STOP_TIMEOUT_SECONDS, "stop");
        } finally {
            try {
                hivemq.close();
            } catch (final ExecutionException e) {
                // stopped already, or as far as it could: nothing more to release
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void await(final CompletableFuture<Void> change, final long seconds, final String what) {
        try {
            change.get(seconds, TimeUnit.SECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("HiveMQ CE on " + where + " did not " + what + " within " + seconds + " s: " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while HiveMQ CE on " + where + " was to " + what, e);
        }
    }

    private static void awaitAccepting(final String host, final int port, final String where) {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_TIMEOUT_MILLIS);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(host, port), 250);
                return;
            } catch (final IOException notYet) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new IllegalStateException("HiveMQ CE started but does not accept connections on " + where, notYet);
                }
                try {
                    Thread.sleep(50);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for HiveMQ CE on " + where, e);
                }
            }
        }
    }

    /**
     * HiveMQ logs a few INFO lines while it is built, before its logging bootstrap reads conf/logback.xml;
     * until then the logback.xml in its jar (INFO to the console) applies.
     */
    private static void quietUntilBootstrap() {
        final ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext) {
            final Logger root = ((LoggerContext) factory).getLogger(Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.OFF);
        }
    }
}
