package dev.tern.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a main class in a new JVM (the same java as this one, with this JVM's class path) and
 * returns its exit code and output; kills it when it runs longer than the timeout.
 */
public final class ForkedJvm {

    /** What a forked JVM did. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private ForkedJvm() {
    }

    /**
     * Runs {@code mainClass} with {@link #classPath(Class[])} of the main class.
     *
     * @throws IllegalStateException when the JVM did not finish within {@code timeout} (it is killed)
     */
    public static Result run(final List<String> jvmOptions, final Class<?> mainClass, final List<String> args, final Duration timeout) {
        return run(jvmOptions, classPath(mainClass), mainClass, args, timeout);
    }

    /**
     * @throws IllegalStateException when the JVM did not finish within {@code timeout} (it is killed)
     */
    public static Result run(final List<String> jvmOptions, final String classPath, final Class<?> mainClass,
                             final List<String> args, final Duration timeout) {
        final List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(args);

        try (TempFolder folder = TempFolder.create("tern-fork-")) {
            // files, not pipes: the child can never block on a full pipe we are not reading
            final Path stdout = folder.resolve("stdout");
            final Path stderr = folder.resolve("stderr");
            final ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            final String description = "forked JVM running " + mainClass.getName() + " " + String.join(" ", args);
            final StartedProcess process;
            try {
                process = StartedProcess.start(builder, description);
                process.process().getOutputStream().close();
            } catch (final IOException e) {
                throw new UncheckedIOException("could not start " + command.get(0), e);
            }
            if (!process.awaitExit(timeout)) {
                process.stop();
                throw new IllegalStateException(description + " did not finish within " + timeout.toSeconds()
                        + " s and was killed (pid " + process.pid() + "); stderr:\n" + LogTail.of(stderr)
                        + "\nstdout:\n" + LogTail.of(stdout));
            }
            process.stop();
            return new Result(process.exitCodeOrMinusOne(), read(stdout), read(stderr));
        }
    }

    /**
     * Starts {@code mainClass} in a new JVM with this JVM's class path and leaves it running, its
     * standard output and error merged, for a test that talks to it or signals it. The caller
     * reads its output and ends it.
     */
    public static Process start(final Class<?> mainClass, final List<String> args) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The java launcher of the running JVM. */
    public static Path javaExecutable() {
        final Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome;
        }
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseThrow(() -> new IllegalStateException("cannot find the java launcher of this JVM: "
                        + fromHome + " is missing and the process command is unknown"));
    }

    /**
     * This JVM's class path, with the code sources of {@code mustFind} first. Under Maven
     * surefire java.class.path can be a manifest-only booter jar; the launcher follows its
     * Class-Path, and surefire's own copy of the test class path is added as well.
     */
    public static String classPath(final Class<?>... mustFind) {
        final Set<String> entries = new LinkedHashSet<>();
        for (final Class<?> type : mustFind) {
            entries.add(codeSource(type));
        }
        entries.add(codeSource(ForkedJvm.class));
        addAll(entries, System.getProperty("java.class.path"));
        addAll(entries, System.getProperty("surefire.test.class.path"));
        return String.join(File.pathSeparator, entries);
    }

    private static void addAll(final Set<String> entries, final String path) {
        if (path != null) {
            for (final String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
    }

    private static String codeSource(final Class<?> type) {
        final CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from, to put it on a forked JVM's class path");
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (final URISyntaxException e) {
            throw new IllegalStateException("bad code source location " + source.getLocation() + " of " + type.getName(), e);
        }
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
