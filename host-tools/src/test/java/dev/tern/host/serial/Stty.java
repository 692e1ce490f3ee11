package dev.tern.host.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the kernel holds for a terminal, as {@code stty -a -F DEVICE} prints it. */
final class Stty {

    private Stty() {
    }

    static String settings(Path device) throws IOException, InterruptedException {
        Process stty = new ProcessBuilder("stty", "-a", "-F", device.toString()).redirectErrorStream(true).start();
        try {
            if (!stty.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("stty -F " + device + " did not end within 10 s");
            }
            return new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            stty.destroyForcibly();
        }
    }
}
