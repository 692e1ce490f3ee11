package dev.tern.host.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageParser;
import dev.tern.boards.image.ImageVerifier;
import dev.tern.boards.image.ImageVersion;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.image.McubootImage;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;

class ImageSignCommandTest {

    /** RFC 8032 section 7.1 TEST 1 secret key: published, never a real key. */
    static final ImageKey RFC8032 = ImageKey.ed25519FromSeed(
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    @TempDir
    Path dir;

    static Path writeKey(Path dir, String name, String pem) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, pem);
        return file;
    }

    private Path payload(int size) throws Exception {
        Path file = dir.resolve("firmware.jar");
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 7);
        }
        Files.write(file, bytes);
        return file;
    }

    @Test
    void signsWithDefaultsAndTheImageVerifiesWithTheKey() throws Exception {
        Path key = writeKey(dir, "key.pem", RFC8032.privateKeyPem());
        Path out = dir.resolve("app.bin");

        Tern tern = Tern.run("image", "sign", "--key", key, "--version", "1.4.0", payload(1000), "-o", out);

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        assertEquals("signed " + dir.resolve("firmware.jar") + " -> " + out + ": version 1.4.0+0, payload 1000 bytes, image "
                + (0x200 + 1000 + 144) + " bytes, " + RFC8032, tern.out.strip());
        McubootImage image = ImageParser.parse(Files.readAllBytes(out));
        assertEquals(0x200, image.header().headerSize());
        assertFalse(image.securityCounter().isPresent());
        assertTrue(new ImageVerifier(List.of(RFC8032)).verify(Files.readAllBytes(out)).ok());
    }

    @Test
    void aPayloadThatIsNotAFirmwareJarIsSignedWithAWarningThatNoBoardCanStartIt() throws Exception {
        Path key = writeKey(dir, "key.pem", RFC8032.privateKeyPem());
        Path out = dir.resolve("app.bin");

        Tern tern = Tern.run("image", "sign", "--key", key, "--version", "1.4.0", payload(1000), "-o", out);

        assertEquals(ExitCodes.OK, tern.exitCode, "imgtool signs any payload, and so does tern: " + tern);
        assertTrue(Files.exists(out));
        assertTrue(tern.err.startsWith("tern image sign: warning: " + dir.resolve("firmware.jar") + " is not a jar"), tern.err);
        assertTrue(tern.err.contains("'tern flash' refuses it unless --any-payload"), tern.err);
    }

    @Test
    void everyLayoutOptionReachesTheImage() throws Exception {
        ImageKey ecdsa = ImageKey.generate(KeyType.ECDSA_P256);
        Path key = writeKey(dir, "ec.pem", ecdsa.privateKeyPem());
        Path out = dir.resolve("app.bin");

        Tern tern = Tern.run("image", "sign", "-k", key, "--version", "2.1.3+44", "--header-size", "0x400",
                "--load-address", "0x20010000", "--security-counter", "auto", "--slot-size", "16K", "--pad", "--confirm",
                payload(100), "-o", out);

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        byte[] bytes = Files.readAllBytes(out);
        McubootImage image = ImageParser.parse(bytes);
        assertEquals(16384, bytes.length);
        assertEquals(0x400, image.header().headerSize());
        assertEquals(0x20010000L, image.header().loadAddress());
        assertEquals("RAM_LOAD", image.header().flagNames());
        assertEquals(new ImageVersion(2, 1, 3, 44), image.version());
        assertEquals((2L << 24) + (1L << 16) + 3, image.securityCounter().getAsLong());
        assertEquals(0x01, bytes[bytes.length - 24]); // image_ok
        assertTrue(new ImageVerifier(List.of(ecdsa)).verify(bytes).ok());
    }

    @Test
    void payloadTooLargeForTheSlotSaysByHowMuch() throws Exception {
        Path key = writeKey(dir, "key.pem", RFC8032.privateKeyPem());

        Tern tern = Tern.run("image", "sign", "--key", key, "--version", "1", "--slot-size", "0x400", payload(1000),
                "-o", dir.resolve("app.bin"));

        assertEquals(ExitCodes.FAILURE, tern.exitCode);
        assertTrue(tern.err.contains("image of 1656 bytes (0x678) + trailer of 432 bytes exceeds the slot size 1024 (0x400) "
                + "by 1064 bytes (is --slot-size right for this board?)"), tern.err);
        assertFalse(Files.exists(dir.resolve("app.bin")));
    }

    @Test
    void publicKeyCannotSign() throws Exception {
        Path key = writeKey(dir, "pub.pem", RFC8032.publicKeyPem());

        Tern tern = Tern.run("image", "sign", "--key", key, "--version", "1", payload(10), "-o", dir.resolve("a.bin"));

        assertEquals(ExitCodes.FAILURE, tern.exitCode);
        assertEquals("tern image sign: key file " + key + " holds a public ed25519 key; signing needs the private key "
                + "(made by 'tern keygen')", tern.err.strip());
    }

    @Test
    void missingPayloadAndMissingKeyNameThePath() throws Exception {
        Path key = writeKey(dir, "key.pem", RFC8032.privateKeyPem());

        Tern noPayload = Tern.run("image", "sign", "--key", key, "--version", "1", dir.resolve("nope.jar"), "-o", dir.resolve("a"));
        Tern noKey = Tern.run("image", "sign", "--key", dir.resolve("nokey.pem"), "--version", "1", payload(1), "-o", dir.resolve("a"));

        assertEquals(ExitCodes.USAGE, noPayload.exitCode);
        assertEquals("tern image sign: payload " + dir.resolve("nope.jar") + " does not exist; check the path", noPayload.err.strip());
        assertEquals(ExitCodes.USAGE, noKey.exitCode);
        assertEquals("tern image sign: key file " + dir.resolve("nokey.pem") + " does not exist; check the path", noKey.err.strip());
    }

    @Test
    void notAKeyFileIsAFailureNamingTheFile() throws Exception {
        Path key = writeKey(dir, "key.pem", "not a key");

        Tern tern = Tern.run("image", "sign", "--key", key, "--version", "1", payload(1), "-o", dir.resolve("a"));

        assertEquals(ExitCodes.FAILURE, tern.exitCode);
        assertTrue(tern.err.contains("key file " + key + ": no PEM key found"), tern.err);
    }

    @Test
    void badVersionAndPadWithoutSlotAreUsageErrors() throws Exception {
        Path key = writeKey(dir, "key.pem", RFC8032.privateKeyPem());

        Tern version = Tern.run("image", "sign", "--key", key, "--version", "1.300", payload(1), "-o", dir.resolve("a"));
        Tern pad = Tern.run("image", "sign", "--key", key, "--version", "1", "--pad", payload(1), "-o", dir.resolve("a"));
        Tern header = Tern.run("image", "sign", "--key", key, "--version", "1", "-H", "16", payload(1), "-o", dir.resolve("a"));

        assertEquals(ExitCodes.USAGE, version.exitCode);
        assertTrue(version.err.contains("'1.300' is not an image version"), version.err);
        assertEquals(ExitCodes.USAGE, pad.exitCode);
        assertTrue(pad.err.contains("--pad needs --slot-size"), pad.err);
        assertEquals(ExitCodes.USAGE, header.exitCode);
        assertTrue(header.err.contains("header size=0x10 must be 0x20..0xffff"), header.err);
    }
}
