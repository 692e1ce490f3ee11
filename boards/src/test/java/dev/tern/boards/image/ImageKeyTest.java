package dev.tern.boards.image;

import static dev.tern.boards.image.ImageTestKeys.RFC8032;
import static dev.tern.boards.image.ImageTestKeys.RFC8032_TEST1_PUBLIC;
import static dev.tern.boards.image.ImageTestKeys.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

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
        // the form 'openssl ecparam -genkey' writes, made from a key generated for this test
        ImageKey generated = ImageKey.generate(KeyType.ECDSA_P256);
        byte[] spki = generated.publicKeyDer();
        byte[] sec1 = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) generated.privateKey()).getS(),
                new DERBitString(Arrays.copyOfRange(spki, spki.length - 65, spki.length)), X9ObjectIdentifiers.prime256v1)
                .getEncoded();

        ImageKey key = ImageKey.fromPem(pem("EC PRIVATE KEY", sec1));

        assertEquals(KeyType.ECDSA_P256, key.type());
        assertTrue(key.hasPrivateKey());
        assertArrayEquals(generated.publicKeyDer(), key.publicKeyDer());
    }

    @Test
    void refusesWhatIsNotAKeyOrNotASupportedKey() throws Exception {
        KeyFormatException none = assertThrows(KeyFormatException.class, () -> ImageKey.fromPem("hello"));
        assertTrue(none.getMessage().startsWith("no PEM key found"), none.getMessage());

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String rsa = pem("PUBLIC KEY", generator.generateKeyPair().getPublic().getEncoded());
        KeyFormatException unsupported = assertThrows(KeyFormatException.class, () -> ImageKey.fromPem(rsa));
        assertTrue(unsupported.getMessage().contains("(RSA) is not supported"), unsupported.getMessage());

        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        String ec384 = pem("PUBLIC KEY", p384.generateKeyPair().getPublic().getEncoded());
        KeyFormatException curve = assertThrows(KeyFormatException.class, () -> ImageKey.fromPem(ec384));
        assertTrue(curve.getMessage().startsWith("ECDSA key on curve 1.3.132.0.34 is not supported"), curve.getMessage());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @Test
    void keyHashPrefixNamesTheKeyInMessages() {
        assertEquals("ed25519 key sha256:" + ImageFormat.hex(RFC8032.keyHash()).substring(0, 16), RFC8032.toString());
    }
}
