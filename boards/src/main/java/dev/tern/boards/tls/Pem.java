package dev.tern.boards.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Certificates ({@code CERTIFICATE}) and private keys (PKCS#8 {@code PRIVATE KEY}, unencrypted) to
 * and from PEM, as mosquitto, openssl and the boards' TLS stacks read them. Keys in the older
 * openssl forms ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}) are read too.
 */
public final class Pem {

    private Pem() {
    }

    /** One {@code -----BEGIN CERTIFICATE-----} block. */
    public static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException("certificate would not encode", e);
        }
    }

    /** The certificates one after another, in the order given (a chain: leaf first). */
    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            text.append(certificate(certificate));
        }
        return text.toString();
    }

    /** PKCS#8 {@code -----BEGIN PRIVATE KEY-----}, unencrypted: keep the text out of logs and git. */
    public static String privateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** Every certificate in {@code pem}, in order; other PEM blocks are skipped. At least one, or it throws. */
    public static List<X509Certificate> readCertificates(String pem) throws PemFormatException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(x509(holder.getEncoded()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new PemFormatException("not PEM certificates (" + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new PemFormatException("no PEM certificate found (expected -----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** The first private key in {@code pem}: PKCS#8, or openssl's SEC1 EC and PKCS#1 RSA forms. */
    public static PrivateKey readPrivateKey(String pem) throws PemFormatException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return jdkKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return jdkKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                    throw new PemFormatException("the key is encrypted; tern reads unencrypted keys only "
                            + "(decrypt it with: openssl pkey -in KEY -out PLAIN)");
                }
            }
        } catch (IOException | RuntimeException e) {
            // the message of a parser error never holds key bytes, only what was expected
            throw new PemFormatException("not a PEM private key (" + e.getMessage() + ")", e);
        }
        throw new PemFormatException("no PEM private key found (expected -----BEGIN PRIVATE KEY-----)");
    }

    private static X509Certificate x509(byte[] der) throws PemFormatException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new PemFormatException("the JDK refused a certificate (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey jdkKey(PrivateKeyInfo info) throws PemFormatException, IOException {
        String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        String algorithm;
        switch (oid) {
            case "1.2.840.10045.2.1": algorithm = "EC"; break;
            case "1.2.840.113549.1.1.1": algorithm = "RSA"; break;
            default: throw new PemFormatException("private key algorithm=" + oid + " is not EC or RSA");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new PemFormatException("the JDK refused the " + algorithm + " private key", e);
        }
    }

    /** One {@code -----BEGIN label-----} block of {@code der}: the one PEM writer of the boards module. */
    public static String block(String label, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(label, der));
        } catch (IOException e) {
            throw new IllegalStateException("writing PEM to a string failed", e);
        }
        return text.toString();
    }
}
