package dev.tern.bench.powercut;

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
 * A board's session region on that board's flash model, for a run across power cycles: the
 * region alone (its address, its device's erase units, timing, endurance and worn-cell model),
 * kept in a file with its wear file beside it. Time is ACCOUNTED (typical figures): a cut run
 * does thousands of boots and cannot sleep every 4 KB erase. One {@link FlashMemory} for the
 * whole run: a power cycle is {@link FlashMemory#restorePower()}, its contents and wear stay.
 */
final class SessionFlash implements AutoCloseable {

    private final FlashMemory flash;
    private final WearCounters wear;
    private final FlashRegion region;

    private SessionFlash(FlashMemory flash, WearCounters wear, FlashRegion region) {
        this.flash = flash;
        this.wear = wear;
        this.region = region;
    }

    static SessionFlash open(BoardDefinition board, Path folder, long seed) throws IOException {
        Region session = board.sessionPages();
        FlashDevice device = board.sessionDevice();
        FlashGeometry geometry = FlashGeometry.uniform(session.address(), board.sessionEraseUnits(), board.sessionPageSize());
        Path file = folder.resolve(board.id() + "-session.bin");
        WearCounters wear = WearCounters.open(WearCounters.fileFor(file), geometry.pageCount());
        try {
            PartModel part = new PartModel(device.timing(), TimeFigure.TYPICAL, new FlashClock(TimingMode.ACCOUNTED), wear,
                    new WornCells(device.endurance(), !device.isInternal(), seed));
            FlashMemory flash = FlashMemory.open(file, geometry, part);
            return new SessionFlash(flash, wear, new FlashRegion(flash, session));
        } catch (IOException | RuntimeException e) {
            wear.close();
            throw e;
        }
    }

    FlashMemory memory() {
        return flash;
    }

    /** The engine's view: offsets from the region's start, its erase units as pages. */
    FlashRegion region() {
        return region;
    }

    /** Erases of each unit of the region so far. */
    int[] erases() {
        return wear.counts();
    }

    FlashClock.Stats busy() {
        return flash.part().clock().stats();
    }

    @Override
    public void close() throws IOException {
        try {
            flash.close();
        } finally {
            wear.close();
        }
    }
}
