package dev.tern.host.cert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

import dev.tern.boards.tls.PkiKeyType;

/** Whether a private key belongs to a certificate: the key signs, the certificate's public key verifies (EC and RSA alike). */
public final class KeyMatch {

    private static final byte[] PROBE = "tern: does this key belong to this certificate?".getBytes(StandardCharsets.US_ASCII);

    private KeyMatch() {
    }

    public static boolean belongs(PrivateKey key, X509Certificate certificate) {
        try {
            PkiKeyType type = PkiKeyType.of(certificate.getPublicKey());
            if (!type.keyAlgorithm().equals(key.getAlgorithm())) {
                return false;
            }
            Signature signer = Signature.getInstance(type.signatureAlgorithm());
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(type.signatureAlgorithm());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
