package dev.tern.boards.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key with its certificate chain, leaf first (a CA's own chain is its one certificate).
 * What the development PKI issues, and what a board or a broker presents in a TLS handshake.
 */
public record CertifiedKey(List<X509Certificate> chain, PrivateKey privateKey) {

    public CertifiedKey {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certified key needs at least its own certificate");
        }
    }

    /** The leaf: the certificate of this key. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The key's type, from its certificate's public key. */
    public PkiKeyType keyType() {
        return PkiKeyType.of(certificate().getPublicKey());
    }

    /** Never the key: records print their components, and a key must not reach a log. */
    @Override
    public String toString() {
        return "CertifiedKey[" + certificate().getSubjectX500Principal().getName() + ", " + keyType() + "]";
    }
}
