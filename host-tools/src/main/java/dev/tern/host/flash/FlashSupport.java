package dev.tern.host.flash;

import java.util.Optional;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.FlashDevice;
import dev.tern.boards.definition.FlashWriter;
import dev.tern.boards.definition.Region;

/**
 * Whether {@code tern flash} can flash a board today, and if not why: it speaks AN3155 and writes
 * only flash the ROM bootloader itself programs. {@code tern boards} shows the answer, and
 * {@code tern flash} refuses such a board before it opens the port.
 */
public final class FlashSupport {

    private FlashSupport() {
    }

    /** Empty when {@code tern flash} can flash {@code board}; else the reason, to follow "cannot be flashed yet: ". */
    public static Optional<String> whyNot(BoardDefinition board) {
        switch (board.bootloader().protocol()) {
            case ESP_ROM_SERIAL:
                return Optional.of("its ROM speaks the ESP32 serial protocol (esptool's), which tern flash does not speak yet");
            case NXP_SDP:
                return Optional.of("its ROM speaks NXP's serial downloader (SDP), which tern flash does not speak yet");
            case AN3155:
            default:
                break;
        }
        for (Region region : new Region[] {board.appSlot(), board.configPage()}) {
            Optional<FlashDevice> device = board.deviceOf(region);
            if (device.isPresent() && device.get().writer() == FlashWriter.RAM_LOADER) {
                return Optional.of(String.format(java.util.Locale.ROOT, "its app slot and config page are in %s flash at 0x%08X,"
                        + " which the ROM bootloader cannot program: that needs a flash loader in RAM, not written yet",
                        device.get().kind(), device.get().base()));
            }
        }
        return Optional.empty();
    }
}
