package dev.tern.host.demo;

import java.nio.file.Path;
import java.util.List;

import dev.tern.boards.virtual.VirtualBoard;

/**
 * How the demo gets its signed image and config page into the virtual board: by running
 * {@code tern flash} over the board's serial line ({@link #TERN_FLASH}); tests may put a
 * stand-in here.
 */
@FunctionalInterface
public interface Flasher {

    /**
     * Writes {@code image} into the board's app slot and the {@code key=value} {@code settings}
     * into its config page, through the board's ROM bootloader (the board waits in it).
     *
     * @return the exit code of the flash: 0 when it worked
     */
    int flash(TernCommands tern, Path image, VirtualBoard board, List<String> settings);

    /** {@code tern flash IMAGE --port CONSOLE --board virtual --set k=v ...}. */
    Flasher TERN_FLASH = (tern, image, board, settings) -> {
        List<String> args = new java.util.ArrayList<>(List.of("flash", image.toString(), "--port", board.consoleUrl(), "--board", "virtual"));
        for (String setting : settings) {
            args.add("--set");
            args.add(setting);
        }
        return tern.run(args);
    };
}
