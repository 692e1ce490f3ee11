package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Espressif's esptool 5.3.1, unchanged, from {@code shared/tools/esptool/run} beside the
 * repository (or beside a folder above it: a worktree under the repository's parent finds it too).
 * Tests that use it SKIP, saying why, when it is not there or its Python packages are missing.
 */
final class Esptool {

    private static final String WHERE = "shared/tools/esptool/run";
    private static final long TIMEOUT_S = 90;

    private final Path run;
    private final Path log;

    private Esptool(final Path run, final Path log) {
        this.run = run;
        this.log = log;
    }

    /** The tool, or the test is skipped with the reason. */
    static Esptool find(final Path logFolder) {
        Path dir = Path.of("").toAbsolutePath().getParent(); // the module's parent: the repository
        while (dir != null && !Files.isExecutable(dir.resolve(WHERE))) {
            dir = dir.getParent();
        }
        Assumptions.assumeTrue(dir != null, "esptool is not at ../" + WHERE + " beside the repository (nor above it):"
                + " the ESP32 tests need Espressif's esptool 5.3.1 there");
        return new Esptool(dir.resolve(WHERE), logFolder.resolve("esptool.log"));
    }

    /** Runs {@code esptool ARGS}: its exit code and output (stdout and stderr together). */
    Result run(final String... args) throws Exception {
        final List<String> command = new ArrayList<>();
        command.add(run.toString());
        command.addAll(Arrays.asList(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Redirect.to(log.toFile())).start();
        try {
            if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                fail("esptool did not finish within " + TIMEOUT_S + " s: " + command + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            final String output = Files.readString(log, StandardCharsets.UTF_8);
            Assumptions.assumeTrue(process.exitValue() != 127, "esptool cannot run here: " + output.strip());
            return new Result(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    record Result(int exitCode, String output) {
    }
}
