package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.app.ConfigPage;
import dev.tern.boards.bootloader.BootloaderConfig;
import dev.tern.boards.definition.EraseCommand;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.flash.an3155.BootloaderServer;

/** {@code tern flash} through the command line against the virtual board's bootloader on a socket. */
@Timeout(60)
class FlashCommandTest {

    private static final long APP = 0x0802_0000L;
    private static final long CONFIG = 0x0800_8000L;
    /** A closed port on 127.0.0.1: connecting is refused at once. */
    private static final String NOTHING_THERE = "socket://127.0.0.1:1";

    @TempDir
    Path folder;

    private Path image(int payload) throws IOException {
        return TestImages.write(folder, "app.bin", TestImages.signed(payload, payload));
    }

    @Test
    void flashesTheImageAndConfigPageThenAnUnchangedReflashSkipsEveryPage() throws IOException {
        Path image = image(150 * 1024);
        byte[] bytes = Files.readAllBytes(image);
        try (BootloaderServer server = BootloaderServer.start(folder, true)) {
            Tern first = Tern.run("flash", image, "--port", server.url(), "--set", "sensor.temperature.qos=2");
            assertEquals(ExitCodes.OK, first.exitCode, first.toString());
            assertTrue(first.out.contains("erase 0x08020000 (128 KB)\n"), first.out);
            assertTrue(first.out.contains("erase 0x08040000 (256 KB)\n"), first.out);
            assertTrue(first.out.contains("erase 0x08008000 (32 KB)\n"), first.out);
            assertTrue(first.out.contains("verify ok (crc, 3 pages)\n"), first.out);
            assertTrue(first.out.contains("go 0x08020000\nboard: boot: image 1.2.3+0 verified (fake)\n"), first.out);
            assertTrue(first.out.contains("3 pages erased, 0 pages skipped"), first.out);
            assertArrayEquals(bytes, server.read(APP, bytes.length), "the image is in the app slot");
            byte[] page = ConfigPage.encodePage("sensor.temperature.qos=2\n", 32 * 1024);
            assertArrayEquals(page, server.read(CONFIG, page.length), "the config page is the firmware's format");
            assertEquals(APP, server.goAddress());

            server.clearCounts();
            Tern second = Tern.run("flash", image, "--port", server.url(), "--set", "sensor.temperature.qos=2");
            assertEquals(ExitCodes.OK, second.exitCode, second.toString());
            assertTrue(second.out.contains("skip  0x08020000..0x08040000 (128 KB, unchanged)\n"), second.out);
            assertTrue(second.out.contains("done: 0 B written, "), second.out);
            assertTrue(second.out.contains("0 pages erased, 3 pages skipped (unchanged)"), second.out);
            assertFalse(second.out.contains("\nerase 0x"), second.out);
            assertEquals(0, server.writes(), "no WRITE_MEMORY reached the bootloader");
            assertEquals(0, server.erases(), "no erase reached the bootloader");
            // the image's 2 pages in one GET_CHECKSUM, the config page in another
            assertEquals(2, server.checksums(), "one GET_CHECKSUM per segment compared");
        }
    }

    @Test
    void withoutGetChecksumPagesAreComparedAndVerifiedByReadingBack() throws IOException {
        Path image = image(20 * 1024);
        try (BootloaderServer server = BootloaderServer.start(folder, false)) {
            Tern first = Tern.run("flash", image, "--port", server.url(), "--enter", "boot-pin-reset");
            assertEquals(ExitCodes.OK, first.exitCode, first.toString());
            assertTrue(first.out.contains("GET_CHECKSUM no"), first.out);
            assertTrue(first.out.contains("verify ok (read, 1 page)"), first.out);
            // the read-backs take seconds on a real line: each says it starts
            String size = FlashProgress.size(Files.size(image));
            assertTrue(first.out.contains("GET_CHECKSUM no\ncompare: reading back " + size + " ...\n"), first.out);
            assertTrue(first.out.contains("verify: reading back " + size + " ...\nverify ok"), first.out);
            Tern crc = Tern.run("flash", image, "--port", server.url(), "--enter", "boot-pin-reset", "--verify", "crc");
            assertEquals(ExitCodes.FAILURE, crc.exitCode, crc.toString());
            assertTrue(crc.err.contains("tern flash: --verify crc: this bootloader (version 3.1) has no GET_CHECKSUM; use --verify read"),
                    crc.err);
            server.clearCounts();
            Tern second = Tern.run("flash", image, "--port", server.url(), "--enter", "boot-pin-reset");
            assertTrue(second.out.contains("done: 0 B written"), second.out);
            assertEquals(0, server.writes());
            assertTrue(server.reads() >= 20 * 1024 / 256, "the page was compared by READ_MEMORY");
        }
    }

