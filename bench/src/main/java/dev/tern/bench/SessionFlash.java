package dev.tern.bench;

import java.io.IOException;
import java.nio.file.Path;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.FlashDevice;
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
 * A board's session region on a model of its flash part, for the wear and powercut suites: only
 * the region's units (the rest of the device plays no part), the device's program and erase times
 * at the typical figure charged to an ACCOUNTED clock (nobody sleeps: a run does thousands of
 * erases), every erase counted per unit, the part's endurance and worn-cell model. Kept in a file
 * in {@code folder} with its wear file beside it; one instance lives across power cycles
 * ({@link FlashMemory#restorePower()}): contents and wear stay.
 */
public final class SessionFlash implements AutoCloseable {

    private final FlashMemory memory;
    private final WearCounters wear;
    private final FlashRegion region;

    private SessionFlash(FlashMemory memory, WearCounters wear, FlashRegion region) {
        this.memory = memory;
        this.wear = wear;
        this.region = region;
    }

    /** Opens the model in {@code folder}; {@code seed} chooses which worn cells fail. */
    public static SessionFlash open(BoardDefinition board, Path folder, long seed) throws IOException {
        Region session = board.sessionPages();
        FlashDevice device = board.sessionDevice();
        FlashGeometry geometry = FlashGeometry.uniform(session.address(), board.sessionEraseUnits(), board.sessionPageSize());
        Path file = folder.resolve(board.id() + "-session.bin");
        WearCounters wear = WearCounters.open(WearCounters.fileFor(file), geometry.pageCount());
        try {
            PartModel part = new PartModel(device.timing(), TimeFigure.TYPICAL, new FlashClock(TimingMode.ACCOUNTED), wear,
                    new WornCells(device.endurance(), !device.isInternal(), seed));
            FlashMemory memory = FlashMemory.open(file, geometry, part);
            return new SessionFlash(memory, wear, new FlashRegion(memory, session));
        } catch (IOException | RuntimeException e) {
            wear.close();
            throw e;
        }
    }

    /** The device model (power cuts, restore). */
    public FlashMemory memory() {
        return memory;
    }

    /** The engine's view: offsets from the region's start, its erase units as pages. */
    public FlashRegion region() {
        return region;
    }

    /** Busy time, operations and the longest single stall charged so far. */
    public FlashClock.Stats busy() {
        return memory.part().clock().stats();
    }

    /** Erases in the whole region so far. */
    public long erases() {
        long sum = 0;
        for (int count : wear.counts()) {
            sum += count;
        }
        return sum;
    }

    /** Erases of each unit of the region so far. */
    public int[] unitErases() {
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
