package dev.tern.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class ExternalToolTest {

    @Test
    void missingToolAbortsTheTestWithAnInstallHint() {
        final ExternalTool missing = new ExternalTool("tern-no-such-tool", "tern-no-such-package", "/nonexistent");

        assertFalse(missing.isInstalled());
        final TestAbortedException aborted = assertThrows(TestAbortedException.class, missing::assumeInstalled);
        assertTrue(aborted.getMessage().contains("tern-no-such-tool is not installed"), aborted.getMessage());
        assertTrue(aborted.getMessage().contains("apt-get install tern-no-such-package"), aborted.getMessage());
    }

    @Test
    void findsAnExecutableOnTheGivenPath(@TempDir final Path bin) throws Exception {
        final Path tool = Files.createFile(bin.resolve("tern-fake-tool"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createFile(bin.resolve("tern-not-executable"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));

        assertEquals(Optional.of(tool), new ExternalTool("tern-fake-tool", "x", "/nonexistent:" + bin).find());
        assertEquals(Optional.empty(), new ExternalTool("tern-not-executable", "x", bin.toString()).find());
    }
}
