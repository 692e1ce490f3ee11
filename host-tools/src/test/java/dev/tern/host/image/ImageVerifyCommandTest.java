package dev.tern.host.image;

import static dev.tern.host.image.ImageSignCommandTest.RFC8032;
import static dev.tern.host.image.ImageSignCommandTest.writeKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;

class ImageVerifyCommandTest {

    @TempDir
    Path dir;

    private Path privateKey;
    private Path publicKey;
    private Path image;

    @BeforeEach
    void signImage() throws Exception {
        privateKey = writeKey(dir, "key.pem", RFC8032.privateKeyPem());
        publicKey = writeKey(dir, "key.pub.pem", RFC8032.publicKeyPem());
        Path payload = dir.resolve("fw.jar");
        Files.write(payload, new byte[] {'T', 'E', 'R', 'N'});
        image = dir.resolve("app.bin");
        Tern tern = Tern.run("image", "sign", "--key", privateKey, "--version", "1.4.0+7", "-H", "0x20",
                "--security-counter", "3", payload, "-o", image);
        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
    }

    @Test
    void validImageExitsZeroWithPublicOrPrivateKey() {
        for (Path key : new Path[] {publicKey, privateKey}) {
            Tern tern = Tern.run("image", "verify", "--key", key, image);

            assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
            assertEquals(image + ": OK: image 1.4.0+7 (security counter 3), ed25519 signature by trusted " + RFC8032.publicOnly(),
                    tern.out.strip());
        }
    }

    @Test
    void flippedPayloadByteExitsFourSayingTheHashDiffers() throws Exception {
        byte[] bytes = Files.readAllBytes(image);
        bytes[33] ^= 1;
        Files.write(image, bytes);

        Tern tern = Tern.run("image", "verify", "--key", publicKey, image);

        assertEquals(ExitCodes.VERIFICATION_FAILED, tern.exitCode);
        assertTrue(tern.err.startsWith("tern image verify: " + image + ": REFUSED (hash mismatch): SHA-256 of the first 48 bytes"),
                tern.err);
    }

    @Test
    void flippedSignatureByteExitsFour() throws Exception {
        byte[] bytes = Files.readAllBytes(image);
        bytes[bytes.length - 1] ^= 1;
        Files.write(image, bytes);

        Tern tern = Tern.run("image", "verify", "--key", publicKey, image);

        assertEquals(ExitCodes.VERIFICATION_FAILED, tern.exitCode);
        assertTrue(tern.err.contains("REFUSED (bad signature): ED25519 signature at offset 124 does not verify"), tern.err);
    }

    @Test
    void truncatedImageExitsFourNamingFieldAndOffset() throws Exception {
        byte[] bytes = Files.readAllBytes(image);
        Files.write(image, java.util.Arrays.copyOf(bytes, 100));

        Tern tern = Tern.run("image", "verify", "--key", publicKey, image);

        assertEquals(ExitCodes.VERIFICATION_FAILED, tern.exitCode);
        assertTrue(tern.err.contains("REFUSED (malformed image): TLV it_tlv_tot at offset 50 (0x32): TLV area of 144 bytes"),
                tern.err);
    }

    @Test
    void otherKeyAndOtherKeyTypeExitFour() throws Exception {
        Path other = writeKey(dir, "other.pem", ImageKey.generate(KeyType.ED25519).publicKeyPem());
        Path ecdsa = writeKey(dir, "ec.pem", ImageKey.generate(KeyType.ECDSA_P256).publicKeyPem());

        Tern untrusted = Tern.run("image", "verify", "--key", other, image);
        Tern wrongType = Tern.run("image", "verify", "--key", ecdsa, image);

        assertEquals(ExitCodes.VERIFICATION_FAILED, untrusted.exitCode);
        assertTrue(untrusted.err.contains("REFUSED (untrusted key): signed by ed25519 key sha256:"), untrusted.err);
        assertEquals(ExitCodes.VERIFICATION_FAILED, wrongType.exitCode);
        assertTrue(wrongType.err.contains("REFUSED (wrong key type): the image has a ed25519 signature"), wrongType.err);
    }

