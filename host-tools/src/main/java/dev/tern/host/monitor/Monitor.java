package dev.tern.host.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.tern.host.cli.Durations;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.serial.SerialLink;
import dev.tern.host.serial.SerialLinks;
import dev.tern.host.serial.SerialPortException;

/**
 * A board's console on the terminal: reads the port, shows each line (or a hex dump), appends it
 * to the log file, sends typed lines, waits for a port that vanished to come back, and ends on
 * {@code until}, {@code timeout} or {@link #stop()} (Ctrl-C: a shutdown hook closes the port,
 * flushes the log and ends the process with exit 0). {@code tern monitor} opens the port by name; {@code tern flash --monitor}
 * hands over the link it flashed through, so no boot line is lost between the two:
 *
 * <pre>{@code
 * int exitCode = new Monitor(settings, out, err).typedInput(System.in).run(link);   // the monitor now owns link
 * }</pre>
 *
 * Exit codes: 0 the {@code until} line came, the timeout passed with no {@code until}, or
 * stopped; 1 the timeout passed without the {@code until} line, or the log file could not be
 * written; 3 the port vanished and {@code reconnect} is off.
 */
public final class Monitor {

    /** How often a vanished port is tried again. */
    public static final Duration RETRY_INTERVAL = Duration.ofMillis(500);
    /** The longest a read waits, so that a stop or the timeout is noticed. */
    static final Duration POLL = Duration.ofMillis(100);
    /** Held-back text (a line without its end, a partial hex row) is shown after this much silence. */
    static final Duration QUIET = Duration.ofMillis(200);
    /** How long Ctrl-C waits for the session to close the port and the log before the process ends. */
    static final Duration SESSION_END_LIMIT = Duration.ofSeconds(2);

    private final MonitorSettings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private LinkOpener opener = SerialLinks::open;
    private InputStream typedInput;
    private Clock clock = Clock.systemDefaultZone();
    private Duration retryInterval = RETRY_INTERVAL;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch sessionEnded = new CountDownLatch(1);
    private final AtomicReference<SerialLink> current = new AtomicReference<>();
    private volatile LogFile log;

