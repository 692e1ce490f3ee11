package dev.tern.host.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tern.boards.firmware.SensorFirmware;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;

/**
 * The demo's development key and the firmware tern was built with, signed with it by
 * {@code tern keygen} and {@code tern image sign} as a user would, in the demo's folder.
 *
 * @param key       the private key (kept in the work folder, never in the repository)
 * @param publicKey the key the board's secure boot trusts
 * @param image     the signed image to flash
 */
record SignedImage(Path key, Path publicKey, Path image) {

    /** Makes the key (or reuses the one a --work-dir kept) and signs the firmware with it. */
    static SignedImage make(TernCommands tern, Path work, LiveScreen screen) throws IOException {
        Path key = work.resolve("dev-key.pem");
        Path publicKey = work.resolve("dev-key.pub");
        if (Files.exists(key) && Files.exists(publicKey)) {
            screen.say("demo: using the development key " + key);
        } else {
            check(tern.run(List.of("keygen", "-o", key.toString(), "--public", publicKey.toString(), "--force")), "keygen");
        }
        SensorFirmware firmware = SensorFirmware.find();
        Path image = work.resolve("app.bin");
        check(tern.run(List.of("image", "sign", "--key", key.toString(), "--version", firmware.imageVersion(),
                firmware.jarFile(work).toString(), "-o", image.toString())), "image sign");
        return new SignedImage(key, publicKey, image);
    }

    private static void check(int code, String what) {
        if (code != ExitCodes.OK) {
            throw new TernException(code, "'tern " + what + "' failed (exit " + code + ", see above)");
        }
    }
}