    @Test
    void severalKeysAnyOneWillDo() throws Exception {
        Path other = writeKey(dir, "other.pem", ImageKey.generate(KeyType.ECDSA_P256).publicKeyPem());

        Tern tern = Tern.run("image", "verify", "--key", other, "--key", publicKey, image);

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
    }

    @Test
    void downgradeAndSecurityCounterExitFour() {
        Tern version = Tern.run("image", "verify", "--key", publicKey, "--min-version", "1.5", image);
        Tern counter = Tern.run("image", "verify", "--key", publicKey, "--min-security-counter", "4", image);
        Tern same = Tern.run("image", "verify", "--key", publicKey, "--min-version", "1.4.0+99", "--min-security-counter", "3", image);

        assertEquals(ExitCodes.VERIFICATION_FAILED, version.exitCode);
        assertTrue(version.err.contains("REFUSED (downgrade): version 1.4.0+7 is lower than the minimum 1.5.0+0"), version.err);
        assertEquals(ExitCodes.VERIFICATION_FAILED, counter.exitCode);
        assertTrue(counter.err.contains("REFUSED (security counter too low): security counter 3 is lower than the minimum 4"),
                counter.err);
        assertEquals(ExitCodes.OK, same.exitCode, same.toString());
    }

    @Test
    void unsignedImageExitsFour() throws Exception {
        byte[] unsigned = new dev.tern.boards.image.ImageSigner(dev.tern.boards.image.SignOptions.defaults(
                dev.tern.boards.image.ImageVersion.parse("1"))).unsigned(new byte[10]);
        Files.write(image, unsigned);

        Tern tern = Tern.run("image", "verify", "--key", publicKey, image);

        assertEquals(ExitCodes.VERIFICATION_FAILED, tern.exitCode);
        assertTrue(tern.err.contains("REFUSED (unsigned image)"), tern.err);
    }

    @Test
    void missingImageIsAnInputErrorWithThePath() {
        Tern tern = Tern.run("image", "verify", "--key", publicKey, dir.resolve("none.bin"));

        assertEquals(ExitCodes.USAGE, tern.exitCode);
        assertEquals("tern image verify: image " + dir.resolve("none.bin") + " does not exist; check the path", tern.err.strip());
    }

    @Test
    void jsonGivesTheVerdictForScriptsWithTheSameExitCode() throws Exception {
        Tern valid = Tern.run("image", "verify", "--key", publicKey, image, "--json");
        assertEquals(ExitCodes.OK, valid.exitCode, valid.toString());
        assertTrue(valid.out.startsWith("{\"file\":\"" + image + "\",\"ok\":true,\"verdict\":\"VALID\",\"reason\":\""), valid.out);
        assertTrue(valid.out.strip().endsWith(",\"version\":\"1.4.0+7\"}"), valid.out);

        byte[] bytes = Files.readAllBytes(image);
        bytes[32] ^= 1;
        Files.write(image, bytes);
        Tern refused = Tern.run("image", "verify", "--key", publicKey, image, "--json");
        assertEquals(ExitCodes.VERIFICATION_FAILED, refused.exitCode, refused.toString());
        assertTrue(refused.out.startsWith("{\"file\":\"" + image + "\",\"ok\":false,\"verdict\":\"HASH_MISMATCH\""), refused.out);
        assertEquals(1, refused.out.strip().lines().count(), refused.out);
        assertTrue(refused.err.contains("REFUSED (hash mismatch)"), refused.err);
    }

    @Test
    void keyIsRequired() {
        Tern tern = Tern.run("image", "verify", image);

        assertEquals(ExitCodes.USAGE, tern.exitCode);
        assertTrue(tern.err.contains("Missing required option: '--key=KEY'"), tern.err);
    }
}
