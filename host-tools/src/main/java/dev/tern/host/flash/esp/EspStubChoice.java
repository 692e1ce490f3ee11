package dev.tern.host.flash.esp;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which flasher stub {@code tern flash} writes an ESP32 through: none with {@code --no-stub},
 * the file {@code --stub} names, else the one {@link EspStubFinder} finds; says which in one line,
 * or when there is none why and how to get the faster path.
 */
public final class EspStubChoice {

    private EspStubChoice() {
    }

    /** The stub to use, or null for the ROM alone; a file that is not a stub is a usage error naming it. */
    public static EspStub choose(Path given, boolean noStub, EspStubFinder finder, Consumer<String> say) {
        if (noStub) {
            say.accept("flasher stub: none (--no-stub): writing through the ESP32 ROM loader, 1 KB blocks");
            return null;
        }
        if (given != null) {
            EspStub stub = EspStub.load(given);
            say.accept("flasher stub " + stub.describe() + " (--stub)");
            return stub;
        }
        Optional<EspStubFinder.Found> found = finder.find();
        if (found.isEmpty()) {
            say.accept("flasher stub: none found (looked in " + finder.lookedIn() + "): writing through the ESP32 ROM loader,"
                    + " 1 KB blocks; for esptool's faster stub give --stub FILE (esptool's targets/stub_flasher/2/esp32.json)"
                    + " or install esptool (pip install esptool)");
            return null;
        }
        EspStub stub = EspStub.load(found.get().file());
        say.accept("flasher stub " + stub.describe() + " (" + found.get().source() + ")");
        return stub;
    }
}
