package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.image.ImageVersion;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;
import dev.tern.host.serial.FakeSerialLink;
import dev.tern.host.serial.LineSettings;

/**
 * The flash steps against a bootloader that is not AN3155 ({@link MemoryBootloader}: 1 KB
 * blocks, a SHA-256 digest): what the seam promises another protocol.
 */
@Timeout(10)
class FlasherTest {

    private static final BoardDefinition BOARD = new BoardLoader().load("virtual");
    private static final long APP = BOARD.appSlot().address();
    private static final int BLOCK = 1024;

    private final StringWriter printed = new StringWriter();

    /** 2.5 KB of 0x11, 512 blank bytes, 1 KB of 0x22. */
    private static byte[] image() {
        byte[] image = new byte[4096];
        Arrays.fill(image, 0, 2560, (byte) 0x11);
        Arrays.fill(image, 2560, 3072, (byte) 0xFF);
        Arrays.fill(image, 3072, 4096, (byte) 0x22);
        return image;
    }

    @Test
    void writesRunsOfNonBlankBlocksInTheProtocolsBlockSizeAndVerifiesByItsDigest() throws IOException {
        MemoryBootloader bootloader = new MemoryBootloader(BOARD.flash().geometry(), BOARD.mcu().chipId(), BLOCK, true);

        Flasher.Result result = flash(bootloader, image());

        assertEquals(List.of(new MemoryBootloader.Write(APP, 1024), new MemoryBootloader.Write(APP + 1024, 1024),
                new MemoryBootloader.Write(APP + 2048, 512), new MemoryBootloader.Write(APP + 3072, 1024)), bootloader.writes);
        assertArrayEquals(image(), bootloader.read(APP, 4096));
        assertEquals(3584, result.bytesWritten());
        assertEquals(List.of(BOARD.flash().geometry().pageAt(APP)), bootloader.erasedPages);
        assertEquals("sha-256", result.verify());
        assertEquals(APP, bootloader.goAddress);
        assertTrue(printed.toString().contains("bootloader 9.9 on memory: chip 0x449, in memory"), printed.toString());
    }

    @Test
    void anUnchangedPageIsFoundByTheDigestAndNeitherErasedNorWritten() throws IOException {
        MemoryBootloader bootloader = new MemoryBootloader(BOARD.flash().geometry(), BOARD.mcu().chipId(), BLOCK, true);
        flash(bootloader, image());
        bootloader.writes.clear();
        bootloader.erasedPages.clear();

        Flasher.Result again = flash(bootloader, image());

        assertEquals(List.of(), bootloader.writes);
        assertEquals(List.of(), bootloader.erasedPages);
        assertEquals(1, again.pagesSkipped());
        assertEquals(0, again.bytesWritten());
    }

    @Test
    void aSpanIsSaidWrittenOnlyAfterTheSessionSentWhatItGathered() throws IOException {
        MemoryBootloader bootloader = new MemoryBootloader(BOARD.flash().geometry(), BOARD.mcu().chipId(), BLOCK, true);
        bootloader.gatherUntilFlush = printed::toString;

        flash(bootloader, image());

        String done = "write 0x08020000..0x08021000 done (image, 3.5 KB)";
        assertTrue(bootloader.printedAtFlush != null && !bootloader.printedAtFlush.contains(done), bootloader.printedAtFlush);
        assertTrue(printed.toString().contains(done), printed.toString());
    }

    @Test
    void aSessionThatChecksEachWriteByItsDigestIsNotAskedForTheDigestsAgainAfterwards() throws IOException {
        MemoryBootloader bootloader = new MemoryBootloader(BOARD.flash().geometry(), BOARD.mcu().chipId(), BLOCK, true);
        bootloader.checksAsItWrites = true;

        Flasher.Result result = flash(bootloader, image());

        assertEquals(1, bootloader.digests, "only the compare before writing asks for the page's digest");
        assertEquals("sha-256", result.verify());
        assertTrue(printed.toString().contains("verify ok (sha-256 of each transfer as it was written, 1 page)"), printed.toString());
    }

