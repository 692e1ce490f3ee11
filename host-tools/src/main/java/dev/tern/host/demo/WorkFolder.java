package dev.tern.host.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.tern.host.cli.IoErrors;

/** The demo's files (key, image, flash, broker log): a temporary folder deleted at the end, or --work-dir kept. */
final class WorkFolder {

    private final Path path;
    private final boolean temporary;

    private WorkFolder(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** {@code kept} (--work-dir, created when missing), or a new temporary folder when it is null. */
    static WorkFolder open(Path kept) throws IOException {
        if (kept == null) {
            return new WorkFolder(Files.createTempDirectory("tern-demo-"), true);
        }
        try {
            return new WorkFolder(Files.createDirectories(kept), false);
        } catch (IOException e) {
            throw IoErrors.inputError("--work-dir", kept, e);
        }
    }

    Path path() {
        return path;
    }

    /** The demo's first line: where its files are. */
    String describe() {
        return "demo: files in " + path + (temporary ? " (deleted at the end; --work-dir keeps them)" : "");
    }

    /** Deletes a temporary folder and all in it; a failure is said, not thrown. */
    void cleanUp(LiveScreen screen) {
        if (!temporary) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            screen.say("demo: could not delete " + path + ": " + e.getMessage());
        }
    }
}
