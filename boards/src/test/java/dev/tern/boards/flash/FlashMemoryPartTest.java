package dev.tern.boards.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** FlashMemory opened as a real part: time charged, erases counted and kept, worn units, cuts inside a stall. */
@Timeout(60)
class FlashMemoryPartTest {

    private static final long BASE = 0x9000_0000L;
    private static final int UNIT = 256;
    private static final FlashGeometry GEOMETRY = FlashGeometry.uniform(BASE, 4, UNIT);
    /** A small NOR: 8-byte program units at 15 us / 150 us, 256-byte units erased in 250 ms / 800 ms. */
    private static final FlashTiming NOR = new FlashTiming(8, 15_000, 150_000, List.of(new EraseTime(UNIT, 250_000_000L, 800_000_000L)));

    @TempDir
    Path folder;

    private FlashMemory open(final TimingMode mode, final int endurance, final boolean reports, final FlashClock clock)
            throws IOException {
        final Path file = folder.resolve("flash.bin");
        final WearCounters wear = WearCounters.open(WearCounters.fileFor(file), GEOMETRY.pageCount());
        return FlashMemory.open(file, GEOMETRY, new PartModel(NOR, TimeFigure.TYPICAL, clock, wear, new WornCells(endurance, reports, 3)));
    }

    @Test
    void everyEraseAndProgramIsChargedItsDatasheetTime() throws IOException {
        final FlashClock clock = new FlashClock(TimingMode.ACCOUNTED);
        try (FlashMemory flash = open(TimingMode.ACCOUNTED, 100_000, true, clock)) {
            flash.erasePage(1);
            flash.program(BASE + UNIT + 4, new byte[20], 0, 20); // bytes 4..23: program units 0, 1, 2
            assertEquals(new FlashClock.Stats(250_000_000L + 3 * 15_000L, 2, 250_000_000L), clock.stats());
        }
    }

    @Test
    void erasesAreCountedPerUnitAndKeptAcrossReopening() throws IOException {
        final FlashClock clock = new FlashClock(TimingMode.ACCOUNTED);
        try (FlashMemory flash = open(TimingMode.ACCOUNTED, 100_000, true, clock)) {
            flash.erasePage(2);
            flash.erasePage(2);
            flash.eraseAll();
            assertEquals(3, flash.eraseCount(2));
            flash.part().wear().close();
        }
        try (FlashMemory flash = open(TimingMode.ACCOUNTED, 100_000, true, clock)) {
            assertEquals(1, flash.eraseCount(0));
            assertEquals(3, flash.eraseCount(2));
            flash.part().wear().close();
        }
    }

    @Test
    void aWornNorReportsAFailedEraseAndLeavesBitsThatDidNotTake() throws IOException {
        try (FlashMemory flash = open(TimingMode.ACCOUNTED, 2, true, new FlashClock(TimingMode.ACCOUNTED))) {
            flash.erasePage(0);
            flash.erasePage(0); // the endurance: still fine
            flash.program(BASE, new byte[UNIT], 0, UNIT);
            // erases 3 and 4: a 50% chance, then certain (twice the endurance)
            IOException failure = null;
            for (int i = 0; i < 2 && failure == null; i++) {
                try {
                    flash.erasePage(0);
                } catch (final FlashFailedException e) {
                    failure = e;
                }
            }
            assertInstanceOf(FlashFailedException.class, failure);
            assertTrue(failure.getMessage().contains("page 0 is worn"), failure.getMessage());
            final byte[] read = new byte[UNIT];
            flash.read(BASE, read, 0, UNIT);
            assertTrue(hasZeroBit(read), "some bit stayed 0 after the failed erase");
            flash.part().wear().close();
        }
    }

    @Test
    void aWornInternalFlashFailsSilently() throws IOException {
        try (FlashMemory flash = open(TimingMode.ACCOUNTED, 1, false, new FlashClock(TimingMode.ACCOUNTED))) {
            flash.erasePage(3);
            flash.erasePage(3); // twice the endurance: every operation fails from here
            flash.program(BASE + 3L * UNIT, new byte[UNIT], 0, UNIT); // no exception: the part does not know
            final byte[] read = new byte[UNIT];
            flash.read(BASE + 3L * UNIT, read, 0, UNIT);
            assertNotEquals(0, or(read), "some bit that should be 0 stayed 1: only reading back shows it");
            flash.part().wear().close();
        }
    }

    @Test
    void aCutDuringARealEraseLeavesThePageErasedInProportion() throws Exception {
        final FlashClock clock = new FlashClock(TimingMode.REAL);
        final FlashTiming slow = new FlashTiming(8, 0, 0, List.of(new EraseTime(UNIT, 3_600_000_000_000L, 3_600_000_000_000L)));
        final Path file = folder.resolve("slow.bin");
        try (FlashMemory flash = FlashMemory.open(file, GEOMETRY, new PartModel(slow, TimeFigure.TYPICAL, clock, null,
                new WornCells(0, false, 0)))) {
            flash.program(BASE + UNIT, new byte[UNIT], 0, UNIT); // page 1 all zero
            final CompletableFuture<Void> erase = CompletableFuture.runAsync(() -> {
                try {
                    flash.erasePage(1); // an hour: only a cut ends it within the test's timeout
                } catch (final IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            while (!sleepingIn(FlashClock.class)) {
                Thread.onSpinWait();
            }
            flash.cutPower();
            final ExecutionException thrown = assertThrows(ExecutionException.class, () -> erase.get(20, TimeUnit.SECONDS));
            assertInstanceOf(PowerLostException.class, thrown.getCause().getCause());
            assertFalse(flash.isPowered());
        }
        final byte[] stored = Files.readAllBytes(file);
        assertEquals(0x00, stored[2 * UNIT - 1], "the cut came long before the end: the last byte is as it was");
        assertEquals(0xF0, stored[UNIT] & 0xFF, "the byte at the cut (the first, an hour being long): upper bits erased");
        assertTrue(clock.stats().busyNanos() < 3_600_000_000_000L, "only the time before the cut was charged");
    }

    private static boolean hasZeroBit(final byte[] bytes) {
        for (final byte b : bytes) {
            if (b != (byte) 0xFF) {
                return true;
            }
        }
        return false;
    }

    private static int or(final byte[] bytes) {
        int all = 0;
        for (final byte b : bytes) {
            all |= b & 0xFF;
        }
        return all;
    }

    static boolean sleepingIn(final Class<?> type) {
        for (final Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getState() == Thread.State.TIMED_WAITING) {
                for (final StackTraceElement frame : thread.getStackTrace()) {
                    if (frame.getClassName().equals(type.getName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
