package dev.tern.boards.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;

class PemTest {

    private static final CertValidity YEAR = CertValidity.days(Instant.parse("2026-06-01T12:00:00Z"), 365);
    private static final CertifiedKey CA = DevPki.createCa("Tern test CA", PkiKeyType.ECDSA_P256, YEAR);
    private static final CertifiedKey DEVICE = DevPki.issueDevice(CA, "vb-7", PkiKeyType.ECDSA_P256, YEAR);

    @Test
    void chainRoundTripsInOrder() throws Exception {
        String pem = Pem.certificates(DEVICE.chain());

        List<X509Certificate> read = Pem.readCertificates(pem);

        assertEquals(DEVICE.chain(), read);
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
    }

    @Test
    void privateKeyIsPkcs8AndStillSignsForItsCertificate() throws Exception {
        String pem = Pem.privateKey(DEVICE.privateKey());

        PrivateKey read = Pem.readPrivateKey(pem);

        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem);
        assertArrayEquals(DEVICE.privateKey().getEncoded(), read.getEncoded());
        assertTrue(signsFor(read, DEVICE.certificate()));
    }

    @Test
    void rsaPrivateKeyRoundTrips() throws Exception {
        CertifiedKey rsa = DevPki.issueDevice(CA, "vb-8", PkiKeyType.RSA_2048, YEAR);

        PrivateKey read = Pem.readPrivateKey(Pem.privateKey(rsa.privateKey()));

        assertEquals("RSA", read.getAlgorithm());
        assertTrue(signsFor(read, rsa.certificate()));
    }

    @Test
    void opensslSec1EcKeyIsRead() throws Exception {
        // 'openssl ecparam -genkey' writes a SEC1 ECPrivateKey naming its curve
        byte[] sec1 = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) DEVICE.privateKey()).getS(),
                X9ObjectIdentifiers.prime256v1).getEncoded();

        PrivateKey read = Pem.readPrivateKey(pem("EC PRIVATE KEY", sec1));

        assertTrue(signsFor(read, DEVICE.certificate()));
    }

    @Test
    void certificatesAmongOtherBlocksAreFoundAndKeysAmongCertificates() throws Exception {
        String mixed = Pem.privateKey(DEVICE.privateKey()) + Pem.certificates(DEVICE.chain());

        assertEquals(DEVICE.chain(), Pem.readCertificates(mixed));
        assertTrue(signsFor(Pem.readPrivateKey(Pem.certificate(CA.certificate()) + mixed), DEVICE.certificate()));
    }

    @Test
    void textWithoutWhatWasAskedForIsRefusedWithoutEchoingIt() {
        String keyPem = Pem.privateKey(DEVICE.privateKey());

        PemFormatException noCertificate = assertThrows(PemFormatException.class, () -> Pem.readCertificates(keyPem));
        PemFormatException noKey = assertThrows(PemFormatException.class,
                () -> Pem.readPrivateKey(Pem.certificate(CA.certificate())));
        assertThrows(PemFormatException.class, () -> Pem.readCertificates("hello"));
        assertThrows(PemFormatException.class, () -> Pem.readPrivateKey(
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));

        String body = keyPem.split("\n")[1].trim();
        assertFalse(noCertificate.getMessage().contains(body), noCertificate.getMessage());
        assertTrue(noKey.getMessage().contains("no PEM private key"), noKey.getMessage());
    }

    @Test
    void encryptedKeysAreRefusedWithAHint() {
        PemFormatException refused = assertThrows(PemFormatException.class,
                () -> Pem.readPrivateKey(pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00})));

        assertTrue(refused.getMessage().contains("not a PEM private key") || refused.getMessage().contains("encrypted"),
                refused.getMessage());
    }

    @Test
    void pinIsTheSha256OfTheKeyAndSurvivesPem() throws Exception {
        CertifiedKey broker = DevPki.issueBroker(CA, "b.test", PkiKeyType.ECDSA_P256, YEAR);
        CertifiedKey other = DevPki.issueBroker(CA, "b.test", PkiKeyType.ECDSA_P256, YEAR);

        byte[] pin = PublicKeyPin.of(Pem.readCertificates(Pem.certificate(broker.certificate())).get(0));

        assertEquals(PublicKeyPin.LENGTH, pin.length);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(broker.certificate().getPublicKey().getEncoded()), pin);
        assertNotEquals(PublicKeyPin.hex(pin), PublicKeyPin.hex(PublicKeyPin.of(other.certificate())));
        assertEquals(64, PublicKeyPin.hex(pin).length());
    }

    private static boolean signsFor(PrivateKey key, X509Certificate certificate) throws Exception {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        return verifier.verify(signature);
    }

    private static String pem(String label, byte[] der) throws Exception {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(label, der));
        }
        return text.toString();
    }
}
