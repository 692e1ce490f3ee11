package dev.tern.host.flash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageSigner;
import dev.tern.boards.image.ImageTooLargeException;
import dev.tern.boards.image.ImageVersion;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.image.SignOptions;
import dev.tern.hal.Firmware;

/** Signed MCUboot images of a given payload size, written to files for {@code tern flash}. */
final class TestImages {

    static final ImageKey KEY = ImageKey.generate(KeyType.ED25519);
    private static final BoardDefinition VIRTUAL = new BoardLoader().load("virtual");

    private TestImages() {
    }

    /**
     * A firmware jar of about {@code payloadBytes} (its class is random, seeded bytes: the tests'
     * boards check images, they start no firmware), signed with {@link #KEY} as version 1.2.3.
     */
    static byte[] signed(int payloadBytes, long seed) {
        return signed(payloadBytes, seed, "1.2.3");
    }

    /** The same, as {@code version}. */
    static byte[] signed(int payloadBytes, long seed, String version) {
        byte[] classBytes = new byte[payloadBytes];
        new Random(seed).nextBytes(classBytes);
        return sign(firmwareJar(classBytes), version);
    }

    /** A jar whose manifest names {@code test.App} as its Tern-Firmware class, holding it. */
    static byte[] firmwareJar(byte[] classBytes) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(Firmware.MANIFEST_ATTRIBUTE, "test.App");
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
            out.putNextEntry(new JarEntry("test/App.class"));
            out.write(classBytes);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar.toByteArray();
    }

    static byte[] sign(byte[] payload) {
        return sign(payload, "1.2.3");
    }

    static byte[] sign(byte[] payload, String version) {
        try {
            return new ImageSigner(SignOptions.defaults(ImageVersion.parse(version))).sign(payload, KEY);
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
