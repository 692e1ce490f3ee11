package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.app.ConfigPage;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.flash.esp.EspRomPeer;

/** {@code tern flash --board esp-wrover-kit} through the command line against a scripted ESP32 ROM loader on a socket. */
@Timeout(60)
class EspFlashCommandTest {

    private static final long APP = 0x2A0000L;
    private static final long CONFIG = 0x10000L;

    @TempDir
    Path folder;

    private Path image(int payload) throws IOException {
        return TestImages.write(folder, "app.bin", TestImages.signed(payload, payload));
    }

    @Test
    void writesAndVerifiesTheImageAndConfigPageThenAnUnchangedReflashSkipsByMd5() throws IOException {
        Path image = image(100 * 1024);
        byte[] bytes = Files.readAllBytes(image);
        try (EspRomPeer peer = EspRomPeer.onSocket()) {
            Tern first = Tern.run("flash", image, "--port", peer.url(), "--board", "esp-wrover-kit", "--set", "sensor.temperature.qos=2");
            assertEquals(ExitCodes.OK, first.exitCode, first.toString());
            assertTrue(first.out.contains("bootloader ESP32 ROM on " + peer.url()
                    + ": chip 0xF01D83, 115200 baud, FLASH_DEFL (deflate), SPI_FLASH_MD5\n"), first.out);
            assertTrue(first.out.contains("write 0x002A0000..0x002A1000 done (image, 4 KB)\n"), first.out);
            assertTrue(first.out.contains("verify ok (md5 of each transfer as it was written, "), first.out);
            assertTrue(first.out.contains("go 0x002A0000\nboard: boot: image 1.2.3+0 verified (fake)\n"), first.out);
            assertArrayEquals(bytes, peer.read(APP, bytes.length), "the image is in the app slot");
            byte[] page = ConfigPage.encodePage("sensor.temperature.qos=2\n", 4096);
            assertArrayEquals(page, peer.read(CONFIG, page.length), "the config page is the firmware's format");
            assertEquals(1, peer.runUserCode());
            assertTrue(peer.count("FLASH_DEFL_BEGIN") >= 2, peer.commands().toString());

            peer.clearCommands();
            Tern second = Tern.run("flash", image, "--port", peer.url(), "--board", "esp-wrover-kit", "--set", "sensor.temperature.qos=2");
            assertEquals(ExitCodes.OK, second.exitCode, second.toString());
            assertTrue(second.out.contains("skip  0x002A0000..0x002A1000 (4 KB, unchanged)\n"), second.out);
            assertTrue(second.out.contains("done: 0 B written, "), second.out);
            assertTrue(second.out.contains("0 pages erased, "), second.out);
            assertEquals(0, peer.count("FLASH_DEFL_BEGIN"), peer.commands().toString());
            assertEquals(0, peer.count("FLASH_DEFL_DATA"));
            // the image's pages in one MD5, the config page's in another
            assertEquals(2, peer.count("SPI_FLASH_MD5"), "one MD5 per segment compared: " + peer.commands());
        }
    }

    @Test
    void withoutVerifyOrGoTheLastGatheredChunkIsStillWritten() throws IOException {
        Path image = image(10 * 1024);
        byte[] bytes = Files.readAllBytes(image);
        try (EspRomPeer peer = EspRomPeer.onSocket()) {
            Tern run = Tern.run("flash", image, "--port", peer.url(), "--board", "esp-wrover-kit", "--verify", "none", "--no-go");
            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertArrayEquals(bytes, peer.read(APP, bytes.length), "the session's flush() sent the last chunk");
            assertEquals(0, peer.runUserCode());
        }
    }

    @Test
    void noAnswerToSyncSaysHowToEnterDownloadMode() throws IOException {
        Path image = image(10 * 1024);
        try (EspRomPeer peer = EspRomPeer.onSocket().silent()) {
            Tern run = Tern.run("flash", image, "--port", peer.url(), "--board", "esp-wrover-kit");
            assertEquals(ExitCodes.UNREACHABLE, run.exitCode, run.toString());
            assertTrue(run.err.contains("no answer from the ESP32 ROM loader on " + peer.url() + " after 35 SYNCs: nothing came back"
                    + " at all: is the ESP32 in its download mode"), run.err);
            assertTrue(run.err.contains("hold Boot (GPIO0), press and release EN, release Boot"), run.err);
        }
    }

