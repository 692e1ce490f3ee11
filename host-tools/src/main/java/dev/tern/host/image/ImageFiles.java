package dev.tern.host.image;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyFormatException;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.IoErrors;
import dev.tern.host.cli.TernException;

/** Reading the files the key and image commands take, with errors that name the path. */
final class ImageFiles {

    private ImageFiles() {
    }

    /** The bytes of {@code path}; a missing or unreadable file ends the command with exit 2 naming it. */
    static byte[] read(Path path, String what) {
        return IoErrors.read(what, path);
    }

    /** The PEM key in {@code path}, private or public. */
    static ImageKey readKey(Path path) {
        String pem = new String(read(path, "key file"), StandardCharsets.US_ASCII);
        try {
            return ImageKey.fromPem(pem);
        } catch (KeyFormatException e) {
            throw new TernException(ExitCodes.FAILURE, "key file " + path + ": " + e.getMessage(), e);
        }
    }

    static void write(Path path, byte[] bytes, String what) {
        IoErrors.write(what, path, bytes);
    }
}
