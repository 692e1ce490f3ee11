package dev.tern.boards.virtual;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.FlashDevice;
import dev.tern.boards.flash.FlashClock;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.flash.PartModel;
import dev.tern.boards.flash.TimeFigure;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.flash.WearCounters;
import dev.tern.boards.flash.WornCells;

/**
 * The flash devices of one virtual board for its whole run (across power cycles): each device's
 * file ({@code flash} in the flash file, another device in {@code <flash file>.<device>}, e.g.
 * {@code flash.bin.dataFlash}), its wear file beside it, and its clock. {@link #power()} opens
 * every device for one life.
 */
final class BoardFlash implements AutoCloseable {

    private final List<Device> devices = new ArrayList<>();
    private final TimeFigure figure;

    BoardFlash(final BoardDefinition definition, final Path flashFile, final TimingMode mode, final TimeFigure figure,
               final long wearSeed) throws IOException {
        this.figure = figure;
        try {
            long seed = wearSeed;
            for (final FlashDevice device : definition.flashDevices()) {
                final Path file = fileOf(flashFile, device);
                devices.add(new Device(device, file, new FlashClock(mode),
                        WearCounters.open(WearCounters.fileFor(file), device.sectorSizes().size()), seed++));
            }
        } catch (final IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Where device {@code device}'s bytes are kept. */
    static Path fileOf(final Path flashFile, final FlashDevice device) {
        return "flash".equals(device.name()) ? flashFile : flashFile.resolveSibling(flashFile.getFileName() + "." + device.name());
    }

    /** Opens every device for one life, in the definition's order (the main flash first). */
    List<FlashMemory> power() throws IOException {
        final List<FlashMemory> opened = new ArrayList<>();
        try {
            for (final Device device : devices) {
                // a fresh WornCells per life: the same seed and operations fail the same way
                final PartModel part = new PartModel(device.definition.timing(), figure, device.clock, device.wear,
                        new WornCells(device.definition.endurance(), !device.definition.isInternal(), device.seed));
                opened.add(FlashMemory.open(device.file, device.definition.geometry(), part));
            }
            return opened;
        } catch (final IOException | RuntimeException e) {
            for (final FlashMemory flash : opened) {
                flash.close();
            }
            throw e;
        }
    }

    /** Each device's definition, erase counts and clock figures now. */
    List<DeviceWear> wear() {
        final List<DeviceWear> wear = new ArrayList<>();
        for (final Device device : devices) {
            wear.add(new DeviceWear(device.definition, device.wear.counts(), device.clock.stats()));
        }
        return wear;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (final Device device : devices) {
            try {
                device.wear.close();
            } catch (final IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private record Device(FlashDevice definition, Path file, FlashClock clock, WearCounters wear, long seed) {
    }
}
