package dev.tern.boards.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DevPkiTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final CertValidity YEAR = CertValidity.days(NOW, 365);
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private static final CertifiedKey CA = DevPki.createCa("Tern test CA", PkiKeyType.ECDSA_P256, YEAR);

    @Test
    void brokerChainVerifiesAgainstItsCa() throws Exception {
        CertifiedKey broker = DevPki.issueBroker(CA, "broker.tern.test", PkiKeyType.ECDSA_P256, YEAR);

        validate(broker.chain(), CA, NOW);

        assertEquals(2, broker.chain().size());
        assertEquals("SHA256withECDSA", broker.certificate().getSigAlgName());
        assertEquals("CN=broker.tern.test", broker.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void brokerCertificateNamesItsHostAndLoopbackAndIsForServers() throws Exception {
        CertifiedKey broker = DevPki.issueBroker(CA, "broker.tern.test", PkiKeyType.ECDSA_P256, YEAR);

        Set<String> names = new HashSet<>();
        for (List<?> name : broker.certificate().getSubjectAlternativeNames()) {
            names.add(name.get(0) + ":" + name.get(1)); // 2 = dNSName, 7 = iPAddress
        }
        assertEquals(Set.of("2:broker.tern.test", "7:127.0.0.1"), names);
        assertEquals(List.of(SERVER_AUTH), broker.certificate().getExtendedKeyUsage());
        assertEquals(-1, broker.certificate().getBasicConstraints());
    }

    @Test
    void brokerForAnAddressNamesItAsAnAddressOnce() throws Exception {
        CertifiedKey broker = DevPki.issueBroker(CA, "127.0.0.1", PkiKeyType.ECDSA_P256, YEAR);

        assertEquals(List.of(List.of(7, "127.0.0.1")), List.copyOf(broker.certificate().getSubjectAlternativeNames()));
    }

    @Test
    void deviceCertificateIsNamedByTheBoardIdAndIsForClients() throws Exception {
        CertifiedKey device = DevPki.issueDevice(CA, "vb-0042", PkiKeyType.ECDSA_P256, YEAR);

        validate(device.chain(), CA, NOW);
        assertEquals("CN=vb-0042", device.certificate().getSubjectX500Principal().getName());
        assertEquals(List.of(CLIENT_AUTH), device.certificate().getExtendedKeyUsage());
        assertEquals(null, device.certificate().getSubjectAlternativeNames());
    }

    @Test
    void caIsACaAndSignsCertificates() {
        X509Certificate ca = CA.certificate();

        assertEquals(0, ca.getBasicConstraints()); // a CA with no intermediate below it
        assertTrue(ca.getKeyUsage()[5], "keyCertSign");
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
    }

    @Test
    void rsaChainsVerify() throws Exception {
        CertifiedKey rsaCa = DevPki.createCa("Tern RSA CA", PkiKeyType.RSA_2048, YEAR);
        CertifiedKey broker = DevPki.issueBroker(rsaCa, "broker.tern.test", PkiKeyType.RSA_2048, YEAR);

        validate(broker.chain(), rsaCa, NOW);
        assertEquals("SHA256withRSA", broker.certificate().getSigAlgName());
        assertEquals(PkiKeyType.RSA_2048, broker.keyType());
        assertTrue(broker.certificate().getKeyUsage()[2], "keyEncipherment for RSA key exchange");
    }

    @Test
    void ecdsaLeafUnderAnRsaCaVerifies() throws Exception {
        CertifiedKey rsaCa = DevPki.createCa("Tern RSA CA", PkiKeyType.RSA_2048, YEAR);
        CertifiedKey device = DevPki.issueDevice(rsaCa, "vb-1", PkiKeyType.ECDSA_P256, YEAR);

        validate(device.chain(), rsaCa, NOW);
        assertEquals("SHA256withRSA", device.certificate().getSigAlgName());
        assertEquals(PkiKeyType.ECDSA_P256, device.keyType());
    }

    @Test
    void expiredAndNotYetValidCertificatesAreRefusedAtTheirDates() {
        CertifiedKey expired = DevPki.issueBroker(CA, "b", PkiKeyType.ECDSA_P256,
                new CertValidity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))));
        CertifiedKey future = DevPki.issueBroker(CA, "b", PkiKeyType.ECDSA_P256,
                new CertValidity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))));

        CertPathValidatorException old = assertThrows(CertPathValidatorException.class,
                () -> validate(expired.chain(), CA, NOW));
        CertPathValidatorException early = assertThrows(CertPathValidatorException.class,
                () -> validate(future.chain(), CA, NOW));

        assertInstanceOf(CertificateExpiredException.class, old.getCause());
        assertInstanceOf(CertificateNotYetValidException.class, early.getCause());
    }

    @Test
    void certificatesOfAnotherCaAndSelfSignedOnesDoNotVerify() {
        CertifiedKey otherCa = DevPki.createCa("Someone else", PkiKeyType.ECDSA_P256, YEAR);
        CertifiedKey stranger = DevPki.issueBroker(otherCa, "broker.tern.test", PkiKeyType.ECDSA_P256, YEAR);
        CertifiedKey selfSigned = DevPki.selfSignedBroker("broker.tern.test", PkiKeyType.ECDSA_P256, YEAR);

        assertThrows(CertPathValidatorException.class, () -> validate(stranger.chain().subList(0, 1), CA, NOW));
        assertThrows(CertPathValidatorException.class, () -> validate(selfSigned.chain(), CA, NOW));
        assertEquals(selfSigned.certificate().getSubjectX500Principal(), selfSigned.certificate().getIssuerX500Principal());
    }

    @Test
    void namesThatWouldInjectAttributesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> DevPki.issueDevice(CA, "vb-1,O=Evil", PkiKeyType.ECDSA_P256, YEAR));
        assertThrows(IllegalArgumentException.class, () -> DevPki.createCa("", PkiKeyType.ECDSA_P256, YEAR));
    }

    @Test
    void toStringNeverShowsTheKey() {
        String text = CA.toString();

        assertEquals("CertifiedKey[CN=Tern test CA, ECDSA_P256]", text);
    }

    /** PKIX validation by the JDK, without revocation (a development CA publishes no CRL), at {@code at}. */
    static void validate(List<X509Certificate> chain, CertifiedKey ca, Instant at) throws Exception {
        List<X509Certificate> path = chain.get(chain.size() - 1).equals(ca.certificate())
                ? chain.subList(0, chain.size() - 1) : chain;
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path),
                parameters);
    }
}