    @Test
    void aBlockNackedOnceIsSentAgainAndTheFlashSucceeds() throws IOException {
        Path image = image(4 * 1024);
        try (BootloaderServer server = BootloaderServer.start(folder, true)) {
            server.nackWrites(APP + 512, 1);
            Tern run = Tern.run("flash", image, "--port", server.url(), "--enter", "boot-pin-reset");
            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertTrue(run.out.contains(", 1 block sent again, "), run.out);
            assertTrue(run.out.contains("verify ok"), run.out);
        }
    }

    @Test
    void aBlockNackedEveryTimeEndsTheFlashWithExit1NamingTheAddress() throws IOException {
        Path image = image(4 * 1024);
        try (BootloaderServer server = BootloaderServer.start(folder, true)) {
            server.nackWrites(APP + 512, 1000);
            Tern run = Tern.run("flash", image, "--port", server.url(), "--enter", "boot-pin-reset");
            assertEquals(ExitCodes.FAILURE, run.exitCode, run.toString());
            assertEquals("tern flash: the bootloader refused the block at 0x08020200 (256 bytes) 3 times (NACK); the flash"
                    + " there may be write-protected or worn\n", run.err);
        }
    }

    @Test
    void aByteThatReadsBackWrongFailsVerifyWithExit4NamingTheAddress() throws IOException {
        Path image = image(4 * 1024);
        try (BootloaderServer server = BootloaderServer.start(folder, false)) {
            server.corruptAfterWrite(APP + 0x300);
            Tern run = Tern.run("flash", image, "--port", server.url(), "--enter", "boot-pin-reset", "--verify", "read");
            assertEquals(ExitCodes.VERIFICATION_FAILED, run.exitCode, run.toString());
            assertTrue(run.err.startsWith("tern flash: verify failed at 0x08020000: the byte at 0x08020300 is 0x"), run.err);
            assertEquals(-1, server.goAddress(), "no GO after a failed verify");
        }
        try (BootloaderServer server = BootloaderServer.start(folder, true)) {
            server.corruptAfterWrite(APP + 0x300);
            Tern run = Tern.run("flash", image, "--port", server.url(), "--enter", "boot-pin-reset");
            assertEquals(ExitCodes.VERIFICATION_FAILED, run.exitCode, run.toString());
            assertTrue(run.err.startsWith("tern flash: verify failed at 0x08020000: the CRC of 0x08020000..0x08021"), run.err);
        }
    }

    @Test
    void aChipThatIsNotTheBoardsIsRefusedUnlessForced() throws IOException {
        Path image = image(1024);
        try (BootloaderServer server = BootloaderServer.start(folder, BootloaderConfig.of(0x451, EraseCommand.EXTENDED_ERASE))) {
            Tern refused = Tern.run("flash", image, "--port", server.url(), "--enter", "boot-pin-reset");
            assertEquals(ExitCodes.FAILURE, refused.exitCode, refused.toString());
            assertEquals("tern flash: the chip on " + server.url() + " answers GET_ID 0x451, but virtual has chip 0x449"
                    + " (STM32F746NGH6 (simulated)); pick the right --board, or --force to flash anyway\n", refused.err);
            assertEquals(0, server.erases());

            Tern forced = Tern.run("flash", image, "--port", server.url(), "--enter", "boot-pin-reset", "--force");
            assertEquals(ExitCodes.OK, forced.exitCode, forced.toString());
            assertTrue(forced.out.contains("warning: the chip on"), forced.out);
        }
    }

    @Test
    void anImageLargerThanTheAppSlotIsRefusedBeforeThePortIsOpened() throws IOException {
        Path image = image(896 * 1024);
        Tern run = Tern.run("flash", image, "--port", NOTHING_THERE);
        assertEquals(ExitCodes.FAILURE, run.exitCode, run.toString());
        long size = Files.size(image);
        assertEquals("tern flash: image " + image + " is " + size + " bytes; the virtual app slot at 0x08020000 holds 917504"
                + " bytes (" + (size - 917504) + " too many)\n", run.err);
    }

