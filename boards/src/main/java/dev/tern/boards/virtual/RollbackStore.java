package dev.tern.boards.virtual;

import dev.tern.boards.image.ImageVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The board-private record of the highest image version booted, for downgrade prevention. On
 * a real board it would sit in a flash area only the secure-boot stage writes (or OTP, as
 * MCUboot's hardware security counter); on the virtual board it is a small text file beside the
 * flash file, {@code <flash file>.rollback}, holding {@code last-booted=1.4.0+0}. It is replaced
 * atomically (write a temporary file, then rename), so a cut never leaves half a record, and it
 * is written before the image runs. Deleting it (or a new flash file) forgets the history.
 */
final class RollbackStore {

    private static final String KEY = "last-booted=";

    private final Path file;

    RollbackStore(final Path flashFile) {
        this.file = flashFile.resolveSibling(flashFile.getFileName() + ".rollback");
    }

    Path file() {
        return file;
    }

    /** The highest version booted, or null when none was. */
    ImageVersion lastBooted() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        final String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!text.startsWith(KEY)) {
            throw new IOException("rollback record " + file + " does not start with " + KEY + ": " + text);
        }
        return ImageVersion.parse(text.substring(KEY.length()));
    }

    /** Records {@code version} as booted when it is higher than the record. */
    void booted(final ImageVersion version) throws IOException {
        final ImageVersion last = lastBooted();
        if (last != null && version.compareTo(last) <= 0) {
            return;
        }
        final Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temporary, KEY + version + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
