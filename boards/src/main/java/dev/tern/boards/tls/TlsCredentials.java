package dev.tern.boards.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The trust material of one board's TLS: what it trusts and who it is. Tests pass it in; a
 * board's credentials region (written by {@code tern flash}) will supply it.
 */
public interface TlsCredentials {

    /** The CA certificates the board trusts for the broker; at least one. */
    List<X509Certificate> trustedCas();

    /** The board's own certificate chain, leaf first; empty when the board has no certificate. */
    List<X509Certificate> deviceChain();

    /** The private key of {@link #deviceChain()}'s leaf; null when the board has no certificate. */
    PrivateKey deviceKey();

    /** The SHA-256 of the broker's SubjectPublicKeyInfo ({@link PublicKeyPin}), or null when not pinned. */
    byte[] brokerKeyPin();

    /** Credentials from these parts; {@code device} and {@code pin} may be null. */
    static TlsCredentials of(List<X509Certificate> trustedCas, CertifiedKey device, byte[] pin) {
        return new FixedTlsCredentials(trustedCas, device == null ? List.of() : device.chain(),
                device == null ? null : device.privateKey(), pin);
    }
}
