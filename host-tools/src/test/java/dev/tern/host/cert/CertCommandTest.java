package dev.tern.host.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.tls.Pem;
import dev.tern.boards.tls.PublicKeyPin;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;

/** {@code tern cert ca | broker | device} through the command line. */
@Timeout(60)
class CertCommandTest {

    @TempDir
    Path folder;

    private Path file(String name) {
        return folder.resolve(name);
    }

    private static List<X509Certificate> certificates(Path file) throws Exception {
        return Pem.readCertificates(Files.readString(file));
    }

    private Tern ca() {
        return Tern.run("cert", "ca", "-o", file("ca.pem"), "--key-out", file("ca-key.pem"));
    }

    @Test
    void aCaSignsABrokerAndADeviceWhoseChainsTheJdkValidates() throws Exception {
        Tern ca = ca();
        assertEquals(ExitCodes.OK, ca.exitCode, ca.toString());
        assertEquals("wrote CA certificate CN=Tern development CA (ecdsa-p256, 365 days) to " + file("ca.pem") + "\n"
                + "wrote its private key to " + file("ca-key.pem") + " (readable by its owner only)\n", ca.out);
        Tern broker = Tern.run("cert", "broker", "--host", "broker.example", "--ca", file("ca.pem"), "--ca-key", file("ca-key.pem"),
                "-o", file("broker.pem"), "--key-out", file("broker-key.pem"), "--days", "30");
        assertEquals(ExitCodes.OK, broker.exitCode, broker.toString());
        X509Certificate brokerCertificate = certificates(file("broker.pem")).get(0);
        assertTrue(broker.out.contains("broker key pin sha256:" + PublicKeyPin.hex(PublicKeyPin.of(brokerCertificate))
                + " (for tern flash --broker-pin)"), broker.out);
        assertTrue(brokerCertificate.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("broker.example")));
        Tern device = Tern.run("cert", "device", "--board-id", "tern-2ee85b0a", "--type", "rsa-2048", "--ca", file("ca.pem"),
                "--ca-key", file("ca-key.pem"), "-o", file("device.pem"), "--key-out", file("device-key.pem"));
        assertEquals(ExitCodes.OK, device.exitCode, device.toString());
        X509Certificate deviceCertificate = certificates(file("device.pem")).get(0);
        assertEquals("CN=tern-2ee85b0a", deviceCertificate.getSubjectX500Principal().getName());
        assertTrue(deviceCertificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");
        assertEquals(2048, ((RSAPublicKey) deviceCertificate.getPublicKey()).getModulus().bitLength());
        assertTrue(KeyMatch.belongs(Pem.readPrivateKey(Files.readString(file("device-key.pem"))), deviceCertificate),
                "the key written is the certificate's");

        X509Certificate root = certificates(file("ca.pem")).get(0);
        PKIXParameters trust = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        trust.setRevocationEnabled(false);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        validator.validate(factory.generateCertPath(List.of(brokerCertificate)), trust);
        validator.validate(factory.generateCertPath(List.of(deviceCertificate)), trust);

        for (String key : List.of("ca-key.pem", "broker-key.pem", "device-key.pem")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file(key))), key);
        }
        assertFalse(Files.readString(file("device.pem")).contains("PRIVATE KEY"), "no key in the certificate file");
    }

    @Test
    void existingFilesAreKeptWithoutForceAndReplacedWithIt() throws Exception {
        assertEquals(ExitCodes.OK, ca().exitCode);
        byte[] before = Files.readAllBytes(file("ca-key.pem"));
        Tern again = ca();
        assertEquals(ExitCodes.FAILURE, again.exitCode, again.toString());
        assertTrue(again.err.contains(file("ca.pem") + " exists; refusing to overwrite"), again.err);
        assertEquals(new String(before, StandardCharsets.US_ASCII), Files.readString(file("ca-key.pem")), "key untouched");
        Tern forced = Tern.run("cert", "ca", "-o", file("ca.pem"), "--key-out", file("ca-key.pem"), "--force", "--name", "Other CA");
        assertEquals(ExitCodes.OK, forced.exitCode, forced.toString());
        assertEquals("CN=Other CA", certificates(file("ca.pem")).get(0).getSubjectX500Principal().getName());
        Tern same = Tern.run("cert", "ca", "-o", file("x.pem"), "--key-out", file("./x.pem"));
        assertEquals(ExitCodes.USAGE, same.exitCode, same.toString());
        assertTrue(same.err.contains("are the same file"), same.err);
    }

    @Test
    void aMissingCaAKeyOfAnotherCertificateANonCaAndAnEncryptedKeyAreEachSaid() throws Exception {
        assertEquals(ExitCodes.OK, ca().exitCode);
        Tern missing = Tern.run("cert", "device", "--board-id", "b1", "--ca", file("nope.pem"), "--ca-key", file("ca-key.pem"),
                "-o", file("d.pem"), "--key-out", file("dk.pem"));
        assertEquals(ExitCodes.USAGE, missing.exitCode, missing.toString());
        assertTrue(missing.err.contains("nope.pem does not exist"), missing.err);

        Tern broker = Tern.run("cert", "broker", "--host", "localhost", "--ca", file("ca.pem"), "--ca-key", file("ca-key.pem"),
                "-o", file("b.pem"), "--key-out", file("bk.pem"));
        assertEquals(ExitCodes.OK, broker.exitCode, broker.toString());
        Tern wrongKey = Tern.run("cert", "device", "--board-id", "b1", "--ca", file("ca.pem"), "--ca-key", file("bk.pem"),
                "-o", file("d.pem"), "--key-out", file("dk.pem"));
        assertEquals(ExitCodes.USAGE, wrongKey.exitCode, wrongKey.toString());
        assertTrue(wrongKey.err.contains("--ca-key " + file("bk.pem") + " is not the key of the CA in " + file("ca.pem")),
                wrongKey.err);
        Tern notCa = Tern.run("cert", "device", "--board-id", "b1", "--ca", file("b.pem"), "--ca-key", file("bk.pem"),
                "-o", file("d.pem"), "--key-out", file("dk.pem"));
        assertEquals(ExitCodes.USAGE, notCa.exitCode, notCa.toString());
        assertTrue(notCa.err.contains("CN=localhost is not a CA certificate"), notCa.err);

        // a password-protected CA key (openssl's PKCS#8 with AES-256-CBC): tern reads unencrypted keys only
        JceOpenSSLPKCS8EncryptorBuilder encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC);
        encryptor.setPassword("secret".toCharArray());
        encryptor.setProvider(new BouncyCastleProvider()); // the JDK has no AES/CBC/PKCS7Padding; no global provider
        StringWriter encrypted = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(encrypted)) {
            writer.writeObject(new JcaPKCS8Generator(Pem.readPrivateKey(Files.readString(file("ca-key.pem"))), encryptor.build()));
        }
        Files.writeString(file("ca-key-encrypted.pem"), encrypted.toString());
        Tern locked = Tern.run("cert", "device", "--board-id", "b1", "--ca", file("ca.pem"), "--ca-key", file("ca-key-encrypted.pem"),
                "-o", file("d.pem"), "--key-out", file("dk.pem"));
        assertEquals(ExitCodes.USAGE, locked.exitCode, locked.toString());
        assertTrue(locked.err.contains("the key is encrypted; tern reads unencrypted keys only"), locked.err);
        assertFalse(Files.exists(file("d.pem")) || Files.exists(file("dk.pem")), "nothing written after a refusal");

        Tern badId = Tern.run("cert", "device", "--board-id", "a b", "--ca", file("ca.pem"), "--ca-key", file("ca-key.pem"),
                "-o", file("d.pem"), "--key-out", file("dk.pem"));
        assertEquals(ExitCodes.USAGE, badId.exitCode, badId.toString());
        Tern badType = Tern.run("cert", "ca", "-o", file("c2.pem"), "--key-out", file("k2.pem"), "--type", "dsa");
        assertEquals(ExitCodes.USAGE, badType.exitCode, badType.toString());
        assertTrue(badType.err.contains("--type must be ecdsa-p256 or rsa-2048"), badType.err);
    }
}
