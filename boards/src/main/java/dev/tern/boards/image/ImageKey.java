package dev.tern.boards.image;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import dev.tern.boards.tls.Pem;

/**
 * A signing key (private, with its public half) or a trusted key (public only), Ed25519 or ECDSA
 * P-256, read from and written to PEM as imgtool does: PKCS#8 {@code PRIVATE KEY} and
 * SubjectPublicKeyInfo {@code PUBLIC KEY}; {@code EC PRIVATE KEY} (SEC1, as openssl writes it) is
 * read too. The JDK signs and verifies; BouncyCastle parses PEM and derives a public key from a
 * private one, which the JDK cannot.
 */
public final class ImageKey {

    /** id-Ed25519 (RFC 8410). */
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private final KeyType type;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final byte[] publicKeyDer;

    private ImageKey(KeyType type, PublicKey publicKey, PrivateKey privateKey) {
        this.type = type;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.publicKeyDer = publicKey.getEncoded();
    }

    /** A fresh key pair from the JDK's strong random source. */
    public static ImageKey generate(KeyType type) {
        try {
            KeyPairGenerator generator;
            if (type == KeyType.ED25519) {
                generator = KeyPairGenerator.getInstance("Ed25519");
            } else {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            KeyPair pair = generator.generateKeyPair();
            return new ImageKey(type, pair.getPublic(), pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + type + " keys", e);
        }
    }

    /** The Ed25519 key whose 32-byte private seed is {@code seed} (RFC 8032 section 5.1.5). */
    public static ImageKey ed25519FromSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("seed length=" + seed.length + ", Ed25519 seeds are 32 bytes");
        }
        try {
            return fromPrivateKeyInfo(new PrivateKeyInfo(
                    new AlgorithmIdentifier(ID_ED25519), new DEROctetString(seed)));
        } catch (KeyFormatException | IOException e) {
            throw new IllegalStateException("Ed25519 seed did not make a key", e);
        }
    }

    /** Reads the first key in {@code pem}: a private key (with its public half) or a public key. */
    public static ImageKey fromPem(String pem) throws KeyFormatException {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new KeyFormatException("not a PEM key (" + e.getMessage() + ")", e);
        }
        try {
            if (object instanceof PrivateKeyInfo info) {
                return fromPrivateKeyInfo(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return fromPrivateKeyInfo(pair.getPrivateKeyInfo());
            }
            if (object instanceof SubjectPublicKeyInfo info) {
                KeyType type = typeOf(info.getAlgorithm());
                return new ImageKey(type, publicKey(type, info.getEncoded()), null);
            }
        } catch (IOException e) {
            throw new KeyFormatException("unreadable key (" + e.getMessage() + ")", e);
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
            throw new KeyFormatException("the key is encrypted; tern reads unencrypted keys only "
                    + "(decrypt it with: openssl pkey -in KEY -out PLAIN)");
        }
        if (object == null) {
            throw new KeyFormatException("no PEM key found (expected -----BEGIN PRIVATE KEY----- or -----BEGIN PUBLIC KEY-----)");
        }
        throw new KeyFormatException("a " + object.getClass().getSimpleName()
                + " is not a key (expected PRIVATE KEY or PUBLIC KEY)");
    }

    public KeyType type() {
        return type;
    }

    public boolean hasPrivateKey() {
        return privateKey != null;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public PrivateKey privateKey() {
        if (privateKey == null) {
            throw new IllegalStateException("this " + type + " key is public only");
        }
        return privateKey;
    }

    /** The same key without its private half, as provisioned into a board. */
    public ImageKey publicOnly() {
        return privateKey == null ? this : new ImageKey(type, publicKey, null);
    }

    /** The DER SubjectPublicKeyInfo: what imgtool embeds and hashes (44 bytes Ed25519, 91 bytes P-256). */
    public byte[] publicKeyDer() {
        return publicKeyDer.clone();
    }

    /** SHA-256 of {@link #publicKeyDer()}: the KEYHASH TLV value. */
    public byte[] keyHash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(publicKeyDer);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** PKCS#8 {@code -----BEGIN PRIVATE KEY-----}, unencrypted. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey().getEncoded());
    }

    /** SubjectPublicKeyInfo {@code -----BEGIN PUBLIC KEY-----}. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKeyDer);
    }

    @Override
    public String toString() {
        return type + " key sha256:" + ImageFormat.hex(keyHash()).substring(0, 16);
    }

    private static ImageKey fromPrivateKeyInfo(PrivateKeyInfo info) throws KeyFormatException, IOException {
        KeyType type = typeOf(info.getPrivateKeyAlgorithm());
        AsymmetricKeyParameter parameters = PrivateKeyFactory.createKey(info);
        AsymmetricKeyParameter publicParameters;
        byte[] privateDer;
        if (parameters instanceof Ed25519PrivateKeyParameters ed) {
            publicParameters = ed.generatePublicKey();
            // re-encoded as PKCS#8 v1 (seed only): the JDK's KeyFactory refuses some v2 encodings
            privateDer = new PrivateKeyInfo(new AlgorithmIdentifier(ID_ED25519),
                    new DEROctetString(ed.getEncoded())).getEncoded();
        } else if (parameters instanceof ECPrivateKeyParameters ec) {
            BigInteger d = ec.getD();
            publicParameters = new ECPublicKeyParameters(
                    new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), d).normalize(),
                    ec.getParameters());
            privateDer = info.getEncoded();
        } else {
            throw new KeyFormatException("unsupported private key " + parameters.getClass().getSimpleName());
        }
        byte[] spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicParameters).getEncoded();
        try {
            KeyFactory factory = factory(type);
            return new ImageKey(type, factory.generatePublic(new X509EncodedKeySpec(spki)),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer)));
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("the JDK refused the " + type + " key (" + e.getMessage() + ")", e);
        }
    }

    private static KeyType typeOf(AlgorithmIdentifier algorithm) throws KeyFormatException {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (ID_ED25519.equals(oid)) {
            return KeyType.ED25519;
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            Object curve = algorithm.getParameters();
            if (X9ObjectIdentifiers.prime256v1.equals(curve)) {
                return KeyType.ECDSA_P256;
            }
            throw new KeyFormatException("ECDSA key on curve " + curve
                    + " is not supported; images are signed with ed25519 or ecdsa-p256 (prime256v1)");
        }
        throw new KeyFormatException("key algorithm " + oid + name(oid)
                + " is not supported; images are signed with ed25519 or ecdsa-p256");
    }

    private static String name(ASN1ObjectIdentifier oid) {
        switch (oid.getId()) {
            case "1.2.840.113549.1.1.1": return " (RSA)";
            case "1.3.101.113": return " (Ed448)";
            case "1.3.101.110": return " (X25519)";
            default: return "";
        }
    }

    private static PublicKey publicKey(KeyType type, byte[] spki) throws KeyFormatException {
        try {
            return factory(type).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("the JDK refused the " + type + " public key (" + e.getMessage() + ")", e);
        }
    }

    private static KeyFactory factory(KeyType type) throws NoSuchAlgorithmException {
        return KeyFactory.getInstance(type == KeyType.ED25519 ? "Ed25519" : "EC");
    }

    private static String pem(String label, byte[] der) {
        return Pem.block(label, der);
    }
}
