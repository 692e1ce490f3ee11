package dev.tern.bench.wear;

import java.io.IOException;
import java.nio.file.Path;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.Region;
import dev.tern.boards.flash.FlashClock;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.flash.FlashRegion;
import dev.tern.boards.flash.PartModel;
import dev.tern.boards.flash.TimeFigure;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.flash.WearCounters;
import dev.tern.boards.flash.WornCells;

/**
 * A board's session region on a fresh model of its flash part: only the region's units (the rest
 * of the device plays no part), the device's program and erase times at the typical figure,
 * charged to an ACCOUNTED clock (nobody sleeps), every erase counted per unit.
 */
final class SessionFlash implements AutoCloseable {

    private final FlashMemory memory;
    private final WearCounters wear;
    private final FlashClock clock;
    private final FlashRegion region;

    private SessionFlash(FlashMemory memory, WearCounters wear, FlashClock clock, FlashRegion region) {
        this.memory = memory;
        this.wear = wear;
        this.clock = clock;
        this.region = region;
    }

    /** Opens the model in {@code folder} (its flash and wear files). */
    static SessionFlash open(BoardDefinition board, Path folder) throws IOException {
        Region pages = board.sessionPages();
        int units = board.sessionEraseUnits();
        FlashGeometry geometry = FlashGeometry.uniform(pages.address(), units, board.sessionPageSize());
        Path file = folder.resolve(board.id() + "-session.bin");
        WearCounters wear = WearCounters.open(WearCounters.fileFor(file), units);
        FlashClock clock = new FlashClock(TimingMode.ACCOUNTED);
        PartModel part = new PartModel(board.sessionTiming(), TimeFigure.TYPICAL, clock, wear,
                new WornCells(board.sessionEndurance(), !board.sessionDevice().isInternal(), 1));
        try {
            FlashMemory memory = FlashMemory.open(file, geometry, part);
            return new SessionFlash(memory, wear, clock, new FlashRegion(memory, pages));
        } catch (IOException | RuntimeException e) {
            wear.close();
            throw e;
        }
    }

    FlashRegion region() {
        return region;
    }

    /** Busy time charged so far, in ns. */
    long busyNanos() {
        return clock.stats().busyNanos();
    }

    /** Erases in the whole region so far. */
    long erases() {
        long sum = 0;
        for (int count : wear.counts()) {
            sum += count;
        }
        return sum;
    }

    /** Erases of each unit of the region so far. */
    int[] unitErases() {
        return wear.counts();
    }

    @Override
    public void close() throws IOException {
        try {
            memory.close();
        } finally {
            wear.close();
        }
    }
}
