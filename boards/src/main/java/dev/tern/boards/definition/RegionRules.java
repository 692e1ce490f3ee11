package dev.tern.boards.definition;

import dev.tern.boards.flash.FlashGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The rules for a board's flash regions, checked in the order the keys are written:
 * <ul>
 *   <li>no region is larger than the flash it must lie in;</li>
 *   <li>each lies inside one flash device it may use: the bootloader in any, the app in
 *       {@code flash}, config and session in {@code flash} or {@code dataFlash}, the credentials in any
 *       (where the board's read-out protection covers them: its file says why);</li>
 *   <li>app, config, session and credentials start and end on erase-unit boundaries, so each can be erased
 *       without touching another;</li>
 *   <li>no two regions overlap;</li>
 *   <li>the session pages are at least two erase units of one size, enough for the session
 *       journal's two checkpoints of the engine sizing's largest session (the live one and the
 *       next, {@link EngineSizing#checkpointUnits}).</li>
 * </ul>
 */
final class RegionRules {

    private RegionRules() {
    }

    static void check(DefinitionSource in, BoardDefinition board) {
        String[] keys = {BoardKeys.REGION_BOOTLOADER, BoardKeys.REGION_APP, BoardKeys.REGION_CONFIG,
            BoardKeys.REGION_SESSION, BoardKeys.REGION_CREDENTIALS};
        List<Region> regions = board.regions();
        for (int i = 0; i < regions.size(); i++) {
            Region region = regions.get(i);
            boolean bootloader = i == 0;
            FlashDevice device = checkPlace(in, keys[i], region, allowedDevices(board, i));
            if (!bootloader) {
                checkAligned(in, keys[i], region, device);
            }
            for (int j = 0; j < i; j++) {
                if (region.overlaps(regions.get(j))) {
                    throw in.fail(keys[i], describe(region) + " overlaps " + keys[j] + " " + describe(regions.get(j)));
                }
            }
        }
        checkSession(in, board);
    }

    /** The devices region {@code index} of {@link BoardDefinition#regions()} may lie in. */
    private static List<FlashDevice> allowedDevices(BoardDefinition board, int index) {
        List<FlashDevice> allowed = new ArrayList<>();
        allowed.add(board.flash());
        if (index == 0 || index == 4) {
            board.bootFlash().ifPresent(allowed::add);
            board.dataFlash().ifPresent(allowed::add);
        } else if (index >= 2) {
            board.dataFlash().ifPresent(allowed::add);
        }
        return allowed;
    }

    private static FlashDevice checkPlace(DefinitionSource in, String key, Region region, List<FlashDevice> allowed) {
        long largest = 0;
        StringJoiner names = new StringJoiner(" and ");
        for (FlashDevice device : allowed) {
            if (device.contains(region)) {
                return device;
            }
            largest = Math.max(largest, device.size());
            names.add(device.name() + " " + describe(device));
        }
        if (region.size() > largest) {
            throw in.fail(key, "a " + region.name() + " region of " + region.size()
                    + " bytes is larger than the flash (" + largest + " bytes)");
        }
        throw in.fail(key, describe(region) + " is outside " + names);
    }

    private static void checkAligned(DefinitionSource in, String key, Region region, FlashDevice device) {
        FlashGeometry geometry = device.geometry();
        int first = geometry.pageAt(region.address());
        if (geometry.pageAddress(first) != region.address()) {
            throw in.fail(key, describe(region) + " does not start on an erase-unit boundary (the unit at "
                    + Values.hex(region.address()) + " starts at " + Values.hex(geometry.pageAddress(first))
                    + "): it could not be erased on its own");
        }
        if (region.end() != device.end()) {
            int next = geometry.pageAt(region.end());
            if (geometry.pageAddress(next) != region.end()) {
                throw in.fail(key, describe(region) + " does not end on an erase-unit boundary (the unit at "
                        + Values.hex(region.end()) + " starts at " + Values.hex(geometry.pageAddress(next))
                        + "): it could not be erased on its own");
            }
        }
    }

    private static void checkSession(DefinitionSource in, BoardDefinition board) {
        Region session = board.sessionPages();
        FlashGeometry geometry = board.sessionDevice().geometry();
        int first = geometry.pageAt(session.address());
        int last = geometry.pageAt(session.end() - 1);
        if (last == first) {
            throw in.fail(BoardKeys.REGION_SESSION, "needs at least two erase units (the session store moves live"
                    + " records to a fresh unit before it erases a full one), got one of " + geometry.pageSize(first) + " bytes");
        }
        for (int page = first + 1; page <= last; page++) {
            if (geometry.pageSize(page) != geometry.pageSize(first)) {
                throw in.fail(BoardKeys.REGION_SESSION, "erase units must all be one size, got "
                        + geometry.pageSize(first) + " and " + geometry.pageSize(page) + " bytes");
            }
        }
        int units = (int) (session.size() / geometry.pageSize(first));
        int checkpoint;
        try {
            checkpoint = board.engine().checkpointUnits((int) session.size(), geometry.pageSize(first));
        } catch (IllegalArgumentException e) {
            throw in.fail(BoardKeys.REGION_SESSION, "the session journal cannot use this region: " + e.getMessage());
        }
        if (checkpoint < 0 || 2 * checkpoint > units) {
            throw in.fail(BoardKeys.REGION_SESSION, "holds " + units + " erase units but the session journal needs "
                    + (checkpoint < 0 ? "more than that" : String.valueOf(2 * checkpoint))
                    + " for two checkpoints of the engine sizing's largest session (the live one and the next)");
        }
    }

    private static String describe(Region region) {
        return "[" + Values.hex(region.address()) + ", " + Values.hex(region.end()) + ")";
    }

    private static String describe(FlashDevice device) {
        return "[" + Values.hex(device.base()) + ", " + Values.hex(device.end()) + ")";
    }
}