    @Test
    void anUnchangedImageOverManyPagesIsFoundWithOneDigestOfItAll() throws IOException {
        BoardDefinition esp = new BoardLoader().load("esp-wrover-kit");
        long slot = esp.appSlot().address();
        byte[] image = new byte[3 * 4096 + 100];
        Arrays.fill(image, (byte) 0x5A);
        MemoryBootloader bootloader = new MemoryBootloader(esp.flash().geometry(), esp.mcu().chipId(), BLOCK, true);
        flash(esp, slot, bootloader, image);
        int digestsOfTheFirstFlash = bootloader.digests;
        bootloader.writes.clear();

        Flasher.Result again = flash(esp, slot, bootloader, image);

        assertEquals(1, bootloader.digests - digestsOfTheFirstFlash, "one digest of the 4 pages, not one a page");
        assertEquals(4, again.pagesSkipped());
        assertEquals(List.of(), bootloader.writes);
        image[2 * 4096] ^= 0x01;
        bootloader.writes.clear();
        Flasher.Result changed = flash(esp, slot, bootloader, image);
        assertEquals(3, changed.pagesSkipped(), "a differing whole is then compared page by page");
        assertEquals(List.of(new MemoryBootloader.Write(slot + 2 * 4096, 1024), new MemoryBootloader.Write(slot + 2 * 4096 + 1024, 1024),
                new MemoryBootloader.Write(slot + 2 * 4096 + 2048, 1024), new MemoryBootloader.Write(slot + 2 * 4096 + 3072, 1024)),
                bootloader.writes);
    }

    @Test
    void withoutADigestTheContentIsReadBackInTheProtocolsBlocks() throws IOException {
        MemoryBootloader bootloader = new MemoryBootloader(BOARD.flash().geometry(), BOARD.mcu().chipId(), BLOCK, false);

        Flasher.Result result = flash(bootloader, image());

        assertEquals("read", result.verify());
        assertEquals(0, bootloader.digests);
        assertArrayEquals(image(), bootloader.read(APP, 4096));
    }

    @Test
    void aDigestThatDiffersAfterTheWriteFailsNamingTheProtocolsDigest() {
        MemoryBootloader bootloader = new MemoryBootloader(BOARD.flash().geometry(), BOARD.mcu().chipId(), BLOCK, true);
        bootloader.worn = true;

        TernException e = assertThrows(TernException.class, () -> flash(bootloader, image()));

        assertEquals(ExitCodes.VERIFICATION_FAILED, e.exitCode());
        assertTrue(e.getMessage().startsWith("verify failed at 0x08020000: the SHA-256 of 0x08020000..0x08021000 is "),
                e.getMessage());
    }

    @Test
    void aChipThatIsNotTheBoardsIsNamedWithTheProtocolsQuery() {
        MemoryBootloader bootloader = new MemoryBootloader(BOARD.flash().geometry(), 0x451, BLOCK, true);

        TernException e = assertThrows(TernException.class, () -> flash(bootloader, image()));

        assertTrue(e.getMessage().startsWith("the chip on memory answers CHIP_ID 0x451, but virtual has chip 0x449"), e.getMessage());
        assertEquals(List.of(), bootloader.writes);
    }

    private Flasher.Result flash(MemoryBootloader bootloader, byte[] image) throws IOException {
        return flash(BOARD, APP, bootloader, image);
    }

    private Flasher.Result flash(BoardDefinition board, long at, MemoryBootloader bootloader, byte[] image) throws IOException {
        FlashPlan plan = FlashPlan.of(board.flash().geometry(), List.of(new FlashPlan.Segment("image", at, image)));
        FlashProgress progress = FlashProgress.plain(new PrintWriter(printed, true));
        LineSettings line = LineSettings.of(board.bootloader().line());
        Flasher flasher = new Flasher(bootloader, board, plan, new ImageVersion(1, 0, 0, 0), progress);
        return flasher.run(new Flasher.Options(BootloaderEntry.NONE, FakeSerialLink.pair("fake")[0], line, line, null, false,
                false, false, false, true, Duration.ZERO));
    }
}
