package dev.tern.boards.definition;

import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashTiming;
import java.util.ArrayList;
import java.util.List;

/**
 * One flash device of a board: where it is, its erase units, who programs it, and how the part
 * behaves (its datasheet's program and erase times and its endurance).
 *
 * @param name        the device's key prefix in board.properties: {@code flash}, {@code bootFlash} or {@code dataFlash}
 * @param kind        {@code internal} (on the MCU die) or {@code external} (a SPI/QSPI/FlexSPI NOR chip)
 * @param sectorSizes the size of each erase unit in address order
 * @param timing      program and erase times from the part's datasheet
 * @param endurance   erase cycles per erase unit the datasheet guarantees
 */
public record FlashDevice(String name, String kind, FlashWriter writer, long base, List<Integer> sectorSizes,
                          FlashTiming timing, int endurance) {

    public FlashDevice {
        sectorSizes = List.copyOf(sectorSizes);
    }

    public FlashGeometry geometry() {
        int[] sizes = new int[sectorSizes.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = sectorSizes.get(i);
        }
        return new FlashGeometry(base, sizes);
    }

    public long size() {
        long size = 0;
        for (int sectorSize : sectorSizes) {
            size += sectorSize;
        }
        return size;
    }

    public long end() {
        return base + size();
    }

    public boolean contains(Region region) {
        return region.address() >= base && region.end() <= end();
    }

    /** On the MCU die: on a single-bank part, erasing or programming it stalls the CPU, which runs from it. */
    public boolean isInternal() {
        return "internal".equals(kind);
    }

    /** The distinct erase-unit sizes, in address order of first appearance. */
    public List<Integer> eraseUnitSizes() {
        List<Integer> sizes = new ArrayList<>();
        for (int size : sectorSizes) {
            if (!sizes.contains(size)) {
                sizes.add(size);
            }
        }
        return sizes;
    }
}
