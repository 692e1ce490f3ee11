package dev.tern.boards.virtual;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.FlashDevice;
import dev.tern.boards.definition.Region;
import dev.tern.boards.flash.FlashGeometry;

/**
 * The wear of a board's flash as lines of text ({@code tern sim}'s {@code wear} command and its
 * exit report): per device, per region in it, the erases per erase unit that was erased, the
 * most worn unit as a share of the endurance, and the device's busy time.
 *
 * <pre>
 * wear: dataFlash (external, 4096 x 4K, endurance 100000 cycles): busy 1.250 s in 9 operations, longest stall 250.000 ms
 * wear:   session [0x90000000, +4M) 1024 units: 5 erases, 5 units erased, most worn 1 = 0.001% of endurance; erases per unit: 0:1 1:1 2:1 3:1 4:1
 * </pre>
 */
public final class WearReport {

    /** Units listed one by one per region; beyond that the line says how many more. */
    static final int LISTED_UNITS = 32;

    private WearReport() {
    }

    public static List<String> lines(final BoardDefinition board, final List<DeviceWear> wear) {
        final List<String> lines = new ArrayList<>();
        for (final DeviceWear device : wear) {
            final FlashDevice flash = device.device();
            lines.add(String.format(Locale.ROOT, "wear: %s (%s, %s, endurance %d cycles): busy %s in %d operations, longest stall %s",
                    flash.name(), flash.kind(), sectorsText(flash), flash.endurance(), seconds(device.busy().busyNanos()),
                    device.busy().operations(), millis(device.busy().longestStallNanos())));
            final int[] erases = device.erases();
            final boolean[] inRegion = new boolean[erases.length];
            final FlashGeometry geometry = flash.geometry();
            for (final Region region : board.regions()) {
                if (!flash.contains(region)) {
                    continue;
                }
                final int first = geometry.pageAt(region.address());
                final int end = region.end() == flash.end() ? erases.length : geometry.pageAt(region.end());
                for (int unit = first; unit < end; unit++) {
                    inRegion[unit] = true;
                }
                lines.add("wear:   " + region.name() + " [0x" + Long.toHexString(region.address()) + ", +" + size(region.size())
                        + ") " + (end - first) + " units: " + units(erases, first, end, flash.endurance(), null));
            }
            final String outside = units(erases, 0, erases.length, flash.endurance(), inRegion);
            if (!outside.startsWith("0 erases")) {
                lines.add("wear:   outside the regions: " + outside);
            }
        }
        return lines;
    }

    /** Erases of units {@code [first, end)} (those not {@code skip}ped) in words. */
    private static String units(final int[] erases, final int first, final int end, final int endurance, final boolean[] skip) {
        long total = 0;
        int erased = 0;
        int most = 0;
        final StringBuilder list = new StringBuilder();
        int listed = 0;
        for (int unit = first; unit < end; unit++) {
            if (skip != null && skip[unit] || erases[unit] == 0) {
                continue;
            }
            total += erases[unit];
            erased++;
            most = Math.max(most, erases[unit]);
            if (listed < LISTED_UNITS) {
                list.append(' ').append(unit - first).append(':').append(erases[unit]);
                listed++;
            }
        }
        if (erased == 0) {
            return "0 erases";
        }
        return String.format(Locale.ROOT, "%d erases, %d units erased, most worn %d = %s of endurance; erases per unit:%s%s",
                total, erased, most, percent(most, endurance), list, erased > listed ? " (" + (erased - listed) + " more)" : "");
    }

    static String percent(final long erases, final int endurance) {
        return String.format(Locale.ROOT, "%.3f%%", 100.0 * erases / endurance);
    }

    private static String seconds(final long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    private static String millis(final long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    private static String sectorsText(final FlashDevice device) {
        final StringBuilder text = new StringBuilder();
        final List<Integer> sizes = device.sectorSizes();
        int i = 0;
        while (i < sizes.size()) {
            int run = 1;
            while (i + run < sizes.size() && sizes.get(i + run).equals(sizes.get(i))) {
                run++;
            }
            text.append(text.length() > 0 ? " + " : "").append(run).append(" x ").append(size(sizes.get(i)));
            i += run;
        }
        return text.toString();
    }

    private static String size(final long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "M";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + "K" : Long.toString(bytes);
    }
}