    @Test
    void aCorruptOrBadlySignedImageIsRefusedWithExit4BeforeThePortIsOpened() throws IOException {
        byte[] bytes = TestImages.signed(2048, 7);
        bytes[0x200 + 100] ^= 1; // one payload bit
        Path corrupt = TestImages.write(folder, "corrupt.bin", bytes);
        Tern run = Tern.run("flash", corrupt, "--port", NOTHING_THERE);
        assertEquals(ExitCodes.VERIFICATION_FAILED, run.exitCode, run.toString());
        assertEquals("tern flash: image " + corrupt + " is corrupt: its SHA-256 does not match the SHA256 TLV (changed after"
                + " signing?); nothing was flashed\n", run.err);

        Path garbage = TestImages.write(folder, "garbage.bin", new byte[4096]);
        Tern notAnImage = Tern.run("flash", garbage, "--port", NOTHING_THERE);
        assertEquals(ExitCodes.VERIFICATION_FAILED, notAnImage.exitCode, notAnImage.toString());
        assertTrue(notAnImage.err.startsWith("tern flash: image " + garbage + " is not a valid MCUboot image: "), notAnImage.err);

        Path otherKey = folder.resolve("other.pem");
        Files.writeString(otherKey, ImageKey.generate(KeyType.ED25519).publicKeyPem());
        Tern badSignature = Tern.run("flash", image(2048), "--port", NOTHING_THERE, "--key", otherKey);
        assertEquals(ExitCodes.VERIFICATION_FAILED, badSignature.exitCode, badSignature.toString());
        assertTrue(badSignature.err.contains("the board's secure boot would refuse it, nothing was flashed"), badSignature.err);
    }

    @Test
    void anImageOlderThanTheOneInTheSlotIsRefusedBeforeAnythingIsErasedUnlessAllowed() throws IOException {
        Path newer = TestImages.write(folder, "newer.bin", TestImages.signed(4 * 1024, 1, "1.4.2"));
        Path older = TestImages.write(folder, "older.bin", TestImages.signed(4 * 1024, 2, "0.1.0"));
        try (BootloaderServer server = BootloaderServer.start(folder, true)) {
            assertEquals(ExitCodes.OK, Tern.run("flash", newer, "--port", server.url(), "--enter", "boot-pin-reset").exitCode);

            Tern refused = Tern.run("flash", older, "--port", server.url(), "--enter", "boot-pin-reset");

            assertEquals(ExitCodes.VERIFICATION_FAILED, refused.exitCode, refused.toString());
            assertTrue(refused.err.contains("the board's app slot holds image 1.4.2+0 and this image is 0.1.0+0, lower: the board's"
                    + " secure boot would refuse it (it boots no version lower than the last it booted: downgrade prevention), and"
                    + " only after the good image was erased. Nothing was erased. Sign the firmware with --version 1.4.2 or higher,"
                    + " or give --allow-downgrade"),
                    refused.err);
            byte[] good = Files.readAllBytes(newer);
            assertArrayEquals(good, server.read(APP, good.length), "the good image is still there");

            Tern allowed = Tern.run("flash", older, "--port", server.url(), "--enter", "boot-pin-reset", "--allow-downgrade");
            assertEquals(ExitCodes.OK, allowed.exitCode, allowed.toString());
            byte[] old = Files.readAllBytes(older);
            assertArrayEquals(old, server.read(APP, old.length));
        }
    }

    @Test
    void aBoardTernFlashCannotFlashYetIsRefusedUpFrontWithTheReason() throws IOException {
        Path image = image(1024);

        Tern qspi = Tern.run("flash", image, "--port", NOTHING_THERE, "--board", "stm32f7508-dk");
        Tern nxp = Tern.run("flash", image, "--port", NOTHING_THERE, "--board", "imxrt1170-evk");

        assertEquals(ExitCodes.USAGE, qspi.exitCode, qspi.toString());
        assertTrue(qspi.err.startsWith("tern flash: stm32f7508-dk cannot be flashed by tern flash yet: its app slot and config page"
                + " are in external flash at 0x90000000, which the ROM bootloader cannot program: that needs a flash loader in RAM"),
                qspi.err);
        assertTrue(qspi.err.contains("nothing was flashed"), qspi.err);
        assertEquals(ExitCodes.USAGE, nxp.exitCode, nxp.toString());
        assertTrue(nxp.err.contains("NXP's serial downloader (SDP), which tern flash does not speak yet"), nxp.err);
    }