    @Test
    void aBootLogInsteadOfAnAnswerIsQuotedWithTheWayIntoDownloadMode() throws IOException {
        Path image = image(10 * 1024);
        try (EspRomPeer peer = EspRomPeer.onSocket().bootLog("ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13"
                + " (SPI_FAST_FLASH_BOOT)\r\n")) {
            Tern run = Tern.run("flash", image, "--port", peer.url(), "--board", "esp-wrover-kit");
            assertEquals(ExitCodes.UNREACHABLE, run.exitCode, run.toString());
            assertTrue(run.err.contains("it heard text instead: 'rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)'; the chip is"
                    + " not in its download mode"), run.err);
            assertTrue(run.err.contains("hold Boot (GPIO0), press and release EN, release Boot"), run.err);
        }
    }

    @Test
    void aChipThatIsNotAnEsp32IsNamedAndNothingIsWritten() throws IOException {
        Path image = image(10 * 1024);
        try (EspRomPeer peer = EspRomPeer.onSocket().magic(0x000007C6)) {
            Tern run = Tern.run("flash", image, "--port", peer.url(), "--board", "esp-wrover-kit");
            assertEquals(ExitCodes.FAILURE, run.exitCode, run.toString());
            assertTrue(run.err.contains("is an ESP32-S2 (its word at 0x40001000 is 0x000007C6"), run.err);
            assertEquals(0, peer.count("FLASH_DEFL_BEGIN") + peer.count("FLASH_BEGIN"));
        }
    }

    @Test
    void anImageLargerThanTheAppPartitionIsRefusedBeforeThePort() throws IOException {
        Path image = image(1500 * 1024);
        try (EspRomPeer peer = EspRomPeer.onSocket()) {
            Tern run = Tern.run("flash", image, "--port", peer.url(), "--board", "esp-wrover-kit");
            assertEquals(ExitCodes.FAILURE, run.exitCode, run.toString());
            assertTrue(run.err.contains("the esp-wrover-kit app slot at 0x002A0000 holds 1441792 bytes"), run.err);
            assertTrue(peer.commands().isEmpty(), peer.commands().toString());
        }
    }

    @Test
    void anMd5MismatchAfterAWriteIsWrittenOnceMoreThenFailsNamingTheAddress() throws IOException {
        Path image = image(10 * 1024);
        try (EspRomPeer peer = EspRomPeer.onSocket().corrupt(APP + 0x100, 1)) {
            Tern run = Tern.run("flash", image, "--port", peer.url(), "--board", "esp-wrover-kit");
            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertTrue(run.out.contains("1 block sent again"), run.out);
        }
        try (EspRomPeer peer = EspRomPeer.onSocket().corrupt(APP + 0x100, 2)) {
            Tern run = Tern.run("flash", image, "--port", peer.url(), "--board", "esp-wrover-kit");
            assertEquals(ExitCodes.VERIFICATION_FAILED, run.exitCode, run.toString());
            assertTrue(run.err.contains("the MD5 of 0x002A0000..0x002A"), run.err);
            assertTrue(run.err.contains("the flash at 0x002A0000 may be worn"), run.err);
            assertEquals(0, peer.runUserCode(), "nothing is started");
        }
    }

    @Test
    void aPortThatVanishesMidFlashExits3() throws IOException {
        Path image = image(60 * 1024);
        try (EspRomPeer peer = EspRomPeer.onSocket().vanishAfterBlocks(5)) {
            Tern run = Tern.run("flash", image, "--port", peer.url(), "--board", "esp-wrover-kit");
            assertEquals(ExitCodes.UNREACHABLE, run.exitCode, run.toString());
            assertFalse(run.out.contains("go 0x"), run.out);
            assertEquals(0, peer.runUserCode());
        }
    }
}
