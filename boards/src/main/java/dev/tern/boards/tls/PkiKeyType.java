package dev.tern.boards.tls;

/** The key algorithms the development PKI makes: what boards' TLS stacks commonly verify. */
public enum PkiKeyType {
    /** ECDSA on NIST P-256 (secp256r1), signed with SHA-256: small certificates, fast on a board. */
    ECDSA_P256("EC", "SHA256withECDSA"),
    /** RSA with a 2048-bit modulus, signed with SHA-256 (PKCS#1 v1.5): what many public CAs still issue. */
    RSA_2048("RSA", "SHA256withRSA");

    private final String keyAlgorithm;
    private final String signatureAlgorithm;

    PkiKeyType(String keyAlgorithm, String signatureAlgorithm) {
        this.keyAlgorithm = keyAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The JCA key algorithm name ("EC", "RSA"). */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The JCA name of the signature a key of this type makes on the certificates it issues. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The type of {@code key}'s algorithm; RSA keys of any size count as RSA_2048's family. */
    public static PkiKeyType of(java.security.Key key) {
        if ("EC".equals(key.getAlgorithm())) {
            return ECDSA_P256;
        }
        if ("RSA".equals(key.getAlgorithm())) {
            return RSA_2048;
        }
        throw new IllegalArgumentException("key algorithm=" + key.getAlgorithm() + " is not EC or RSA");
    }
}
