package dev.tern.boards.virtual;

import dev.tern.boards.image.ImageVersion;
import static dev.tern.boards.virtual.BoardFixture.LINE;
import static dev.tern.boards.virtual.BoardFixture.options;
import static dev.tern.boards.virtual.BoardFixture.preload;
import static dev.tern.boards.virtual.BoardFixture.startConnected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.virtual.BoardFixture.Started;

/** The boot flow: bootloader entries, the secure-boot verdicts, running what was flashed. */
@Timeout(60)
class VirtualBoardBootTest {

    @TempDir
    Path folder;

    @Test
    void boot0EntersTheBootloaderWhichAnswersGetIdOnTheSocketConsole() throws Exception {
        try (Started started = startConnected(options(folder).boot0(true))) {
            final An3155Host host = new An3155Host(started.link());
            assertEquals(An3155.ACK, host.sync(), "the first byte the host gets is the ACK: the ROM bootloader is silent");
            assertEquals(0x449, host.getId());
            assertEquals(An3155.NACK, host.sync(), "0x7F once synced");
            assertEquals(BoardMode.BOOTLOADER, started.board().mode());
        }
    }

    @Test
    void syncByteInTheWindowAfterResetEntersTheBootloaderInsteadOfBooting() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("1.0.0"));
        try (Started started = startConnected(options(folder).syncWindow(Duration.ofSeconds(5)))) {
            assertTrue(started.board().awaitMode(BoardMode.SYNC_WINDOW, LINE));
            assertEquals(An3155.ACK, new An3155Host(started.link()).sync(), "the 0x7F is the bootloader's sync byte");
            assertEquals(0x449, new An3155Host(started.link()).getId());
            assertEquals(BoardMode.BOOTLOADER, started.board().mode());
            assertFalse(started.link().transcript().contains("boot:"), "no boot line: the image was not checked");
        }
    }

    @Test
    void withoutSyncTheWindowClosesAndTheVerifiedImageBoots() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("1.4.0"));
        try (Started started = startConnected(options(folder))) {
            assertEquals("boot: image 1.4.0+0 verified (sha-256, key 3f2a1107)\r\n", started.link().awaitText("\r\n", LINE));
            assertEquals("test firmware 1.4.0 on virtual\r\n", started.link().awaitText("\r\n", LINE));
            started.link().sendLine("ping");
            started.link().awaitText("pong\r\n", LINE);
            assertEquals(BoardMode.RUNNING, started.board().mode());
        }
    }

    @Test
    void erasedSlotIsRefusedAndTheBoardStaysInTheBootloader() throws Exception {
        try (Started started = startConnected(options(folder))) {
            assertEquals("boot: refused: no image in the application slot (it is erased); staying in bootloader\r\n",
                    started.link().awaitText("\r\n", LINE));
            assertEquals(An3155.ACK, new An3155Host(started.link()).sync());
        }
    }

    @Test
    void imageWithOneByteChangedIsRefusedWithTheReason() throws Exception {
        final byte[] image = FakeImage.firmware("1.0.0");
        image[image.length - 10] ^= 0x01;
        preload(folder.resolve("flash.bin"), image);
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("boot: refused: SHA-256 does not match: the image is damaged or partly written;"
                    + " staying in bootloader\r\n", LINE);
            assertEquals(An3155.ACK, new An3155Host(started.link()).sync());
            assertEquals(BoardMode.BOOTLOADER, started.board().mode());
        }
    }

    @Test
    void imageSignedWithAnUntrustedKeyIsRefused() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.of(ImageVersion.parse("1.0.0"), FakeImage.OTHER_KEY, TestFirmwareJar.build("1.0.0")));
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("boot: refused: signed with key 55555555, which is not trusted; staying in bootloader\r\n", LINE);
            assertEquals(An3155.ACK, new An3155Host(started.link()).sync());
        }
    }

    @Test
    void flashedImageBootsOnGoAndPrintsItsBannerThroughTheConsoleHal() throws Exception {
        try (Started started = startConnected(options(folder).boot0(true))) {
            BoardFixture.flash(started.link(), FakeImage.firmware("1.4.0"));
            started.link().awaitText("boot: image 1.4.0+0 verified (sha-256, key 3f2a1107)\r\n", LINE);
            started.link().awaitText("test firmware 1.4.0 on virtual\r\n", LINE);
        }
    }

    @Test
    void versionNPlusOneFlashedOverNShowsItsBannerAfterTheFirmwareEntersTheBootloader() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("1.0.0"));
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            started.link().sendLine("bootloader");
            started.link().awaitText("bye\r\n", LINE);
            BoardFixture.flash(started.link(), FakeImage.firmware("1.1.0"));
            started.link().awaitText("boot: image 1.1.0+0 verified (sha-256, key 3f2a1107)\r\n", LINE);
            started.link().awaitText("test firmware 1.1.0 on virtual\r\n", LINE);
        }
    }

    @Test
    void lowerVersionThanTheLastBootedIsRefused() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("2.0.0"));
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("test firmware 2.0.0 on virtual\r\n", LINE);
            started.link().sendLine("bootloader");
            started.link().awaitText("bye\r\n", LINE);
            BoardFixture.flash(started.link(), FakeImage.firmware("1.9.9"));
            started.link().awaitText("boot: refused: version 1.9.9+0 is lower than 2.0.0+0, the last booted (downgrade prevention);"
                    + " staying in bootloader\r\n", LINE);
            assertEquals(An3155.ACK, new An3155Host(started.link()).sync(), "the board stays in the bootloader");
            assertTrue(started.link().transcript().indexOf("test firmware 1.9.9") < 0, "the lower version never ran");
        }
    }

    @Test
    void firmwareRunsInItsOwnClassLoaderSeeingOnlyTheJdkTheHalAndItsJar() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("1.0.0"));
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            started.link().sendLine("whoami");
            started.link().awaitText("loader tern-image-1.0.0+0, hal false\r\n", LINE);
            started.link().sendLine("see " + FakeImage.class.getName());
            started.link().awaitText("hidden " + FakeImage.class.getName() + "\r\n", LINE);
            started.link().sendLine("see dev.tern.hal.Transport");
            started.link().awaitText("visible dev.tern.hal.Transport\r\n", LINE);
        }
    }

    @Test
    void firmwareSeesItsSessionAndConfigRegionsWithFlashSemantics() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("1.0.0"));
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            started.link().sendLine("nvs");
            // the virtual board: session on the QSPI dataFlash in 4K subsectors, config 0x08008000 + 32K
            started.link().awaitText("nvs: session size=" + BoardFixture.VIRTUAL.sessionPages().size()
                    + " page=4096 erase=0 erased=ff anded=0 beyond=-1 nopage=-1;"
                    + " config size=32768 page=32768 erase=0 erased=ff anded=0 beyond=-1 nopage=-1\r\n", LINE);
            started.link().sendLine("sensors");
            final String sensors = started.link().awaitText("\r\n", LINE);
            assertTrue(sensors.startsWith("sensors: count=3 t=") && sensors.endsWith(" x=" + Integer.MIN_VALUE + "\r\n"), sensors);
        }
    }

    @Test
    void firmwareResetBootsAgainAndAnOutsideResetToo() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("1.0.0"));
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            started.link().sendLine("reset");
            started.link().awaitText("resetting\r\n", LINE);
            started.link().awaitText("boot: image 1.0.0+0 verified", LINE);
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            started.board().reset();
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
        }
    }

    @Test
    void firmwareThatThrowsLeavesTheBoardInTheBootloaderSayingWhy() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("1.0.0"));
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            started.link().sendLine("throw");
            started.link().awaitText("fault: the firmware threw java.lang.IllegalStateException: asked to throw; staying in bootloader\r\n", LINE);
            assertEquals(An3155.ACK, new An3155Host(started.link()).sync());
        }
    }

    @Test
    void verifiedJarWithoutTheFirmwareAttributeIsNotStarted() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.of(ImageVersion.parse("1.0.0"), FakeImage.KEY, TestFirmwareJar.build("1.0.0", null)));
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("boot: cannot start image 1.0.0+0: java.io.IOException: its jar's manifest names no Tern-Firmware class;"
                    + " staying in bootloader\r\n", LINE);
            assertEquals(An3155.ACK, new An3155Host(started.link()).sync());
        }
    }

    @Test
    void rollbackRecordIsAFileBesideTheFlashFile() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("3.2.1"));
        try (Started started = startConnected(options(folder))) {
            started.link().awaitText("test firmware 3.2.1 on virtual\r\n", LINE);
            assertEquals(folder.resolve("flash.bin.rollback"), started.board().rollbackFile());
            assertEquals(Arrays.asList("last-booted=3.2.1+0"), java.nio.file.Files.readAllLines(started.board().rollbackFile()));
        }
    }
}
