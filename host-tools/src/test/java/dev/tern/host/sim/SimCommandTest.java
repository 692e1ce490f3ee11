package dev.tern.host.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.testsupport.PtyPair;

@Timeout(60)
class SimCommandTest {

    @TempDir
    Path folder;

    @Tag("slow")
    @Test
    void startsAVirtualBoardSaysWhereItsConsoleIsAndStopsKeepingTheFlashFile() throws Exception {
        Path key = folder.resolve("dev-key.pub");
        Files.writeString(key, ImageKey.generate(KeyType.ED25519).publicKeyPem(), StandardCharsets.US_ASCII);
        Path flash = folder.resolve("board.flash");

        Tern tern = Tern.run("sim", "--console", "socket://127.0.0.1:0", "--flash", flash, "--trusted-key", key, "--duration", "2s");

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        assertTrue(tern.out.matches("(?s)sim: virtual board console at socket://127\\.0\\.0\\.1:\\d+ \\(BOOT0 low, flash "
                + java.util.regex.Pattern.quote(flash.toString()) + ", paced to 115200 baud, 1 trusted key\\)\n.*"), tern.out);
        // an erased flash: secure boot finds no image and the board stays in its ROM bootloader (sim polls the
        // board's mode every 10 ms, so the check of an erased slot, shorter than that, may not be reported)
        assertTrue(tern.out.contains("sim: board in its ROM bootloader (AN3155) on the console\n"), tern.out);
        assertFalse(tern.out.contains("sim: board runs the flashed firmware"), tern.out);
        assertTrue(tern.out.contains(SimCommand.TLS_LINE + "\n"), "says how the board reaches its broker: " + tern.out);
        // the sim's own window says why, not only the board's console
        assertTrue(tern.out.contains("sim: secure boot refused the image: REFUSED (malformed image): "), tern.out);
        assertTrue(tern.out.contains("sim: ran for 2 s; stopping (flash kept in " + flash + ")\n"
                + "wear: flash (internal, 4 x 32K + 1 x 128K + 3 x 256K, endurance 10000 cycles): busy 0.000 s in 0 operations,"
                + " longest stall 0.000 ms\n"), tern.out);
        assertTrue(tern.out.endsWith("wear:   session [0x90000000, +4M) 1024 units: 0 erases\n"), tern.out);
        assertTrue(Files.size(flash) > 0, "the flash file is kept");
        assertTrue(Files.size(folder.resolve("board.flash.dataFlash")) == 16 * 1024 * 1024, "the QSPI NOR's file beside it");
        assertTrue(Files.exists(folder.resolve("board.flash.wear")), "the erase counters beside it");
    }

