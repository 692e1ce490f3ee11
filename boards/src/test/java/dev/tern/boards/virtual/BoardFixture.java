package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.flash.TimingMode;

/** What the virtual board tests share: the app slot's place, images in flash, flashing over AN3155. */
final class BoardFixture {

    static final BoardDefinition VIRTUAL = new BoardLoader().load("virtual");
    /** The virtual board's application slot (region.app) and the sector it starts in. */
    static final long APP = 0x0802_0000L;
    static final int APP_SECTOR = 4;
    static final Duration LINE = Duration.ofSeconds(10);

    private BoardFixture() {
    }

    /** The fake check, the fake key trusted, a short sync window, flash time accounted (no sleeping). */
    static VirtualBoardOptions options(final Path folder) {
        return VirtualBoardOptions.of(folder.resolve("flash.bin"), FakeImage.CHECK)
                .trustedKeys(List.of(FakeImage.KEY))
                .syncWindow(Duration.ofMillis(50))
                .flashTiming(TimingMode.ACCOUNTED);
    }

    /** Writes {@code image} into the app slot of the flash file, as a flasher would have. */
    static void preload(final Path flashFile, final byte[] image) throws IOException {
        try (FlashMemory flash = FlashMemory.open(flashFile, VIRTUAL.flash().geometry())) {
            flash.erasePage(APP_SECTOR);
            flash.program(APP, image, 0, image.length);
        }
    }

    /** Over AN3155: sync (NACK: synced already), erase the slot's first sector, write the image, GO to the slot. */
    static void flash(final HostLink link, final byte[] image) throws IOException {
        final An3155Host host = new An3155Host(link);
        final int sync = host.sync();
        assertTrue(An3155.ACK == sync || An3155.NACK == sync, "sync answered with ACK or NACK: 0x" + Integer.toHexString(sync));
        host.extendedErase(APP_SECTOR);
        host.write(APP, image);
        host.go(APP);
    }

    /**
     * Starts the board in its (silent) bootloader, connects to its console, then sets BOOT0 as
     * {@code options} say and resets it: the host sees all of the boot and nothing before.
     */
    static Started startConnected(final VirtualBoardOptions options) throws IOException {
        final VirtualBoard board = VirtualBoard.start(options.boot0(true));
        try {
            final HostLink link = HostLink.connect(board.consoleUrl());
            board.boot0(options.boot0());
            board.reset();
            return new Started(board, link);
        } catch (final IOException | RuntimeException e) {
            board.close();
            throw e;
        }
    }

    /** A board and the host's link to it, closed together. */
    record Started(VirtualBoard board, HostLink link) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                board.close();
            } finally {
                link.close();
            }
        }
    }
}