    public Monitor(MonitorSettings settings, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Monitors an open link until the end, with no typed input; see {@link #run(SerialLink)}. */
    public static int run(SerialLink link, MonitorSettings settings, PrintWriter out, PrintWriter err) {
        return new Monitor(settings, out, err).run(link);
    }

    /** How a vanished port is opened again (default {@link SerialLinks#open}). */
    public Monitor opener(LinkOpener linkOpener) {
        this.opener = linkOpener;
        return this;
    }

    /** Lines typed here are sent to the board ({@link TypedLines}); none by default. */
    public Monitor typedInput(InputStream in) {
        this.typedInput = in;
        return this;
    }

    /** The clock of the timestamps and its time zone (default: the system's). */
    public Monitor clock(Clock timestampClock) {
        this.clock = timestampClock;
        return this;
    }

    Monitor retryInterval(Duration interval) {
        this.retryInterval = interval;
        return this;
    }

    /**
     * Opens {@code port} (set to the settings' line) and monitors it. When it cannot be opened:
     * throws at once, or with {@code waitForPort} says so and waits for it as for a vanished port.
     *
     * @throws SerialPortException when the port cannot be opened and {@code waitForPort} is false
     */
    public int runOnPort(String port, boolean waitForPort) throws IOException {
        SerialLink link = null;
        try {
            link = openConfigured(port);
        } catch (SerialPortException e) {
            if (!waitForPort) {
                throw e;
            }
        }
        return session(port, link);
    }

    /**
     * Monitors {@code link}, already open and configured, until the end; the monitor owns it and
     * closes it. A link that vanishes is opened again by its {@link SerialLink#name()}.
     */
    public int run(SerialLink link) {
        return session(link.name(), link);
    }

    /** Ends a running monitor (exit 0): closes the port, so a blocked read returns. Any thread. */
    public void stop() {
        stopRequested.countDown();
        SerialLink link = current.get();
        if (link != null) {
            closeQuietly(link);
        }
    }

    private boolean stopped() {
        return stopRequested.getCount() == 0 || Thread.currentThread().isInterrupted();
    }

    private int session(String port, SerialLink first) {
        Deadline deadline = new Deadline(settings.timeout());
        try {
            log = settings.logFile() == null ? null : LogFile.open(settings.logFile(), clock.getZone());
        } catch (IOException e) {
            closeQuietly(first);
            notice("cannot open the log file " + settings.logFile() + " (" + e + ")");
            return ExitCodes.FAILURE;
        }
        Thread hook = new Thread(this::shutdown, "tern-monitor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        TypedLines typed = null;
        SerialLink link = first;
        try {
            if (link == null) {
                notice("waiting for " + port + " to appear (Ctrl-C to stop)");
                link = reopen(port, deadline);
                if (link == null) {
                    return stopped() ? ExitCodes.OK : timedOut(null);
                }
            }
            current.set(link);
            if (stopped()) {
                return ExitCodes.OK;
            }
            notice("watching " + port + " (Ctrl-C to stop)");
            LineOutput output = new LineOutput(out, new LineRenderer(settings.timestamps(), settings.colors(), clock.getZone()),
                    settings.filter(), settings.until(), log);
            ByteSink sink = settings.hex() ? new HexDump(output) : new LineAssembler(output);
            if (typedInput != null) {
                typed = new TypedLines(typedInput, current::get, this::notice);
                typed.start();
            }
            return loop(port, link, sink, output, deadline);
        } catch (IOException e) {
            notice("cannot write the log file " + settings.logFile() + " (" + e + "); stopping");
            return ExitCodes.FAILURE;
        } finally {
            if (typed != null) {
                typed.stop();
            }
            closeQuietly(current.getAndSet(null));
            closeQuietly(link);
            closeLog();
            out.flush();
            err.flush();
            sessionEnded.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to remove
            }
        }
    }

    /** Reads until the end; an IOException out of here is the log file's. */
    private int loop(String port, SerialLink first, ByteSink sink, LineOutput output, Deadline deadline) throws IOException {
        SerialLink link = first;
        byte[] buffer = new byte[4096];
        long lastByte = System.nanoTime();
        boolean heldBack = false;
        while (true) {
            if (stopped()) {
                sink.flush();
                return ExitCodes.OK;
            }
            if (deadline.passed()) {
                return timedOut(sink);
            }
            int count;
            try {
                count = link.read(buffer, 0, buffer.length, deadline.atMost(POLL));
            } catch (IOException gone) {
                sink.flush();
                if (stopped() || output.matched()) {
                    return ExitCodes.OK;
                }
                current.set(null);
                closeQuietly(link);
                if (!settings.reconnect()) {
                    notice(port + " vanished (" + gone.getMessage() + "); not waiting for it (--no-reconnect)");
                    return ExitCodes.UNREACHABLE;
                }
                notice(port + " vanished; waiting for it to come back (Ctrl-C to stop)");
                link = reopen(port, deadline);
                if (link == null) {
                    return stopped() ? ExitCodes.OK : timedOut(sink);
                }
                current.set(link);
                notice("reconnected to " + port);
                continue;
            }
            long now = System.nanoTime();
            if (count > 0) {
                sink.accept(buffer, 0, count, clock.instant());
                lastByte = now;
                heldBack = true;
            } else if (heldBack && now - lastByte >= QUIET.toNanos()) {
                sink.flush();
                heldBack = false;
            }
            if (output.matched()) {
                return ExitCodes.OK;
            }
        }
    }

    /** Opens the port again every {@link #retryInterval} until it answers; null when stopped or out of time. */
    private SerialLink reopen(String port, Deadline deadline) {
        while (!stopped() && !deadline.passed()) {
            try {
                return openConfigured(port);
            } catch (IOException | IllegalArgumentException notBack) {
                // absent, busy or refusing: try again after the pause
            }
            try {
                if (stopRequested.await(deadline.atMost(retryInterval).toNanos(), TimeUnit.NANOSECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private SerialLink openConfigured(String port) throws IOException {
        SerialLink link = opener.open(port);
        try {
            link.configure(settings.line());
            return link;
        } catch (IOException | RuntimeException e) {
            closeQuietly(link);
            throw e;
        }
    }

    private int timedOut(ByteSink sink) {
        try {
            if (sink != null) {
                sink.flush();
            }
        } catch (IOException e) {
            notice("cannot write the log file " + settings.logFile() + " (" + e + ")");
            return ExitCodes.FAILURE;
        }
        String after = Durations.format(settings.timeout());
        if (settings.until() == null) {
            notice("stopped after " + after + " (--timeout)");
            return ExitCodes.OK;
        }
        notice("timed out after " + after + " without a line matching " + settings.until().pattern());
        return ExitCodes.FAILURE;
    }

    /** {@code monitor: ...} on standard error, and in the log file so that a gap there says why. */
    private void notice(String text) {
        err.println("monitor: " + text);
        err.flush();
        LogFile file = log;
        if (file != null) {
            try {
                file.line("monitor: " + text, clock.instant());
            } catch (IOException ignored) {
                // the line loop reports a log file that cannot be written
            }
        }
    }

    /**
     * Ctrl-C: close the port, flush what was shown and logged (the terminal was never changed), and
     * end with exit 0: stopping the monitor is its normal end, as quitting pio device monitor or
     * miniterm is, not the 130 of an interrupted command.
     */
    private void shutdown() {
        stop();
        out.flush();
        LogFile file = log;
        if (file != null) {
            try {
                file.flush();
            } catch (IOException ignored) {
                // the JVM is going: nothing more to do
            }
        }
        try {
            sessionEnded.await(SESSION_END_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(ExitCodes.OK);
    }

    private void closeLog() {
        LogFile file = log;
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                err.println("monitor: cannot close the log file " + file.path() + " (" + e + ")");
            }
        }
    }

    private static void closeQuietly(SerialLink link) {
        if (link != null) {
            try {
                link.close();
            } catch (IOException ignored) {
                // closing a port that is gone: nothing to do
            }
        }
    }

    /** The end set by the timeout, or none. */
    private static final class Deadline {
        private final long end;
        private final boolean set;

        Deadline(Duration timeout) {
            set = timeout != null;
            end = set ? System.nanoTime() + timeout.toNanos() : 0;
        }

        boolean passed() {
            return set && System.nanoTime() - end >= 0;
        }

        /** {@code wait}, or less when the deadline comes first (at least a millisecond). */
        Duration atMost(Duration wait) {
            if (!set) {
                return wait;
            }
            long remaining = Math.max(1_000_000, end - System.nanoTime());
            return remaining < wait.toNanos() ? Duration.ofNanos(remaining) : wait;
        }
    }
}
