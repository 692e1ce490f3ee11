package dev.tern.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A ser2net process serving one serial device (a {@link PtyPair} end, typically) over RFC 2217
 * ({@code telnet(rfc2217)}) on a free loopback port, with its YAML config, pid file and output
 * in a temporary folder of its own. Tests are aborted (SKIPPED) where ser2net is not installed.
 *
 * <pre>{@code
 * try (PtyPair pty = PtyPair.open(); Ser2netServer server = Ser2netServer.serve(pty.a())) {
 *     SerialLink link = SerialLinks.open(server.rfc2217Url());   // the board is at pty.b()
 * }
 * }</pre>
 */
public final class Ser2netServer implements AutoCloseable {

    static final ExternalTool SER2NET = new ExternalTool("ser2net", "ser2net");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** Another process may take the free port between our probe and ser2net's bind. */
    private static final int PORT_ATTEMPTS = 3;

    private final TempFolder folder;
    private final int port;
    private final StartedProcess process;

    private Ser2netServer(final TempFolder folder, final int port, final StartedProcess process) {
        this.folder = folder;
        this.port = port;
        this.process = process;
    }

    public static boolean isInstalled() {
        return SER2NET.isInstalled();
    }

    /** Aborts the calling test (SKIPPED, saying to install ser2net) where it is missing. */
    public static void assumeInstalled() {
        SER2NET.assumeInstalled();
    }

    /**
     * Starts ser2net serving {@code device} at 115200 8N1 (no modem-line control: {@code local})
     * and returns once it accepts connections; aborts the test where ser2net is not installed.
     */
    public static Ser2netServer serve(final Path device) {
        final Path executable = SER2NET.assumeInstalled();
        final TempFolder folder = TempFolder.create("tern-ser2net-");
        try {
            // any failure may be the port taken: ser2net does not say so where we could tell
            return LoopbackServer.onFreePort(PORT_ATTEMPTS, e -> true, port -> {
                writeConfig(folder.resolve("ser2net.yaml"), port, device);
                return new Ser2netServer(folder, port, launch(executable, folder, port));
            });
        } catch (final RuntimeException | Error e) {
            folder.close();
            throw e;
        }
    }

    /**
     * ser2net 4.x YAML: one connection, the telnet accepter with RFC 2217 on loopback only, the
     * device as a serial connector. {@code local} ignores the modem lines (a pty has none).
     */
    static void writeConfig(final Path file, final int port, final Path device) {
        final String yaml = "%YAML 1.1\n"
                + "---\n"
                + "connection: &tern\n"
                + "    accepter: telnet(rfc2217),tcp," + Loopback.HOST + "," + port + "\n"
                + "    enable: on\n"
                + "    options:\n"
                + "      kickolduser: true\n"
                + "    connector: serialdev," + device + ",115200n81,local\n";
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static StartedProcess launch(final Path executable, final TempFolder folder, final int port) {
        // -n: stay in the foreground; -u: no UUCP lock files (/var/lock may not be writable); -P: our pid file
        final ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-n", "-u",
                "-P", folder.resolve("ser2net.pid").toString(), "-c", folder.resolve("ser2net.yaml").toString())
                .directory(folder.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(folder.resolve("ser2net.out").toFile()));
        return LoopbackServer.launch(builder, "ser2net", port, START_TIMEOUT,
                () -> "; its output:\n" + LogTail.of(folder.resolve("ser2net.out")));
    }

    public String host() {
        return Loopback.HOST;
    }

    public int port() {
        return port;
    }

    /** {@code rfc2217://127.0.0.1:PORT}, the name a user gives tern. */
    public String rfc2217Url() {
        return "rfc2217://" + Loopback.HOST + ":" + port;
    }

    /** What ser2net printed, for failure messages. */
    public String output() {
        return LogTail.of(folder.resolve("ser2net.out"));
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
        return "ser2net on " + rfc2217Url();
    }
}
