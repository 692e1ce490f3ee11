package dev.tern.host.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyFormatException;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;

/** Reading the files the key and image commands take, with errors that name the path. */
final class ImageFiles {

    private ImageFiles() {
    }

    /** The bytes of {@code path}; a missing or unreadable file ends the command with exit 1 naming it. */
    static byte[] read(Path path, String what) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new TernException(ExitCodes.FAILURE, what + " not found: " + path);
        } catch (IOException e) {
            throw new TernException(ExitCodes.FAILURE, "cannot read " + what + " " + path + ": " + e.getMessage(), e);
        }
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
        try {
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new TernException(ExitCodes.FAILURE, "cannot write " + what + " " + path + ": " + e.getMessage(), e);
        }
    }
}
