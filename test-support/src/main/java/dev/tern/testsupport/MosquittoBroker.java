package dev.tern.testsupport;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A mosquitto process on a free loopback port, with its config, persistence folder and log in
 * a temporary folder of its own. Tests are aborted (SKIPPED) where mosquitto is not installed.
 *
 * <pre>{@code
 * try (MosquittoBroker broker = MosquittoBroker.start()) {
 *     MqttClient client = new MqttClient(broker.serverUri(), "t1", new MemoryPersistence());
 *     ...
 * }
 * }</pre>
 */
public final class MosquittoBroker implements TestBroker {

    static final ExternalTool MOSQUITTO = new ExternalTool("mosquitto", "mosquitto");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** Another process may take the free port between our probe and mosquitto's bind. */
    private static final int PORT_ATTEMPTS = 3;

    private final Path executable;
    private final TempFolder folder;
    private final int port;
    private final int tlsPort;
    private StartedProcess process;

    private MosquittoBroker(final Path executable, final TempFolder folder, final int port, final int tlsPort,
                            final StartedProcess process) {
        this.executable = executable;
        this.folder = folder;
        this.port = port;
        this.tlsPort = tlsPort;
        this.process = process;
    }

    public static boolean isInstalled() {
        return MOSQUITTO.isInstalled();
    }

    /** Aborts the calling test (SKIPPED, saying to install mosquitto) where it is missing. */
    public static void assumeInstalled() {
        MOSQUITTO.assumeInstalled();
    }

    /** Starts mosquitto and waits until it accepts connections; aborts the test where it is not installed. */
    public static MosquittoBroker start() {
        return start("");
    }

    /**
     * Starts mosquitto with {@code extraConfigLines} appended to its config (each line ending in
     * a newline), e.g. {@code "max_queued_messages 0\n"}; aborts the test where it is not installed.
     */
    public static MosquittoBroker start(final String extraConfigLines) {
        return start(extraConfigLines, null);
    }

    /**
     * Starts mosquitto with its plain listener (for observers such as a test's subscriber) and a
     * second one on 127.0.0.1:{@link #tlsPort()} that speaks TLS with {@code tls}'s files and
     * requires a client certificate signed by its CA ({@code require_certificate true}).
     */
    public static MosquittoBroker startWithTls(final TlsListenerFiles tls) {
        return start("", tls);
    }

    private static MosquittoBroker start(final String extraConfigLines, final TlsListenerFiles tls) {
        final Path executable = MOSQUITTO.assumeInstalled();
        final TempFolder folder = TempFolder.create("tern-mosquitto-");
        try {
            folder.createFolder("persistence");
            return LoopbackServer.onFreePort(PORT_ATTEMPTS, e -> e.getMessage().contains("Address already in use"), port -> {
                // the TLS port is probed apart: a clash there shows as mosquitto exiting, reported with its log
                final int tlsPort = tls == null ? -1 : Loopback.freePort();
                final String lines = tls == null ? extraConfigLines : extraConfigLines + MosquittoConfig.tlsListener(tlsPort, tls);
                MosquittoConfig.write(folder.resolve("mosquitto.conf"), port, folder.resolve("persistence"), folder.resolve("mosquitto.log"),
                        lines);
                return new MosquittoBroker(executable, folder, port, tlsPort, launch(executable, folder, port));
            });
        } catch (final RuntimeException | Error e) {
            folder.close();
            throw e;
        }
    }

    private static StartedProcess launch(final Path executable, final TempFolder folder, final int port) {
        final ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-c", folder.resolve("mosquitto.conf").toString())
                .directory(folder.path().toFile())
                .redirectErrorStream(true)
                // kept across restarts: errors before the log file is open (bad config) land here
                .redirectOutput(Redirect.appendTo(folder.resolve("mosquitto.out").toFile()));
        return LoopbackServer.launch(builder, "mosquitto", port, START_TIMEOUT, () -> "\n--- " + folder.resolve("mosquitto.log")
                + " (last lines):\n" + LogTail.of(folder.resolve("mosquitto.log"))
                + "\n--- mosquitto output:\n" + LogTail.of(folder.resolve("mosquitto.out")));
    }

    @Override
    public String name() {
        return "mosquitto";
    }

    @Override
    public String host() {
        return Loopback.HOST;
    }

    @Override
    public int port() {
        return port;
    }

    /** The TLS listener's port ({@link #startWithTls}); -1 when there is none. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The temporary folder holding config, persistence and log; deleted by {@link #close()}. */
    public Path folder() {
        return folder.path();
    }

    public Path configFile() {
        return folder.resolve("mosquitto.conf");
    }

    @Override
    public Path persistenceFolder() {
        return folder.resolve("persistence");
    }

    @Override
    public Path logFile() {
        return folder.resolve("mosquitto.log");
    }

    /** The process id of the running mosquitto (changes on restart). */
    public long pid() {
        return process.pid();
    }

    @Override
    public synchronized void restart() {
        // SIGTERM makes mosquitto write its persistence file before it exits
        process.stop();
        process = launch(executable, folder, port);
    }

    @Override
    public synchronized void close() {
        try {
            process.stop();
        } finally {
            folder.close();
        }
    }

    @Override
    public String toString() {
        return name() + " on " + Loopback.HOST + ":" + port;
    }
}
