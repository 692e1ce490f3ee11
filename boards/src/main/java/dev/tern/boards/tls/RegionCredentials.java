package dev.tern.boards.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tern.app.CredentialsRegion;

/**
 * {@link TlsCredentials} from a board's credentials region as the firmware's reader left it
 * ({@link CredentialsRegion}, status OK): DER certificates and the PKCS#8 key turned into the
 * JDK's types for {@link TlsTransport}.
 */
public final class RegionCredentials {

    private RegionCredentials() {
    }

    /**
     * @throws IllegalArgumentException when the region was not read OK, or a certificate or the key
     *         does not parse (the message names the piece, never its bytes)
     */
    public static TlsCredentials of(CredentialsRegion region) {
        if (CredentialsRegion.OK != region.status()) {
            throw new IllegalArgumentException("credentials region status=" + CredentialsRegion.name(region.status()));
        }
        byte[] bytes = region.bytes();
        List<X509Certificate> cas = new ArrayList<>();
        for (int i = 0; i < region.caCount(); i++) {
            cas.add(certificate(bytes, region.caOffset(i), region.caLength(i), "CA certificate " + i));
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (int i = 0; i < region.chainCount(); i++) {
            chain.add(certificate(bytes, region.chainOffset(i), region.chainLength(i), "device certificate " + i));
        }
        PrivateKey key = region.hasDeviceKey() ? key(bytes, region.keyOffset(), region.keyLength(), chain.get(0)) : null;
        byte[] pin = region.hasBrokerPin()
                ? Arrays.copyOfRange(bytes, region.pinOffset(), region.pinOffset() + CredentialsRegion.PIN_LENGTH) : null;
        return new FixedTlsCredentials(cas, chain, key, pin);
    }

    private static X509Certificate certificate(byte[] bytes, int offset, int length, String what) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes, offset, length));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("credentials region: " + what + " is not an X.509 certificate", e);
        }
    }

    /** PKCS#8 of the leaf's algorithm (EC or RSA). */
    private static PrivateKey key(byte[] bytes, int offset, int length, X509Certificate leaf) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Arrays.copyOfRange(bytes, offset, offset + length));
        try {
            return KeyFactory.getInstance(leaf.getPublicKey().getAlgorithm()).generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("credentials region: the device key is not a PKCS#8 "
                    + leaf.getPublicKey().getAlgorithm() + " key", e);
        }
    }
}