    @Test
    void anImageWhosePayloadIsNotAFirmwareJarIsRefusedBeforeThePortIsOpened() throws IOException {
        Path notAJar = TestImages.write(folder, "readme.bin", TestImages.sign("just some text, not a jar".getBytes()));
        Path noFirmwareClass = TestImages.write(folder, "lib.bin", TestImages.sign(jarNamingNoFirmware()));

        Tern text = Tern.run("flash", notAJar, "--port", NOTHING_THERE);
        Tern library = Tern.run("flash", noFirmwareClass, "--port", NOTHING_THERE);
        Tern anyway = Tern.run("flash", notAJar, "--port", NOTHING_THERE, "--any-payload");

        assertEquals(ExitCodes.VERIFICATION_FAILED, text.exitCode, text.toString());
        assertTrue(text.err.startsWith("tern flash: image " + notAJar + ": its payload is not a jar"), text.err);
        assertTrue(text.err.contains("nothing was flashed. Sign the firmware jar (firmware/target/tern-firmware.jar), "
                + "or give --any-payload to flash it anyway"), text.err);
        assertEquals(ExitCodes.VERIFICATION_FAILED, library.exitCode, library.toString());
        assertTrue(library.err.contains("its payload is a jar whose manifest names no Tern-Firmware class"), library.err);
        assertEquals(ExitCodes.UNREACHABLE, anyway.exitCode, "with --any-payload it goes on to the port: " + anyway);
    }

