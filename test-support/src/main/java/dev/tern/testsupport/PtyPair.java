package dev.tern.testsupport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Two connected pseudo-terminals made by socat (raw, echo off; 8N1, as pseudo-terminals carry
 * no parity): bytes written to {@link #a()} are read from {@link #b()} and the other way round,
 * like a null-modem cable. Tests are aborted (SKIPPED) where socat is not installed.
 *
 * <p>The pair holds both ends open itself, so a test may open and close an end many times:
 * socat would otherwise see a hang-up when the last user of an end closes it, and stop
 * passing bytes to that end.
 *
 * <pre>{@code
 * try (PtyPair pty = PtyPair.open();
 *      OutputStream toBoard = new FileOutputStream(pty.a().toFile());
 *      InputStream atBoard = new FileInputStream(pty.b().toFile())) {
 *     toBoard.write(SYNC);
 *     byte[] got = BoundedReads.readExactly(atBoard, 1, Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class PtyPair implements AutoCloseable {

    static final ExternalTool SOCAT = new ExternalTool("socat", "socat");

    private static final Duration LINK_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LINK_POLL = Duration.ofMillis(20);

    private final TempFolder folder;
    private final StartedProcess socat;
    private final RandomAccessFile holdA;
    private final RandomAccessFile holdB;
    private boolean closed;

    private PtyPair(final TempFolder folder, final StartedProcess socat, final RandomAccessFile holdA, final RandomAccessFile holdB) {
        this.folder = folder;
        this.socat = socat;
        this.holdA = holdA;
        this.holdB = holdB;
    }

    public static boolean isSocatInstalled() {
        return SOCAT.isInstalled();
    }

    /** Aborts the calling test (SKIPPED, saying to install socat) where it is missing. */
    public static void assumeSocatInstalled() {
        SOCAT.assumeInstalled();
    }

    /** Starts socat and returns once both links exist; aborts the test where socat is not installed. */
    public static PtyPair open() {
        final Path executable = SOCAT.assumeInstalled();
        final TempFolder folder = TempFolder.create("tern-pty-");
        try {
            final Path a = folder.resolve("a");
            final Path b = folder.resolve("b");
            final ProcessBuilder builder = new ProcessBuilder(executable.toString(),
                    "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.to(folder.resolve("socat.log").toFile()));
            final StartedProcess socat;
            try {
                socat = StartedProcess.start(builder, "socat pty pair in " + folder.path());
            } catch (final IOException e) {
                throw new UncheckedIOException("could not run " + executable, e);
            }
            try {
                awaitLinks(socat, folder, a, b);
                final RandomAccessFile holdA = new RandomAccessFile(a.toFile(), "rw");
                try {
                    return new PtyPair(folder, socat, holdA, new RandomAccessFile(b.toFile(), "rw"));
                } catch (final IOException e) {
                    holdA.close();
                    throw e;
                }
            } catch (final IOException e) {
                socat.stop();
                throw new UncheckedIOException("could not open the pty links " + a + " and " + b, e);
            } catch (final RuntimeException | Error e) {
                socat.stop();
                throw e;
            }
        } catch (final RuntimeException | Error e) {
            folder.close();
            throw e;
        }
    }

    private static void awaitLinks(final StartedProcess socat, final TempFolder folder, final Path a, final Path b) {
        final long deadline = System.nanoTime() + LINK_TIMEOUT.toNanos();
        // Files.exists follows the links, so this also sees the /dev/pts devices behind them
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!socat.isAlive() || System.nanoTime() - deadline >= 0 || !Pause.of(LINK_POLL)) {
                final String state = socat.isAlive() ? "still running" : "exited with code " + socat.exitCodeOrMinusOne();
                throw new IllegalStateException("socat did not create the pty links " + a + " and " + b + " within "
                        + LINK_TIMEOUT.toSeconds() + " s (" + state + "); its output:\n" + LogTail.of(folder.resolve("socat.log")));
            }
        }
    }

    /** One end: a link to a /dev/pts device, to open as a serial port. */
    public Path a() {
        return folder.resolve("a");
    }

    /** The other end. */
    public Path b() {
        return folder.resolve("b");
    }

    /**
     * Ends socat as a pulled cable would: the kernel hangs up both ends (a read or write on an
     * end that is still open fails with EIO) and their /dev/pts devices go away. {@link #close()}
     * still deletes the folder.
     */
    public synchronized void unplug() {
        socat.stop();
    }

    /** Stops socat (whose ptys go away with it) and deletes the folder of the links. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeQuietly(holdA);
            closeQuietly(holdB);
            socat.stop();
        } finally {
            folder.close();
        }
    }

    private static void closeQuietly(final RandomAccessFile end) {
        try {
            end.close();
        } catch (final IOException ignored) {
            // the pty goes away with socat anyway
        }
    }

    @Override
    public String toString() {
        return "pty pair " + a() + " <-> " + b();
    }
}
