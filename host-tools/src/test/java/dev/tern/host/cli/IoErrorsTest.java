package dev.tern.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoErrorsTest {

    @TempDir
    Path folder;

    @Test
    void aMissingFolderIsNamedWithWhatToDo() {
        Path file = folder.resolve("nope").resolve("k.pem");

        String sentence = IoErrors.describe("private key", file, new NoSuchFileException(file.toString()));

        assertEquals("private key " + file + ": the folder " + file.getParent() + " does not exist; create it or pick another path",
                sentence);
    }

    @Test
    void aMissingFileInAFolderThatExists() {
        Path file = folder.resolve("absent.bin");

        assertEquals("image " + file + " does not exist; check the path",
                IoErrors.describe("image", file, new NoSuchFileException(file.toString())));
    }

    @Test
    void aPathUnderProcOrSysIsAKernelFileSystem() {
        String proc = IoErrors.describe("--log-file", Path.of("/proc/x"), new NoSuchFileException("/proc/x"));
        String sys = IoErrors.describe(null, Path.of("/sys/x/y"), new IOException("Read-only file system"));

        assertEquals("--log-file /proc/x: /proc is a kernel file system, which holds no files of yours; pick a path in an "
                + "ordinary folder", proc);
        assertTrue(sys.startsWith("/sys/x/y: /sys is a kernel file system"), sys);
    }

    @Test
    void permissionDeniedSaysWhatToCheck() {
        Path file = folder.resolve("locked");

        assertEquals("image " + file + ": permission denied; check its permissions (ls -l) or pick another path",
                IoErrors.describe("image", file, new AccessDeniedException(file.toString())));
    }

    @Test
    void aFileWhereAFolderShouldBe() throws IOException {
        Path plain = Files.writeString(folder.resolve("plain"), "x");
        Path file = plain.resolve("k.pem");

        assertEquals("out " + file + ": " + plain + " is a file, not a folder; pick another path",
                IoErrors.describe("out", file, new java.nio.file.FileSystemException(file.toString(), null, "Not a directory")));
    }

    @Test
    void anExceptionWithoutAPathKeepsItsOwnMessage() {
        assertEquals("the far end closed", IoErrors.describe(new IOException("the far end closed")));
        assertEquals("/proc/nope: /proc is a kernel file system, which holds no files of yours; pick a path in an ordinary folder",
                IoErrors.describe(new NoSuchFileException("/proc/nope")));
    }

    @Test
    void readingAMissingFileIsAnInputError() {
        TernException error = assertThrows(TernException.class, () -> IoErrors.read("config file", folder.resolve("nope.cfg")));

        assertEquals(ExitCodes.USAGE, error.exitCode());
        assertEquals("config file " + folder.resolve("nope.cfg") + " does not exist; check the path", error.getMessage());
    }

    @Test
    void checkWritableLeavesNoFileBehindAndRefusesAMissingFolder() {
        Path fine = folder.resolve("board.flash");
        IoErrors.checkWritable("--flash", fine);
        assertTrue(Files.notExists(fine), "the check removes the file it made");

        TernException error = assertThrows(TernException.class, () -> IoErrors.checkWritable("--flash", folder.resolve("a/b.flash")));
        assertEquals(ExitCodes.USAGE, error.exitCode());
        assertTrue(error.getMessage().contains("the folder " + folder.resolve("a") + " does not exist"), error.getMessage());
    }

    @Test
    void bindingAnAddressOfAnotherMachineIsAUsageErrorAndATakenPortIsUnreachable() {
        TernException foreign = IoErrors.bindError("socket://192.0.2.1:4000", "192.0.2.1", new BindException("Cannot assign requested address"));
        TernException taken = IoErrors.bindError("socket://127.0.0.1:4000", "127.0.0.1", new BindException("Address already in use"));

        assertEquals(ExitCodes.USAGE, foreign.exitCode());
        assertEquals("cannot listen on socket://192.0.2.1:4000: 192.0.2.1 is not an address of this machine, and a server can only listen on "
                + "its own; use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)", foreign.getMessage());
        assertEquals(ExitCodes.UNREACHABLE, taken.exitCode());
        assertTrue(taken.getMessage().contains("the port is taken (Address already in use); is another 'tern sim' running?"),
                taken.getMessage());
    }
}
