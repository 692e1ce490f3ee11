package dev.tern.bench.wear;

import java.util.Map;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.Region;
import dev.tern.boards.definition.SessionLife;

/**
 * The previous A/B SessionStore (commit c4efc11), computed from its rule rather than run: the
 * region split into two areas of whole units; every save erases every unit of the area not
 * holding the newest copy, so each unit is erased once per two saves. The old engine saved on
 * publish and on the acknowledgement at QoS 1 (2 saves a message), and on publish, PUBREC and
 * PUBCOMP at QoS 2 (3 saves).
 */
final class LegacyStoreLife {

    /** Each board's session region at c4efc11 ({@code git show c4efc11:boards/<id>/board.properties}). */
    private static final Map<String, Region> OLD_REGIONS = Map.of(
            "virtual", new Region("session", 0x08010000L, 64 * 1024),
            "stm32f746g-disco", new Region("session", 0x08010000L, 64 * 1024),
            "stm32f7508-dk", new Region("session", 0x90801000L, 64 * 1024),
            "esp-wrover-kit", new Region("session", 0x11000L, 64 * 1024),
            "imxrt1170-evk", new Region("session", 0x30721000L, 192 * 1024));

    private LegacyStoreLife() {
    }

    /** The old region of {@code board}, with its unit size and the endurance of the device holding it today. */
    static Old of(BoardDefinition board) {
        Region region = OLD_REGIONS.get(board.id());
        if (region == null) {
            throw new IllegalArgumentException("no c4efc11 session region for board=" + board.id());
        }
        var device = board.deviceOf(region).orElseThrow(
                () -> new IllegalArgumentException("no device of " + board.id() + " holds " + region));
        var geometry = device.geometry();
        int unitSize = geometry.pageSize(geometry.pageAt(region.address()));
        return new Old(region, (int) (region.size() / unitSize), unitSize, device.endurance());
    }

    /** Saves per message of the old engine publishing at {@code qos} (1 or 2). */
    static int savesPerMessage(int qos) {
        return qos == 2 ? 3 : 2;
    }

    /** One old region: its years at {@code qos} are endurance / (1/2 erase a save x saves a message x messages a year). */
    record Old(Region region, int units, int unitSize, int endurance) {

        double years(int qos) {
            return SessionLife.years(endurance, 0.5 * savesPerMessage(qos));
        }

        String describe() {
            return units + " x " + unitSize / 1024 + "K, " + endurance + " cycles";
        }
    }
}
