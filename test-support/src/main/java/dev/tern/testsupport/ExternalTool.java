package dev.tern.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * A program a fixture runs (mosquitto, socat, ...), looked up on PATH and in the sbin folders
 * that Debian installs daemons to. Missing tools abort the test (reported as SKIPPED), so a
 * machine without them never passes a test silently.
 */
final class ExternalTool {

    /** Daemons such as mosquitto live here on Debian, often outside a normal user's PATH. */
    private static final List<String> SBIN_FOLDERS = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private final String executable;
    private final String debianPackage;
    private final String searchPath;

    ExternalTool(final String executable, final String debianPackage) {
        this(executable, debianPackage, System.getenv().getOrDefault("PATH", ""));
    }

    ExternalTool(final String executable, final String debianPackage, final String searchPath) {
        this.executable = executable;
        this.debianPackage = debianPackage;
        this.searchPath = searchPath;
    }

    Optional<Path> find() {
        final List<String> folders = new ArrayList<>();
        for (final String folder : searchPath.split(File.pathSeparator)) {
            if (!folder.isEmpty()) {
                folders.add(folder);
            }
        }
        folders.addAll(SBIN_FOLDERS);
        for (final String folder : folders) {
            final Path candidate = Path.of(folder, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    boolean isInstalled() {
        return find().isPresent();
    }

    /** Aborts the running test (SKIPPED, with the reason) when the tool is not installed. */
    Path assumeInstalled() {
        final Optional<Path> found = find();
        Assumptions.assumeTrue(found.isPresent(), this::missingMessage);
        return found.orElseThrow();
    }

    String missingMessage() {
        return executable + " is not installed (not on PATH nor in " + String.join(", ", SBIN_FOLDERS)
                + "): install it to run this test, e.g. apt-get install " + debianPackage;
    }

    @Override
    public String toString() {
        return executable;
    }
}
