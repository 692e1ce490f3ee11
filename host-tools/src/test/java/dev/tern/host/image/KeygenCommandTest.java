package dev.tern.host.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.image.ImageFormat;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;

class KeygenCommandTest {

    @TempDir
    Path dir;

    @Test
    void makesAnEd25519Pkcs8KeyReadableByItsOwnerOnly() throws Exception {
        Path key = dir.resolve("dev-key.pem");

        Tern tern = Tern.run("keygen", "-o", key);

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String pem = Files.readString(key, StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem);
        ImageKey read = ImageKey.fromPem(pem);
        assertEquals(KeyType.ED25519, read.type());
        assertTrue(tern.out.contains("wrote ed25519 private key to " + key + " (readable by its owner only)"), tern.out);
        assertTrue(tern.out.contains("key hash sha256:" + ImageFormat.hex(read.keyHash())), tern.out);
    }

    @Test
    void ecdsaP256WithThePublicKeyExported() throws Exception {
        Path key = dir.resolve("k.pem");
        Path pub = dir.resolve("k.pub.pem");

        Tern tern = Tern.run("keygen", "-o", key, "--type", "ecdsa-p256", "--public", pub);

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        ImageKey privateKey = ImageKey.fromPem(Files.readString(key));
        ImageKey publicKey = ImageKey.fromPem(Files.readString(pub));
        assertEquals(KeyType.ECDSA_P256, privateKey.type());
        assertFalse(publicKey.hasPrivateKey());
        assertEquals(ImageFormat.hex(privateKey.keyHash()), ImageFormat.hex(publicKey.keyHash()));
        assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    void thePublicKeyOnThePrivateKeysPathIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path key = dir.resolve("k.pem");
        Files.createDirectory(dir.resolve("sub"));
        Path existing = dir.resolve("old.pem");
        Files.writeString(existing, "the key in use");
        Path linkToExisting = Files.createSymbolicLink(dir.resolve("old-link.pem"), existing);
        Path linkToNew = Files.createSymbolicLink(dir.resolve("new-link.pem"), Path.of("k.pem"));

        Tern same = Tern.run("keygen", "-o", key, "--public", key);
        Tern spelled = Tern.run("keygen", "-o", key, "--public", dir.resolve("sub/../k.pem"));
        Tern danglingLink = Tern.run("keygen", "-o", key, "--public", linkToNew);
        Tern forcedThroughLink = Tern.run("keygen", "-o", existing, "--public", linkToExisting, "--force");

        for (Tern tern : new Tern[] {same, spelled, danglingLink, forcedThroughLink}) {
            assertEquals(ExitCodes.USAGE, tern.exitCode, tern.toString());
            assertTrue(tern.err.contains("are the same file: the public key would replace the private key"), tern.err);
        }
        assertFalse(Files.exists(key), "nothing written");
        assertEquals("the key in use", Files.readString(existing));
    }

    @Test
    void refusesToOverwriteAKeyWithoutForce() throws Exception {
        Path key = dir.resolve("k.pem");
        Files.writeString(key, "precious");

        Tern tern = Tern.run("keygen", "-o", key);

        assertEquals(ExitCodes.FAILURE, tern.exitCode);
        assertEquals("tern keygen: " + key + " exists; refusing to overwrite a key (use --force to replace it)",
                tern.err.strip());
        assertEquals("precious", Files.readString(key));
    }

    @Test
    void forceReplacesTheKeyAndStillRestrictsIt() throws Exception {
        Path key = dir.resolve("k.pem");
        Files.writeString(key, "old");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        Tern tern = Tern.run("keygen", "-o", key, "--force");

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void unknownKeyTypeIsAUsageError() {
        Tern tern = Tern.run("keygen", "-o", dir.resolve("k.pem"), "--type", "rsa-2048");

        assertEquals(ExitCodes.USAGE, tern.exitCode);
        assertTrue(tern.err.contains("'rsa-2048' is not a key type (ed25519 or ecdsa-p256)"), tern.err);
    }

    @Test
    void missingOutputIsAUsageError() {
        Tern tern = Tern.run("keygen");

        assertEquals(ExitCodes.USAGE, tern.exitCode);
        assertTrue(tern.err.contains("Missing required option: '--output=FILE'"), tern.err);
    }

    @Test
    void aKeyInAFolderThatDoesNotExistIsAnInputErrorSaidInWords() {
        Path key = dir.resolve("nonexistent").resolve("k.pem");
        Tern tern = Tern.run("keygen", "-o", key);

        assertEquals(ExitCodes.USAGE, tern.exitCode, tern.toString());
        assertEquals("tern keygen: private key " + key + ": the folder " + key.getParent() + " does not exist; create it or "
                + "pick another path", tern.err.strip());
    }
}
