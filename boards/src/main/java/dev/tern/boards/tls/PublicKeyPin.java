package dev.tern.boards.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The pin of a broker's public key: SHA-256 of its DER SubjectPublicKeyInfo (as HPKP, RFC 7469,
 * and curl's --pinnedpubkey define it). A pin survives re-issuing the certificate with the same key.
 */
public final class PublicKeyPin {

    /** Bytes of a pin. */
    public static final int LENGTH = 32;

    private PublicKeyPin() {
    }

    /** The pin of {@code certificate}'s public key. */
    public static byte[] of(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The pin as 64 lower-case hex digits, as a board's console and `tern` show it. */
    public static String hex(byte[] pin) {
        return HexFormat.of().formatHex(pin);
    }
}
