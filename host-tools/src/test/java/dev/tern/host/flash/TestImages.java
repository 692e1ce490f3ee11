package dev.tern.host.flash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageSigner;
import dev.tern.boards.image.ImageTooLargeException;
import dev.tern.boards.image.ImageVersion;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.image.SignOptions;

/** Signed MCUboot images of a given payload size, written to files for {@code tern flash}. */
final class TestImages {

    static final ImageKey KEY = ImageKey.generate(KeyType.ED25519);
    private static final BoardDefinition VIRTUAL = new BoardLoader().load("virtual");

    private TestImages() {
    }

    /** Random (seeded) payload bytes, signed with {@link #KEY} as version 1.2.3. */
    static byte[] signed(int payloadBytes, long seed) {
        byte[] payload = new byte[payloadBytes];
        new Random(seed).nextBytes(payload);
        return sign(payload);
    }

    static byte[] sign(byte[] payload) {
        try {
            return new ImageSigner(SignOptions.defaults(ImageVersion.parse("1.2.3"))).sign(payload, KEY);
        } catch (ImageTooLargeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many of the virtual board's flash pages an image of {@code length} bytes in its app slot takes. */
    static int appPages(int length) {
        FlashGeometry geometry = VIRTUAL.flash().geometry();
        long start = VIRTUAL.appSlot().address();
        return geometry.pageAt(start + length - 1) - geometry.pageAt(start) + 1;
    }

    /** {@code 1 page}, {@code 3 pages}: as tern flash counts them. */
    static String pages(int count) {
        return count + (count == 1 ? " page" : " pages");
    }

    static Path write(Path folder, String name, byte[] bytes) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    static Path publicKey(Path folder) throws IOException {
        Path file = folder.resolve("trusted.pem");
        Files.writeString(file, KEY.publicKeyPem(), StandardCharsets.US_ASCII);
        return file;
    }
}