    private static byte[] jarNamingNoFirmware() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(bytes, new java.util.jar.Manifest())) {
            jar.putNextEntry(new java.util.jar.JarEntry("lib/Util.class"));
            jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
        }
        return bytes.toByteArray();
    }

    @Test
    void unknownConfigKeysAndBadValuesAreUsageErrorsBeforeThePortIsOpened() throws IOException {
        Path image = image(1024);
        Tern unknown = Tern.run("flash", image, "--port", NOTHING_THERE, "--set", "sensor.temprature.qos=2");
        assertEquals(ExitCodes.USAGE, unknown.exitCode, unknown.toString());
        assertTrue(unknown.err.startsWith("tern flash: --set sensor.temprature.qos=2: unknown config key 'sensor.temprature.qos'"
                + " (did you mean sensor.temperature.qos?); the keys: device.id, broker.host, "), unknown.err);
        assertTrue(unknown.err.endsWith(" (docs/sensor-firmware.md); nothing was flashed\n"), unknown.err);

        Path config = folder.resolve("board.cfg");
        Files.writeString(config, "# settings\nbroker.port=1883\nsensor.pressure.qos=3\n");
        Tern bad = Tern.run("flash", image, "--port", NOTHING_THERE, "--config", config);
        assertEquals(ExitCodes.USAGE, bad.exitCode, bad.toString());
        assertEquals("tern flash: " + config + " line 3: bad value '3' for sensor.pressure.qos: expected 0, 1 or 2; "
                + "nothing was flashed\n", bad.err);

        Tern port = Tern.run("flash", image, "--port", NOTHING_THERE, "--set", "broker.port=0");
        assertEquals(ExitCodes.USAGE, port.exitCode, port.toString());
        assertTrue(port.err.contains("bad value '0' for broker.port: expected a whole number from 1 to 65535;"), port.err);

        Tern version = Tern.run("flash", image, "--port", NOTHING_THERE, "--set", "mqtt.version=3.11");
        assertEquals(ExitCodes.USAGE, version.exitCode, version.toString());
        assertEquals("tern flash: --set mqtt.version=3.11: bad value '3.11' for mqtt.version: expected 5 or 3.1.1"
                + " (did you mean 3.1.1?); nothing was flashed\n", version.err);
    }

    @Test
    void aMissingConfigFileIsAnInputErrorLikeABadValue() throws IOException {
        Path missing = folder.resolve("nope.cfg");
        Tern tern = Tern.run("flash", image(1024), "--port", NOTHING_THERE, "--config", missing);

        assertEquals(ExitCodes.USAGE, tern.exitCode, tern.toString());
        assertEquals("tern flash: config file " + missing + " does not exist; check the path\n", tern.err);
    }

    @Test
    void withJsonAFailurePrintsAnErrorObjectOnStandardOutput() throws IOException {
        Tern tern = Tern.run("flash", image(1024), "--port", NOTHING_THERE, "--json");

        assertEquals(ExitCodes.UNREACHABLE, tern.exitCode, tern.toString());
        assertTrue(tern.out.startsWith("{\"ok\":false,\"command\":\"tern flash\",\"exitCode\":3,\"error\":\""), tern.out);
        assertTrue(tern.out.contains("socket://127.0.0.1:1"), tern.out);
        assertEquals(1, tern.out.strip().lines().count(), tern.out);

        Tern usage = Tern.run("flash", image(1024), "--port", NOTHING_THERE, "--json", "--erase", "some");
        assertEquals(ExitCodes.USAGE, usage.exitCode, usage.toString());
        assertTrue(usage.out.contains("\"exitCode\":2,\"error\":\"--erase must be pages or all, not 'some'\"}"), usage.out);
    }

    @Test
    void anUnknownOptionIsReportedWithTheNearestOne() throws IOException {
        Tern tern = Tern.run("flash", image(1024), "--prot", "x");

        assertEquals(ExitCodes.USAGE, tern.exitCode, tern.toString());
        assertTrue(tern.err.contains("Unknown options: '--prot', 'x'"), tern.err);
        assertTrue(tern.err.contains("Did you mean --port?"), tern.err);
        assertTrue(tern.err.contains("Run 'tern flash --help' for usage."), tern.err);
    }

    @Test
    void noSuchPortIsExit3() throws IOException {
        Tern run = Tern.run("flash", image(1024), "--port", NOTHING_THERE);
        assertEquals(ExitCodes.UNREACHABLE, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("tern flash: socket://127.0.0.1:1: cannot connect ("), run.err);
    }

    @Tag("slow")
    @Test
    void aPortWhereNoBootloaderAnswersIsExit3SayingWhatToCheckForTheEntryUsed() throws IOException {
        Path image = image(1024);
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String url = "socket://127.0.0.1:" + silent.getLocalPort();
            Tern none = Tern.run("flash", image, "--port", url, "--enter", "boot-pin-reset");
            assertEquals(ExitCodes.UNREACHABLE, none.exitCode, none.toString());
            assertEquals("tern flash: no answer from bootloader on " + url + " after 3 syncs: nothing came back at all: is the"
                    + " board in its bootloader (BOOT0 high, then reset) and is " + url + " its port? (with 'tern sim --pty',"
                    + " flash through the other end of the pair)\n", none.err);
            Socket made = silent.accept(); // the connection the flash made, closed by now
            assertEquals(3, made.getInputStream().readNBytes(3).length, "three 0x7F were sent");
            made.close();

            Tern console = Tern.run("flash", image, "--port", url, "--enter", "console-command");
            assertEquals(ExitCodes.UNREACHABLE, console.exitCode, console.toString());
            assertTrue(console.err.contains("after 3 syncs: nothing came back at all, not even from a running firmware: is " + url
                    + " the board's port and the board powered?"), console.err);
            silent.accept().close();
        }
    }

    @Tag("slow") // about 2 s or more
    @Test
    void aPortThatAnswersWithTextOrNoiseIsToldApartFromSilence() throws Exception {
        Path image = image(1024);
        byte[] text = "I (123) app: still running\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (Answering firmware = new Answering(text); Answering noise = new Answering(new byte[] {0x00, (byte) 0xF0, 0x13})) {
            Tern chatty = Tern.run("flash", image, "--port", firmware.url(), "--enter", "boot-pin-reset");
            Tern garbled = Tern.run("flash", image, "--port", noise.url(), "--enter", "boot-pin-reset");

            assertEquals(ExitCodes.UNREACHABLE, chatty.exitCode, chatty.toString());
            assertTrue(chatty.err.contains("after 3 syncs: it heard text instead, so a firmware runs: 'I (123) app: still running';"
                    + " try --enter console-command"), chatty.err);
            assertEquals(ExitCodes.UNREACHABLE, garbled.exitCode, garbled.toString());
            assertTrue(garbled.err.contains("bytes but no ACK or NACK: a wrong speed or format? (the STM32 ROM bootloader speaks 8E1,"),
                    garbled.err);
        }
    }

    /** A TCP port that answers every byte it receives with the same bytes: a firmware's log line, or noise. */
    private static final class Answering implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final Thread thread;

        Answering(byte[] answer) throws IOException {
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        socket.setSoTimeout(10_000);
                        while (socket.getInputStream().read() >= 0) {
                            socket.getOutputStream().write(answer);
                        }
                    } catch (IOException closed) {
                        // the flash hung up, or the test ended
                    }
                }
            }, "answering-port");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "socket://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void boot0OnAPortWithoutModemLinesIsExit3SuggestingConsoleEntry() throws IOException {
        try (BootloaderServer server = BootloaderServer.start(folder, true)) {
            Tern run = Tern.run("flash", image(1024), "--port", server.url(), "--enter", "dtr-rts-auto-reset");
            assertEquals(ExitCodes.UNREACHABLE, run.exitCode, run.toString());
            assertTrue(run.err.startsWith("tern flash: " + server.url() + ": a raw socket has no RTS line"), run.err);
            assertTrue(run.err.contains("try --enter console-command"), run.err);
        }
    }

    @Test
    void aDryRunPrintsThePlanAndWritesNothing() throws IOException {
        Path image = image(150 * 1024);
        try (BootloaderServer server = BootloaderServer.start(folder, true)) {
            Tern run = Tern.run("flash", image, "--port", server.url(), "--dry-run", "--no-go", "--set", "log.trace=false");
            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertTrue(run.out.contains("plan: page 4 0x08020000 (128 KB) image: erase, write 128 KB\n"), run.out);
            assertTrue(run.out.contains("plan: page 1 0x08008000 (32 KB) config: erase, write 256 B\n"), run.out);
            assertTrue(run.out.contains("dry run: nothing erased or written"), run.out);
            assertEquals(0, server.writes());
            assertEquals(0, server.erases());
            assertEquals(-1, server.goAddress());
        }
    }

    @Test
    void theBoardsSecureBootRefusingTheFlashedImageIsExit4ButADryRunOnlyReportsIt() throws IOException {
        Path image = image(1024);
        try (BootloaderServer server = BootloaderServer.start(folder, true)) {
            server.bootLine("boot: refused: REFUSED (bad signature): no trusted key; staying in bootloader");
            Tern dry = Tern.run("flash", image, "--port", server.url(), "--enter", "boot-pin-reset", "--dry-run");
            assertEquals(ExitCodes.OK, dry.exitCode, dry.toString());
            assertTrue(dry.out.contains("board: boot: refused: REFUSED (bad signature)"), dry.out);

            Tern run = Tern.run("flash", image, "--port", server.url(), "--enter", "boot-pin-reset");
            assertEquals(ExitCodes.VERIFICATION_FAILED, run.exitCode, run.toString());
            assertEquals("tern flash: the board's secure boot refused the image: boot: refused: REFUSED (bad signature): no"
                    + " trusted key; staying in bootloader; the board stays in its bootloader until it is flashed with an image it"
                    + " accepts. Sign with a key the board trusts ('tern sim --trusted-key PUB.pem'; check with 'tern image verify"
                    + " --key')\n", run.err);
        }
    }

    @Test
    void eraseAllMassErasesAndJsonSummarizesForScripts() throws IOException {
        Path image = image(2048);
        try (BootloaderServer server = BootloaderServer.start(folder, true)) {
            Tern run = Tern.run("flash", image, "--port", server.url(), "--enter", "console-command", "--erase", "all", "--json");
            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertEquals(1, server.massErases());
            assertTrue(run.err.contains("erase all (mass erase)"), run.err);
            long size = Files.size(image);
            long written = (size + 3) / 4 * 4;
            assertTrue(run.out.startsWith("{\"port\":\"" + server.url() + "\",\"board\":\"virtual\",\"dryRun\":false,\"bytesWritten\":"
                    + written + ",\"bytesSkipped\":0,\"pagesErased\":8,\"pagesSkipped\":0,\"blocksResent\":0,\"verify\":\"crc\""), run.out);
            assertTrue(run.out.endsWith(",\"boot\":\"boot: image 1.2.3+0 verified (fake)\"}\n"), run.out);
            assertArrayEquals(Arrays.copyOf(Files.readAllBytes(image), (int) size), server.read(APP, (int) size));
        }
    }
}
