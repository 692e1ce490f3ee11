package dev.tern.boards.definition;

import dev.tern.boards.flash.FlashGeometry;
import java.util.List;

/**
 * One flash device of a board: where it is, its erase units, and who programs it.
 *
 * @param kind        {@code internal} (on the MCU die) or {@code external} (a SPI/QSPI/FlexSPI NOR chip)
 * @param sectorSizes the size of each erase unit in address order
 */
public record FlashDevice(String kind, FlashWriter writer, long base, List<Integer> sectorSizes) {

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
}