    @Tag("slow")
    @Test
    void servesTheRomBootloaderOnItsConsoleWhileItRuns() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        CompletableFuture<Tern> sim = CompletableFuture.supplyAsync(() -> Tern.run("sim", "--console", "socket://127.0.0.1:" + port,
                "--flash", folder.resolve("board.flash"), "--boot0", "--baud-pacing", "0", "--duration", "4s"));
        int answer = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (answer < 0 && System.nanoTime() - deadline < 0) {
            try (Socket console = new Socket("127.0.0.1", port)) {
                console.setSoTimeout(1_000);
                OutputStream out = console.getOutputStream();
                InputStream in = console.getInputStream();
                out.write(0x7F); // AN3155 sync
                out.flush();
                answer = in.read();
            } catch (java.io.IOException notYet) {
                Thread.sleep(50);
            }
        }
        Tern tern = sim.get(30, TimeUnit.SECONDS);
        assertEquals(0x79, answer, "the bootloader ACKs the sync byte; " + tern);
        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        assertTrue(tern.out.contains("(BOOT0 high, flash "), tern.out);
    }

    @Tag("slow")
    @Test
    void anEsp32InDownloadModePrintsItsRomBannerAndAnswersSync() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        CompletableFuture<Tern> sim = CompletableFuture.supplyAsync(() -> Tern.run("sim", "--board", "esp-wrover-kit",
                "--console", "socket://127.0.0.1:" + port, "--flash", folder.resolve("esp.flash"), "--download-mode",
                "--baud-pacing", "0", "--duration", "8s"));
        String answer = "\u00c0\u0001\u0008\u0004\u0000\u0007\u0007\u0012\u0020\u0000\u0000\u0000\u0000\u00c0";
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        while (!got.toString(java.nio.charset.StandardCharsets.ISO_8859_1).contains(answer) && System.nanoTime() - deadline < 0) {
            try (Socket console = new Socket("127.0.0.1", port)) {
                console.setSoTimeout(500);
                OutputStream out = console.getOutputStream();
                // SLIP frame: SYNC (op 0x08), 36 bytes: 07 07 12 20 and 32 x 0x55; repeated until answered (a SYNC
                // sent before the board powered on is lost, as esptool's first ones are on a board still resetting)
                byte[] sync = new byte[46];
                sync[0] = (byte) 0xC0;
                sync[2] = 0x08;
                sync[3] = 36;
                sync[9] = 0x07;
                sync[10] = 0x07;
                sync[11] = 0x12;
                sync[12] = 0x20;
                java.util.Arrays.fill(sync, 13, 45, (byte) 0x55);
                sync[45] = (byte) 0xC0;
                byte[] chunk = new byte[4096];
                while (!got.toString(java.nio.charset.StandardCharsets.ISO_8859_1).contains(answer) && System.nanoTime() - deadline < 0) {
                    out.write(sync);
                    out.flush();
                    try {
                        int n = console.getInputStream().read(chunk);
                        if (n < 0) {
                            break;
                        }
                        got.write(chunk, 0, n);
                    } catch (java.net.SocketTimeoutException again) {
                        // no answer yet: sync again
                    }
                }
            } catch (java.io.IOException notYet) {
                Thread.sleep(50);
            }
        }
        Tern tern = sim.get(30, TimeUnit.SECONDS);
        String text = got.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(answer), "a ROM SYNC answer (value 0x20120707, 4 status bytes): "
                + java.util.HexFormat.of().formatHex(got.toByteArray()) + " " + tern);
        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        assertTrue(tern.out.contains("(GPIO0 low: download mode, flash "), tern.out);
        assertTrue(tern.out.contains("board in its ROM download mode (ESP32 serial loader"), tern.out);
    }

    @Tag("socat")
    @Test
    void opensAPseudoTerminalMadeBySocat() throws Exception {
        try (PtyPair pair = PtyPair.open()) {
            Tern tern = Tern.run("sim", "--pty", pair.a(), "--flash", folder.resolve("board.flash"), "--duration", "1s");

            assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
            assertTrue(tern.out.startsWith("sim: virtual board console at " + pair.a() + " (BOOT0 low"), tern.out);
        }
    }

    @Tag("slow")
    @Test
    void aPtyFromSocatNamesTheOtherEndAsThePortToFlashThrough() throws Exception {
        try (PtyPair pair = PtyPair.open()) {
            Tern tern = Tern.run("sim", "--pty", pair.a(), "--flash", folder.resolve("board.flash"), "--duration", "1s");

            assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
            assertTrue(tern.out.contains("sim: flash it with 'tern flash IMAGE --port " + pair.b() + " --board virtual' (the other end"),
                    tern.out);
            assertFalse(tern.out.contains("--port " + pair.a()), "the sim's own end is never the port to use: " + tern.out);
        }
    }

    @Test
    void aPtyWhosePeerCannotBeFoundIsNamedAsTheSimsOwnEnd() throws Exception {
        try (PtyPair pair = PtyPair.open()) {
            Path emptyProc = Files.createDirectory(folder.resolve("proc"));
            assertTrue(SimPty.peer(pair.a(), emptyProc).isEmpty());
            assertEquals(pair.b(), SimPty.peer(pair.a()).orElseThrow(), "found through the running socat's command line");
            assertEquals(pair.a(), SimPty.peer(pair.b()).orElseThrow());
        }
    }

    @Test
    void resetRollbackForgetsTheVersionsBootedBeforeTheBoardStarts() throws Exception {
        Path flash = folder.resolve("board.flash");
        Path record = folder.resolve("board.flash.rollback");
        Files.writeString(record, "last-booted=1.4.2+0\n");

        Tern tern = Tern.run("sim", "--console", "socket://127.0.0.1:0", "--flash", flash, "--reset-rollback", "--duration", "1s");

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        assertTrue(tern.out.startsWith("sim: --reset-rollback: forgot the last booted version (last-booted=1.4.2+0; deleted "
                + record + ")\n"), tern.out);
        assertFalse(Files.exists(record));
    }

    @Test
    void aRegularFileADirectoryOrANonTerminalDeviceAsPtyIsRefusedAndLeftUntouched() throws Exception {
        Path image = folder.resolve("app.bin");
        byte[] bytes = {1, 2, 3, 4, (byte) 0xFF};
        Files.write(image, bytes);

        Tern file = Tern.run("sim", "--pty", image, "--flash", folder.resolve("board.flash"), "--duration", "1s");
        Tern directory = Tern.run("sim", "--pty", folder, "--flash", folder.resolve("board.flash"), "--duration", "1s");
        Tern devNull = Tern.run("sim", "--pty", "/dev/null", "--flash", folder.resolve("board.flash"), "--duration", "1s");

        assertEquals(ExitCodes.USAGE, file.exitCode, file.toString());
        assertTrue(file.err.contains("--pty " + image + " is a regular file, not a pseudo-terminal; nothing was written to it"), file.err);
        assertArrayEquals(bytes, Files.readAllBytes(image));
        assertEquals(ExitCodes.USAGE, directory.exitCode, directory.toString());
        assertTrue(directory.err.contains("is a directory"), directory.err);
        assertEquals(ExitCodes.USAGE, devNull.exitCode, devNull.toString());
        assertTrue(devNull.err.contains("is not a terminal device"), devNull.err);
        assertFalse(Files.exists(folder.resolve("board.flash")), "refused before the board was made");
    }

    @Tag("slow") // about 2 s or more
    @Test
    void reportsTheRomBootloadersErasesAtExit() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        CompletableFuture<Tern> sim = CompletableFuture.supplyAsync(() -> Tern.run("sim", "--console", "socket://127.0.0.1:" + port,
                "--flash", folder.resolve("board.flash"), "--boot0", "--baud-pacing", "0", "--flash-timing", "accounted",
                "--duration", "4s"));
        int answer = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (answer < 0 && System.nanoTime() - deadline < 0) {
            try (Socket console = new Socket("127.0.0.1", port)) {
                console.setSoTimeout(2_000);
                OutputStream out = console.getOutputStream();
                InputStream in = console.getInputStream();
                out.write(0x7F); // AN3155 sync, then EXTENDED_ERASE of sector 3 (0x0003: sector 2 is the credentials region)
                out.flush();
                if (in.read() != 0x79) {
                    continue;
                }
                out.write(new byte[] {0x44, (byte) 0xBB});
                out.flush();
                if (in.read() != 0x79) {
                    continue;
                }
                out.write(new byte[] {0x00, 0x00, 0x00, 0x03, 0x03});
                out.flush();
                answer = in.read();
            } catch (java.io.IOException notYet) {
                Thread.sleep(50);
            }
        }
        Tern tern = sim.get(30, TimeUnit.SECONDS);
        assertEquals(0x79, answer, "the erase was acknowledged; " + tern);
        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        assertTrue(tern.out.contains("wear: flash (internal, 4 x 32K + 1 x 128K + 3 x 256K, endurance 10000 cycles): busy 0.250 s in 1"
                + " operations, longest stall 250.000 ms\n"), tern.out);
        assertTrue(tern.out.contains("wear:   outside the regions: 1 erases, 1 units erased, most worn 1 = 0.010% of endurance;"
                + " erases per unit: 3:1\n"), tern.out);
    }

    @Test
    void anUnknownFlashTimingIsAUsageError() {
        Tern tern = Tern.run("sim", "--flash-timing", "fast", "--flash", folder.resolve("f"));
        assertEquals(ExitCodes.USAGE, tern.exitCode, tern.toString());
        assertTrue(tern.err.contains("--flash-timing fast: expected one of real, accounted"), tern.err);
    }

    @Test
    void anUnknownBoardIsAUsageErrorNamingTheKnownOnes() {
        Tern tern = Tern.run("sim", "--board", "nope", "--console", "socket://127.0.0.1:0", "--flash", folder.resolve("f"));

        assertEquals(ExitCodes.USAGE, tern.exitCode, tern.toString());
        assertTrue(tern.err.contains("tern sim: no board 'nope'; known boards: "), tern.err);
        assertTrue(tern.err.contains("virtual"), tern.err);
    }

    @Test
    void aBoardTheVirtualBoardCannotBeIsAUsageError() {
        Tern tern = Tern.run("sim", "--board", "imxrt1170-evk", "--console", "socket://127.0.0.1:0", "--flash", folder.resolve("f"));

        assertEquals(ExitCodes.USAGE, tern.exitCode, tern.toString());
        assertTrue(tern.err.contains("cannot simulate board 'imxrt1170-evk': the virtual board simulates AN3155 and ESP32 ROM boards"),
                tern.err);
    }

    @Test
    void anUnreadableOrNonPemTrustedKeyFails() throws Exception {
        Tern missing = Tern.run("sim", "--trusted-key", folder.resolve("absent.pem"), "--flash", folder.resolve("f"));
        assertEquals(ExitCodes.USAGE, missing.exitCode, missing.toString());
        assertTrue(missing.err.contains("trusted key " + folder.resolve("absent.pem") + " does not exist; check the path"), missing.err);

        Path junk = Files.writeString(folder.resolve("junk.pem"), "not a key");
        Tern notPem = Tern.run("sim", "--trusted-key", junk, "--flash", folder.resolve("f"));
        assertEquals(ExitCodes.FAILURE, notPem.exitCode, notPem.toString());
        assertTrue(notPem.err.contains("trusted key " + junk + " is not a PEM key"), notPem.err);
    }

    @Test
    void consoleAndPtyTogetherOrABadConsoleAreUsageErrors() {
        Tern both = Tern.run("sim", "--console", "socket://127.0.0.1:0", "--pty", folder.resolve("p"), "--flash", folder.resolve("f"));
        assertEquals(ExitCodes.USAGE, both.exitCode, both.toString());
        assertTrue(both.err.contains("--console and --pty: give one console, not both"), both.err);

        Tern device = Tern.run("sim", "--console", "/dev/ttyUSB0", "--flash", folder.resolve("f"));
        assertEquals(ExitCodes.USAGE, device.exitCode, device.toString());
        assertTrue(device.err.contains("expected socket://HOST:PORT (for a pseudo-terminal use --pty PATH)"), device.err);
    }

    @Test
    void aMissingPtyIsUnreachableAndSaysHowToMakeOne() {
        Tern tern = Tern.run("sim", "--pty", folder.resolve("no-pty"), "--flash", folder.resolve("f"));

        assertEquals(ExitCodes.UNREACHABLE, tern.exitCode, tern.toString());
        assertTrue(tern.err.contains("no pseudo-terminal at " + folder.resolve("no-pty") + "; make a pair first, e.g. 'socat pty,raw,echo=0,link="),
                tern.err);
    }

    @Test
    void aConsolePortInUseIsUnreachable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Tern tern = Tern.run("sim", "--console", "socket://127.0.0.1:" + taken.getLocalPort(), "--flash", folder.resolve("f"));

            assertEquals(ExitCodes.UNREACHABLE, tern.exitCode, tern.toString());
            assertTrue(tern.err.contains("cannot listen on socket://127.0.0.1:" + taken.getLocalPort()), tern.err);
        }
    }

    @Test
    void aFlashFileThatCannotBeWrittenIsAnInputErrorNamingTheFlashNotTheConsole() {
        Tern tern = Tern.run("sim", "--flash", "/proc/x.flash", "--console", "socket://127.0.0.1:0");

        assertEquals(ExitCodes.USAGE, tern.exitCode, tern.toString());
        assertEquals("tern sim: --flash /proc/x.flash: /proc is a kernel file system, which holds no files of yours; pick a "
                + "path in an ordinary folder", tern.err.strip());
    }

    @Test
    void anAddressOfAnotherMachineIsAUsageErrorThatSaysSo() {
        // 192.0.2.1 (TEST-NET-1, RFC 5737) is no address of this machine; binding it fails at once, no packet leaves
        Tern tern = Tern.run("sim", "--console", "socket://192.0.2.1:4000", "--flash", folder.resolve("f"));

        assertEquals(ExitCodes.USAGE, tern.exitCode, tern.toString());
        assertTrue(tern.err.contains("cannot listen on socket://192.0.2.1:4000: 192.0.2.1 is not an address of this machine"), tern.err);
        assertFalse(tern.err.contains("another 'tern sim'"), tern.err);
    }

    @Test
    void theSimsWindowSaysWhySecureBootRefused() {
        assertEquals("sim: secure boot refused the image: version 0.1.0+0 is lower than 1.4.2+0, the last booted (downgrade "
                + "prevention); the board stays in its ROM bootloader until an image it accepts is flashed",
                SimCommand.refusalLine("boot: refused: version 0.1.0+0 is lower than 1.4.2+0, the last booted (downgrade prevention)"));
        assertTrue(SimCommand.refusalLine("boot: cannot start image 1.0.0+0: no class").startsWith(
                "sim: secure boot refused the image: cannot start image 1.0.0+0: no class;"));
    }

    @Test
    void helpKeepsTheConsoleUrlsWhole() {
        Tern help = Tern.run("sim", "--help");

        assertTrue(help.out.contains("'tern flash IMAGE --port\nsocket://127.0.0.1:4000 --board virtual'")
                || help.out.contains("--port socket://127.0.0.1:4000 --board"), help.out);
        assertFalse(help.out.contains("socket:\n"), help.out);
        assertFalse(help.out.contains("127.0.0.1:\n"), help.out);
    }
}
