package dev.tern.boards.image;

import static dev.tern.boards.image.ImageTestKeys.RFC8032;
import static dev.tern.boards.image.ImageTestKeys.RFC8032_TEST1_PUBLIC;
import static dev.tern.boards.image.ImageTestKeys.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ImageKeyTest {

    @Test
    void rfc8032SeedGivesThePublishedPublicKey() {
        byte[] spki = RFC8032.publicKeyDer();

        assertArrayEquals(RFC8032_TEST1_PUBLIC, Arrays.copyOfRange(spki, 12, 44));
    }

    @Test
    void privatePemIsPkcs8AndReadsBackWithItsPublicHalf() throws Exception {
        String pem = RFC8032.privateKeyPem();

        assertEquals("-----BEGIN PRIVATE KEY-----\n"
                + "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
                + "-----END PRIVATE KEY-----\n", pem.replace("\r\n", "\n"));
        ImageKey read = ImageKey.fromPem(pem);
        assertTrue(read.hasPrivateKey());
        assertEquals(KeyType.ED25519, read.type());
        assertArrayEquals(RFC8032.keyHash(), read.keyHash());
    }

    @Test
    void publicPemIsSubjectPublicKeyInfo() throws Exception {
        String pem = RFC8032.publicKeyPem();

        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem);
        ImageKey read = ImageKey.fromPem(pem);
        assertFalse(read.hasPrivateKey());
        assertArrayEquals(RFC8032.publicKeyDer(), read.publicKeyDer());
        assertThrows(IllegalStateException.class, read::privateKey);
    }

    @Test
    void ecdsaKeyRoundTripsAndDerivesTheSamePublicKey() throws Exception {
        ImageKey key = ImageKey.generate(KeyType.ECDSA_P256);

        ImageKey read = ImageKey.fromPem(key.privateKeyPem());

        assertEquals(KeyType.ECDSA_P256, read.type());
        assertArrayEquals(key.publicKeyDer(), read.publicKeyDer());
        assertEquals(91, read.publicKeyDer().length); // SEQ { id-ecPublicKey, prime256v1 }, uncompressed point
        assertArrayEquals(hex("3059301306072a8648ce3d020106082a8648ce3d030107034200 04"),
                Arrays.copyOf(read.publicKeyDer(), 27));
        assertArrayEquals(key.publicKeyDer(), ImageKey.fromPem(key.publicKeyPem()).publicKeyDer());
    }

    @Test
    void opensslSec1EcPrivateKeyIsRead() throws Exception {
        // openssl ecparam -name prime256v1 -genkey -noout: a throwaway key made for this test
        String pem = "-----BEGIN EC PRIVATE KEY-----\n"
                + "MHcCAQEEIDQ3o8lfyj9fvXAyvYkgqzZ9+kcLQeiDhYYWt8DdPXSroAoGCCqGSM49\n"
                + "AwEHoUQDQgAEgHSeRDKBVm3FfkcgxBHRUPPa2z3z8MyDgh6ubtafdp1iXEzpRzhF\n"
                + "zFwmGJMbI0U6/1LjtuXSvsxrCNwv8jh3gA==\n"
                + "-----END EC PRIVATE KEY-----\n";

        ImageKey key = ImageKey.fromPem(pem);

        assertEquals(KeyType.ECDSA_P256, key.type());
        assertTrue(key.hasPrivateKey());
    }

    @Test
    void refusesWhatIsNotAKeyOrNotASupportedKey() {
        KeyFormatException none = assertThrows(KeyFormatException.class, () -> ImageKey.fromPem("hello"));
        assertTrue(none.getMessage().startsWith("no PEM key found"), none.getMessage());

        // RSA public key (a 512-bit throwaway): the type is named
        String rsa = "-----BEGIN PUBLIC KEY-----\n"
                + "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAMFo8gSi6UZCcyRv6c3JEs7XaSSO0ZAf\n"
                + "NWhtMebOeu3vC2mSZ82rSQcpzQ7TO5J2+iiPRXxNhxcQtPQLzwFmUxcCAwEAAQ==\n"
                + "-----END PUBLIC KEY-----\n";
        KeyFormatException unsupported = assertThrows(KeyFormatException.class, () -> ImageKey.fromPem(rsa));
        assertTrue(unsupported.getMessage().contains("(RSA) is not supported"), unsupported.getMessage());
    }

    @Test
    void keyHashPrefixNamesTheKeyInMessages() {
        assertEquals("ed25519 key sha256:" + ImageFormat.hex(RFC8032.keyHash()).substring(0, 16), RFC8032.toString());
    }
}
