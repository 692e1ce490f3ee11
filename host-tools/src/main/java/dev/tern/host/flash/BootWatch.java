package dev.tern.host.flash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tern.host.serial.SerialLink;

/**
 * After GO, the board's boot stage reports on the console whether it verified the image
 * ({@code boot: image 0.1.0+0 verified (...)}) or refused it ({@code boot: refused: ...}). This
 * reads those lines for a short while, so the flash can say whether the image actually booted.
 */
final class BootWatch {

    /** What the console said about the boot: the {@code boot:} lines, and how it ended. */
    record Outcome(List<String> lines, boolean verified, boolean refused) {
    }

    private BootWatch() {
    }

    static Outcome watch(SerialLink link, Duration limit) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder partial = new StringBuilder();
        byte[] chunk = new byte[512];
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Outcome(lines, false, false);
            }
            int count = link.read(chunk, 0, chunk.length, Duration.ofNanos(left));
            partial.append(new String(chunk, 0, count, StandardCharsets.UTF_8));
            int end;
            while ((end = partial.indexOf("\n")) >= 0) {
                String line = partial.substring(0, end).strip();
                partial.delete(0, end + 1);
                if (!line.startsWith("boot:")) {
                    continue;
                }
                lines.add(line);
                if (line.contains("refused") || line.contains("cannot start")) {
                    return new Outcome(lines, false, true);
                }
                if (line.startsWith("boot: image ") && line.contains(" verified")) {
                    return new Outcome(lines, true, false);
                }
            }
        }
    }
}
