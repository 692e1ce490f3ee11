package dev.tern.boards.virtual;

import static dev.tern.boards.virtual.BoardFixture.LINE;
import static dev.tern.boards.virtual.BoardFixture.preload;
import static dev.tern.boards.virtual.BoardFixture.startConnected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageParser;
import dev.tern.boards.image.ImageSigner;
import dev.tern.boards.image.ImageVersion;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.image.McubootImage;
import dev.tern.boards.image.SignOptions;
import dev.tern.boards.virtual.BoardFixture.Started;

/**
 * Secure boot with real MCUboot images: signed with a key the board trusts, the image boots;
 * changed in any part, unsigned, signed by another key or older than the last one booted, it
 * does not, and the console says why while the board stays in its bootloader.
 */
@Timeout(120)
class SecureBootTest {

    private static final ImageKey TRUSTED = ImageKey.generate(KeyType.ED25519);
    private static final ImageKey OTHER = ImageKey.generate(KeyType.ED25519);

    @TempDir
    Path folder;

    private VirtualBoardOptions options(ImageKey... trusted) {
        List<byte[]> keys = java.util.Arrays.stream(trusted)
                .map(k -> k.publicKeyPem().getBytes(StandardCharsets.US_ASCII)).toList();
        return VirtualBoardOptions.of(folder.resolve("flash.bin"), new McubootImageCheck())
                .trustedKeys(keys)
                .syncWindow(Duration.ofMillis(50));
    }

    private static byte[] signed(String version, ImageKey key) throws Exception {
        return new ImageSigner(SignOptions.defaults(ImageVersion.parse(version))).sign(TestFirmwareJar.build(version), key);
    }

    @Test
    void signedImageWrittenThroughTheBootloaderBootsAndRuns() throws Exception {
        try (Started started = startConnected(options(TRUSTED).boot0(true))) {
            BoardFixture.flash(started.link(), signed("1.4.0", TRUSTED));
            started.link().awaitText("boot: image 1.4.0+0 verified (" + TRUSTED.publicOnly() + ")\r\n", LINE);
            started.link().awaitText("test firmware 1.4.0 on virtual\r\n", LINE);
        }
    }

    @Test
    void ecdsaP256SignedImageBootsToo() throws Exception {
        ImageKey ecdsa = ImageKey.generate(KeyType.ECDSA_P256);
        preload(folder.resolve("flash.bin"), signed("1.0.0", ecdsa));
        try (Started started = startConnected(options(TRUSTED, ecdsa))) {
            started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
        }
    }

    /** One changed byte in the header, the header padding, the payload, the hash TLV and the signature. */
    @ParameterizedTest
    @ValueSource(strings = {"header", "padding", "payload", "hash", "signature"})
    void imageWithOneChangedByteIsRefusedAndTheConsoleSaysWhy(String part) throws Exception {
        byte[] image = signed("1.0.0", TRUSTED);
        McubootImage parsed = ImageParser.parse(image);
        int hashTlv = parsed.tlvAreaOffset() + 4 + 4; // TLV info, then type/length of the first TLV (SHA256)
        int offset = switch (part) {
            case "header" -> 20;                                    // ih_ver: the version the board would run
            case "padding" -> 100;                                  // inside the hashed 0x200-byte header
            case "payload" -> parsed.header().headerSize() + 40;    // inside the firmware jar
            case "hash" -> hashTlv + 3;                             // the SHA256 TLV's value
            default -> image.length - 5;                            // the signature's last bytes
        };
        image[offset] ^= 0x01;
        preload(folder.resolve("flash.bin"), image);

        try (Started started = startConnected(options(TRUSTED))) {
            String line = started.link().awaitText("staying in bootloader\r\n", LINE);
            assertTrue(line.startsWith("boot: refused: REFUSED ("), line);
            assertTrue(line.contains("hash mismatch") || line.contains("bad signature"), line);
            assertEquals(An3155.ACK, new An3155Host(started.link()).sync(), "the board waits in its bootloader");
            assertFalse(started.link().transcript().contains("test firmware"), "a changed image ran");
        }
    }

    @Test
    void unsignedImageIsRefused() throws Exception {
        byte[] unsigned = new ImageSigner(SignOptions.defaults(ImageVersion.parse("1.0.0")))
                .unsigned(TestFirmwareJar.build("1.0.0"));
        preload(folder.resolve("flash.bin"), unsigned);
        try (Started started = startConnected(options(TRUSTED))) {
            String line = started.link().awaitText("staying in bootloader\r\n", LINE);
            assertTrue(line.contains("REFUSED (unsigned image)"), line);
            assertFalse(started.link().transcript().contains("test firmware"));
        }
    }

    @Test
    void imageSignedWithAnotherKeyIsRefused() throws Exception {
        preload(folder.resolve("flash.bin"), signed("1.0.0", OTHER));
        try (Started started = startConnected(options(TRUSTED))) {
            String line = started.link().awaitText("staying in bootloader\r\n", LINE);
            assertTrue(line.contains("REFUSED (untrusted key)"), line);
            assertFalse(started.link().transcript().contains("test firmware"));
        }
    }

    @Test
    void noProvisionedKeyMeansNothingBoots() throws Exception {
        preload(folder.resolve("flash.bin"), signed("1.0.0", TRUSTED));
        try (Started started = startConnected(options())) {
            String line = started.link().awaitText("staying in bootloader\r\n", LINE);
            assertTrue(line.contains("no public key is provisioned"), line);
        }
    }

    @Test
    void signedDowngradeIsRefusedAfterANewerImageBooted() throws Exception {
        preload(folder.resolve("flash.bin"), signed("2.0.0", TRUSTED));
        try (Started started = startConnected(options(TRUSTED))) {
            started.link().awaitText("test firmware 2.0.0 on virtual\r\n", LINE);
            started.link().sendLine("bootloader");
            started.link().awaitText("bye\r\n", LINE);
            BoardFixture.flash(started.link(), signed("1.9.9", TRUSTED));
            String line = started.link().awaitText("staying in bootloader\r\n", LINE);
            assertTrue(line.contains("lower than 2.0.0+0"), line);
            assertFalse(started.link().transcript().contains("test firmware 1.9.9"));
        }
    }
}
