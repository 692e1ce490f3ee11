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

import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;

class ImageInfoCommandTest {

    @TempDir
    Path dir;

    private Path image;

    @BeforeEach
    void signImage() throws Exception {
        Path key = writeKey(dir, "key.pem", RFC8032.privateKeyPem());
        Path payload = dir.resolve("fw.jar");
        Files.write(payload, new byte[] {'T', 'E', 'R', 'N'});
        image = dir.resolve("app.bin");
        Tern tern = Tern.run("image", "sign", "--key", key, "--version", "1.4.0+7", "-H", "0x20", "--security-counter", "3",
                payload, "-o", image);
        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
    }

    @Test
    void showsHeaderTlvsHashKeyHashAndSignatureType() {
        Tern tern = Tern.run("image", "info", image);

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        assertEquals(String.join(System.lineSeparator(),
                "image:            " + image + " (192 bytes)",
                "version:          1.4.0+7",
                "load address:     0x00000000",
                "header size:      0x20 (32)",
                "payload:          4 bytes at 0x20",
                "protected TLVs:   12 bytes",
                "flags:            none",
                "security counter: 3",
                "TLV area:         144 bytes at 0x30",
                "TLVs:",
                "  SEC_CNT       4 bytes at 0x0028 (protected)  03000000",
                "  SHA256       32 bytes at 0x0034  59f5286e7066fbb4995eff0e875332d401310d22076ddbe97f25000f61752b33",
                "  KEYHASH      32 bytes at 0x0058  06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9",
                "  ED25519      64 bytes at 0x007c  86132f7a1b0ca52b590fb2790470cde83656cbc42138c5afea72b8b486da694f...",
                "hash:             59f5286e7066fbb4995eff0e875332d401310d22076ddbe97f25000f61752b33 (matches the image)",
                "key hash:         06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9",
                "signature:        ed25519"), tern.out.strip());
    }

    @Test
    void jsonForScripts() {
        Tern tern = Tern.run("image", "info", image, "--json");

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        String json = tern.out.strip();
        assertTrue(json.startsWith("{\"file\":\"" + image + "\",\"fileSize\":192,\"version\":\"1.4.0+7\",\"loadAddress\":0,"
                + "\"headerSize\":32,\"payloadSize\":4,\"protectedTlvSize\":12,\"flags\":0,\"securityCounter\":3,"
                + "\"tlvAreaOffset\":48,\"tlvs\":[{\"type\":80,\"name\":\"SEC_CNT\",\"offset\":40,\"length\":4,"
                + "\"protected\":true,\"value\":\"03000000\"},"), json);
        assertTrue(json.endsWith("\"hash\":\"59f5286e7066fbb4995eff0e875332d401310d22076ddbe97f25000f61752b33\","
                + "\"hashMatches\":true,\"keyHash\":\"06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9\","
                + "\"signature\":\"ed25519\",\"trailingBytes\":0}"), json);
    }

    @Test
    void changedPayloadShowsTheHashMismatch() throws Exception {
        byte[] bytes = Files.readAllBytes(image);
        bytes[32] ^= 1;
        Files.write(image, bytes);

        Tern tern = Tern.run("image", "info", image);
        Tern json = Tern.run("image", "info", image, "--json");

        // shown in full, then INVALID with verify's exit code, as imgtool verify fails such an image
        assertEquals(ExitCodes.VERIFICATION_FAILED, tern.exitCode, tern.toString());
        assertTrue(tern.out.contains("(MISMATCH: the image hashes to "), tern.out);
        assertTrue(tern.out.contains("signature:        ed25519"), tern.out);
        assertEquals("tern image info: " + image + ": INVALID: its SHA-256 does not match the SHA256 TLV (changed after signing?); "
                + "'tern flash' and secure boot refuse it; sign it again", tern.err.strip());
        assertEquals(ExitCodes.VERIFICATION_FAILED, json.exitCode, json.toString());
        assertEquals(1, json.out.strip().lines().count(), "one JSON object: " + json.out);
        assertTrue(json.out.contains("\"hashMatches\":false"), json.out);
    }

    @Test
    void corruptImageExitsOneNamingFieldAndOffset() throws Exception {
        byte[] bytes = Files.readAllBytes(image);
        bytes[0] = 0;
        Files.write(image, bytes);

        Tern tern = Tern.run("image", "info", image);

        assertEquals(ExitCodes.FAILURE, tern.exitCode);
        assertEquals("tern image info: " + image + ": corrupt image: ih_magic at offset 0 (0x0): 0x96f3b800, "
                + "expected 0x96f3b83d (not an MCUboot image)", tern.err.strip());
    }

    @Test
    void imageHelpListsItsSubcommands() {
        Tern tern = Tern.run("image", "--help");

        assertEquals(ExitCodes.OK, tern.exitCode);
        assertTrue(tern.out.contains("sign") && tern.out.contains("verify") && tern.out.contains("info"), tern.out);
    }
}
