package dev.tern.host.monitor;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;

import dev.tern.host.Main;
import dev.tern.host.cli.HostContext;
import picocli.CommandLine;

/**
 * {@code tern monitor ...} run as Main runs it, in its own thread, with a keyboard the test
 * types on (never the JVM's standard input), an environment and a terminal the test decides,
 * and its output readable while it runs. Closing it interrupts a monitor still running.
 */
final class MonitorRun implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Keyboard keyboard = new Keyboard();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private Future<Integer> exit;

    static MonitorRun start(Object... args) {
        return startOn(Map.of(), false, args);
    }

    static MonitorRun startOn(Map<String, String> environment, boolean terminal, Object... args) {
        MonitorRun run = new MonitorRun();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(run.out, true));
        commandLine.setErr(new PrintWriter(run.err, true));
        MonitorCommand monitor = commandLine.getSubcommands().get("monitor").getCommand();
        monitor.typedInput = run.keyboard;
        monitor.environment = environment;
        HostContext system = HostContext.system();
        monitor.serialOptions().context = new HostContext(environment, system.workingDir(), system.home(), system.ports());
        monitor.terminal = () -> terminal;
        String[] strings = new String[args.length + 1];
        strings[0] = "monitor";
        for (int i = 0; i < args.length; i++) {
            strings[i + 1] = args[i].toString();
        }
        run.exit = run.thread.submit(() -> commandLine.execute(strings));
        return run;
    }

    /** Runs to the end and returns the exit code. */
    static MonitorRun complete(Object... args) throws Exception {
        MonitorRun run = start(args);
        run.exitCode();
        return run;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    void awaitOut(String text) {
        Await.until(() -> out().contains(text), WAIT, this::toString);
    }

    void awaitErr(String text) {
        Await.until(() -> err().contains(text), WAIT, this::toString);
    }

    void type(String text) {
        keyboard.type(text);
    }

    int exitCode() throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("monitor still running after " + WAIT + ": " + this);
        }
    }

    @Override
    public void close() {
        keyboard.end();
        thread.shutdownNow();
    }

    @Override
    public String toString() {
        return "out: " + out + "\nerr: " + err;
    }

    /** Typed bytes, handed to the monitor as they are typed; -1 at the end. */
    private static final class Keyboard extends InputStream {
        private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
        private boolean ended;

        void type(String text) {
            text.chars().forEach(keys::add);
        }

        void end() {
            keys.add(-1);
        }

        @Override
        public int read() {
            if (ended) {
                return -1;
            }
            try {
                int key = keys.take();
                ended = key < 0;
                return key;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int first = read();
            if (first < 0) {
                return -1;
            }
            buffer[offset] = (byte) first;
            int count = 1;
            Integer next;
            while (count < length && (next = keys.peek()) != null && next >= 0) {
                buffer[offset + count++] = (byte) (int) keys.poll();
            }
            return count;
        }
    }
}
