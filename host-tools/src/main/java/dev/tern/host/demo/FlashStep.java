package dev.tern.host.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tern.boards.virtual.VirtualBoard;

/**
 * How the demo gets its signed image and config page into the virtual board: by running
 * {@code tern flash} over the board's serial line ({@link #TERN_FLASH}); tests may put a
 * stand-in here.
 */
@FunctionalInterface
public interface FlashStep {

    /**
     * Writes the image into the board's app slot and the {@code key=value} settings into its
     * config page, through the board's ROM loader (the board waits in it: BOOT0 high, or an ESP32's GPIO0 low).
     *
     * @return the exit code of the flash: 0 when it worked
     */
    int flash(TernCommands tern, Request request);

    /**
     * What to flash where: the image, the public key it must verify with, the virtual board and what it is, the config page,
     * and more options of {@code tern flash} (the TLS credentials: {@code --ca ...}).
     */
    record Request(Path image, Path publicKey, VirtualBoard board, DemoBoard demoBoard, List<String> settings,
            List<String> moreOptions) {
    }

    /**
     * {@code tern flash IMAGE --port CONSOLE --board ID --enter boot-pin-reset --no-go --key PUB --set k=v ...}
     * (and the board's {@link DemoBoard#flashOptions()}): the board is in its ROM loader already
     * (its boot pin held and reset, as a user does by hand), and stays there: the demo then boots
     * it once, with the pin released and a reset, its console watched
     * from the first line (a GO here would boot it a first time while nobody shows the console).
     */
    FlashStep TERN_FLASH = (tern, request) -> {
        List<String> args = new ArrayList<>(List.of("flash", request.image().toString(), "--port", request.board().consoleUrl(),
                "--board", request.demoBoard().id(), "--enter", "boot-pin-reset", "--no-go", "--key", request.publicKey().toString()));
        args.addAll(request.demoBoard().flashOptions());
        args.addAll(request.moreOptions());
        for (String setting : request.settings()) {
            args.add("--set");
            args.add(setting);
        }
        return tern.run(args);
    };
}
