package dev.tern.boards.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * A development PKI: a CA, broker (server) certificates for a host name, and device (client)
 * certificates whose CN is the board's id. BouncyCastle's PKIX builds the certificates, the JDK
 * makes the keys and signs; no provider is installed globally.
 *
 * <p>For development and tests only: the keys live in memory and in the PEM files `tern cert`
 * writes, with nothing (HSM, revocation, audit) that a production CA has.
 */
public final class DevPki {

    /** The address every broker certificate also names, so a board can reach a broker on loopback. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final SecureRandom RANDOM = new SecureRandom();

    private DevPki() {
    }

    /** A fresh key pair of {@code type}. */
    public static KeyPair generateKey(PkiKeyType type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type.keyAlgorithm());
            if (type == PkiKeyType.ECDSA_P256) {
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            } else {
                generator.initialize(2048, RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + type + " keys", e);
        }
    }

    /** A self-signed CA named CN={@code commonName}, able to sign certificates (no intermediates below it). */
    public static CertifiedKey createCa(String commonName, PkiKeyType type, CertValidity validity) {
        KeyPair key = generateKey(type);
        X500Principal name = commonName(commonName);
        X509v3CertificateBuilder builder = builder(name, name, key, validity);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(key.getPublic()));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("CA extensions failed", e);
        }
        return new CertifiedKey(List.of(sign(builder, key, type)), key.getPrivate());
    }

    /**
     * A broker certificate signed by {@code ca}: CN and subjectAltName {@code hostName} (a DNS name,
     * or an IP address if it is one) and IP 127.0.0.1, extended key usage serverAuth.
     */
    public static CertifiedKey issueBroker(CertifiedKey ca, String hostName, PkiKeyType type, CertValidity validity) {
        KeyPair key = generateKey(type);
        X509v3CertificateBuilder builder = builder(ca.certificate().getSubjectX500Principal(),
                commonName(hostName), key, validity);
        leafExtensions(builder, ca, key, type, KeyPurposeId.id_kp_serverAuth);
        addSubjectAltNames(builder, hostName);
        return new CertifiedKey(chain(sign(builder, ca), ca), key.getPrivate());
    }

    /** A device certificate signed by {@code ca}: CN={@code boardId}, extended key usage clientAuth. */
    public static CertifiedKey issueDevice(CertifiedKey ca, String boardId, PkiKeyType type, CertValidity validity) {
        KeyPair key = generateKey(type);
        X509v3CertificateBuilder builder = builder(ca.certificate().getSubjectX500Principal(),
                commonName(boardId), key, validity);
        leafExtensions(builder, ca, key, type, KeyPurposeId.id_kp_clientAuth);
        return new CertifiedKey(chain(sign(builder, ca), ca), key.getPrivate());
    }

    /** A broker certificate that signs itself, with no CA: what a board must refuse unless it trusts it. */
    public static CertifiedKey selfSignedBroker(String hostName, PkiKeyType type, CertValidity validity) {
        KeyPair key = generateKey(type);
        X500Principal name = commonName(hostName);
        X509v3CertificateBuilder builder = builder(name, name, key, validity);
        try {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        } catch (CertIOException e) {
            throw new IllegalStateException("extensions failed", e);
        }
        addSubjectAltNames(builder, hostName);
        return new CertifiedKey(List.of(sign(builder, key, type)), key.getPrivate());
    }

    private static X509v3CertificateBuilder builder(X500Principal issuer, X500Principal subject, KeyPair key,
            CertValidity validity) {
        // a positive 63-bit serial: unique enough for a development CA, within RFC 5280's 20 octets
        BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(validity.notBefore()),
                Date.from(validity.notAfter()), subject, key.getPublic());
    }

    private static void leafExtensions(X509v3CertificateBuilder builder, CertifiedKey ca, KeyPair key, PkiKeyType type,
            KeyPurposeId purpose) {
        // RSA key exchange (TLS 1.2's TLS_RSA_*) needs keyEncipherment; ECDSA keys only sign
        int usage = type == PkiKeyType.RSA_2048
                ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(key.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(ca.certificate()));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("certificate extensions failed", e);
        }
    }

    private static void addSubjectAltNames(X509v3CertificateBuilder builder, String hostName) {
        List<GeneralName> names = new ArrayList<>();
        boolean address = IPAddress.isValid(hostName);
        names.add(new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, hostName));
        if (!LOOPBACK.equals(hostName)) {
            names.add(new GeneralName(GeneralName.iPAddress, LOOPBACK));
        }
        try {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
        } catch (CertIOException e) {
            throw new IllegalStateException("subjectAltName failed for host=" + hostName, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, CertifiedKey ca) {
        return sign(builder, new KeyPair(ca.certificate().getPublicKey(), ca.privateKey()), ca.keyType());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer, PkiKeyType signerType) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(signerType.signatureAlgorithm()).build(signer.getPrivate())));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("signing with " + signerType + " failed", e);
        }
    }

    private static List<X509Certificate> chain(X509Certificate leaf, CertifiedKey ca) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(ca.chain());
        return chain;
    }

    private static X500Principal commonName(String commonName) {
        if (commonName.isEmpty() || commonName.indexOf(',') >= 0 || commonName.indexOf('=') >= 0) {
            throw new IllegalArgumentException("commonName=" + commonName + " must be non-empty, without ',' or '='");
        }
        return new X500Principal("CN=" + commonName);
    }
}
