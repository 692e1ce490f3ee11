package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkFolderTest {

    @TempDir
    Path folder;

    private final StringWriter said = new StringWriter();
    private final LiveScreen screen = new LiveScreen(new PrintWriter(said, true), false, () -> "", List::of);

    @Test
    void aTemporaryFolderIsDeletedWithAllInIt() throws IOException {
        WorkFolder work = WorkFolder.open(null);
        Files.createDirectories(work.path().resolve("broker"));
        Files.writeString(work.path().resolve("broker").resolve("hivemq.log"), "log");
        assertTrue(work.describe().endsWith("(deleted at the end; --work-dir keeps them)"), work.describe());
        work.cleanUp(screen);
        assertFalse(Files.exists(work.path()), "deleted: " + work.path());
        assertEquals("", said.toString());
    }

    @Test
    void aWorkDirIsMadeWhenMissingAndKept() throws IOException {
        Path kept = folder.resolve("demo").resolve("files");
        WorkFolder work = WorkFolder.open(kept);
        Files.writeString(kept.resolve("dev-key.pub"), "key");
        assertEquals("demo: files in " + kept, work.describe());
        work.cleanUp(screen);
        assertTrue(Files.exists(kept.resolve("dev-key.pub")), "kept");
    }
}
