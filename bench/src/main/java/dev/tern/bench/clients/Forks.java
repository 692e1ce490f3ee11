package dev.tern.bench.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tern.testsupport.ForkedJvm;

/**
 * Runs the workers in JVMs of their own, all with the same options ({@link #JVM_OPTIONS}):
 * one that runs to its end ({@link #run}), and one that runs beside the suite (a receiver or
 * the wire subscriber) until it prints its line ({@link Background}).
 */
public final class Forks {

    /** The same heap and collector for every client; the JIT as it comes (C2 after warm-up). */
    public static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx256m", "-XX:+UseSerialGC");

    private Forks() {
    }

    /** Runs a worker to its end and returns its line; throws with its output when it failed. */
    public static WorkerLine run(Class<?> main, List<String> args, Duration timeout) {
        ForkedJvm.Result result = ForkedJvm.run(JVM_OPTIONS, ForkedJvm.classPath(main), main, args, timeout);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " " + String.join(" ", args) + " exited with "
                    + result.exitCode() + "\nstdout:\n" + result.stdout() + "\nstderr:\n" + tail(result.stderr()));
        }
        return WorkerLine.parse(result.stdout());
    }

    /** Starts a worker that runs beside the suite; waits (bounded) until it printed READY. */
    public static Background start(Class<?> main, List<String> args, Duration readyTimeout) {
        return new Background(main, args, readyTimeout);
    }

    /** A worker JVM running beside the suite, its output in files; stopped by {@link #close} if still running. */
    public static final class Background implements AutoCloseable {
        private final Process process;
        private final Path stdout;
        private final Path stderr;
        private final String description;

        private Background(Class<?> main, List<String> args, Duration readyTimeout) {
            List<String> command = new ArrayList<>();
            command.add(ForkedJvm.javaExecutable().toString());
            command.addAll(JVM_OPTIONS);
            command.add("-cp");
            command.add(ForkedJvm.classPath(main));
            command.add(main.getName());
            command.addAll(args);
            description = main.getSimpleName() + " " + String.join(" ", args);
            try {
                stdout = Files.createTempFile("tern-bench-", ".out");
                stderr = Files.createTempFile("tern-bench-", ".err");
                process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                process.getOutputStream().close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + description, e);
            }
            long deadline = System.nanoTime() + readyTimeout.toNanos();
            while (!output().contains(WorkerLine.READY + "\n")) {
                if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                    close();
                    throw new IllegalStateException(description + " was not READY within " + readyTimeout.toSeconds()
                            + " s\nstdout:\n" + output() + "\nstderr:\n" + tail(read(stderr)));
                }
                sleep(10);
            }
        }

        /** Waits for the worker to end by itself and returns its line; throws with its output when it failed. */
        public WorkerLine await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    close();
                    throw new IllegalStateException(description + " did not end within " + timeout.toSeconds()
                            + " s and was stopped\nstdout:\n" + output() + "\nstderr:\n" + tail(read(stderr)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + description, e);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(description + " exited with " + process.exitValue() + "\nstdout:\n"
                        + output() + "\nstderr:\n" + tail(read(stderr)));
            }
            return WorkerLine.parse(output());
        }

        /**
         * Waits (bounded) for a line with {@code key=value} from a worker that keeps running
         * (the wire subscriber); throws with its output when it ended or the time ran out.
         */
        public WorkerLine awaitLine(String key, String value, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (WorkerLine line : WorkerLine.parseAll(output())) {
                    if (line.has("error")) {
                        throw new IllegalStateException(description + " failed: " + line + "\nstderr:\n" + tail(read(stderr)));
                    }
                    if (line.has(key) && line.text(key).equals(value)) {
                        return line;
                    }
                }
                if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(description + " printed no line with " + key + "=" + value
                            + (process.isAlive() ? " within " + timeout.toSeconds() + " s" : " before it ended")
                            + "\nstdout:\n" + output() + "\nstderr:\n" + tail(read(stderr)));
                }
                sleep(5);
            }
        }

        private String output() {
            return read(stdout);
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            } catch (IOException ignored) {
                // temporary files: left for the system to clean
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 30), lines.length));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first fields of a worker suite's RESULT line: what was run, whether it kept its promises, how much. */
    public static Map<String, Object> resultHead(String suite, boolean quick, boolean ok, long messages, long warmup, int rounds) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("suite", suite);
        result.put("quick", quick);
        result.put("ok", ok);
        result.put("messages", messages);
        result.put("warmup", warmup);
        result.put("rounds", rounds);
        result.put("payloadBytes", 64);
        result.put("window", 16);
        return result;
    }

    /** The fields that say where the figures came from: the workers' JVM options, the JDK, the cores, the run's length. */
    public static void putMachine(Map<String, Object> result, double seconds) {
        result.put("jvmOptions", String.join(" ", JVM_OPTIONS));
        result.put("java", System.getProperty("java.version"));
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("seconds", Math.round(seconds));
    }
}
