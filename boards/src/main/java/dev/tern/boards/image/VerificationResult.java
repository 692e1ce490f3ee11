package dev.tern.boards.image;

/**
 * What {@link ImageVerifier} decided and why, in words a board console or {@code tern image verify}
 * prints as they are.
 *
 * @param verdict the outcome; only {@link Verdict#VALID} may boot
 * @param reason  what was checked or what failed, naming the field, offset or key
 * @param image   the parsed image, or null when it could not be parsed
 * @param key     the trusted key whose signature verified, or null
 */
public record VerificationResult(Verdict verdict, String reason, McubootImage image, ImageKey key) {

    /** Every outcome of a verification; all but VALID refuse the image. */
    public enum Verdict {
        /** Hash, key and signature check out and the version is allowed: boot it. */
        VALID("OK"),
        /** The bytes are not a well-formed image (bad magic, truncated, lengths inconsistent). */
        MALFORMED("malformed image"),
        /** Well formed, but uses what Tern does not check (encryption, SHA-384/512, RSA, pure signatures). */
        UNSUPPORTED("unsupported image"),
        /** The SHA-256 of header, payload and protected TLVs differs from the SHA256 TLV. */
        HASH_MISMATCH("hash mismatch"),
        /** No signature TLV: an image made without a key. */
        UNSIGNED("unsigned image"),
        /** The signature's scheme is not that of any trusted key. */
        KEY_TYPE_MISMATCH("wrong key type"),
        /** Signed by a key that is not trusted (its key hash matches none). */
        UNTRUSTED_KEY("untrusted key"),
        /** The key is trusted, the signature does not verify with it. */
        BAD_SIGNATURE("bad signature"),
        /** The version is lower than the minimum (the last version booted). */
        DOWNGRADE("downgrade"),
        /** The security counter is missing or lower than the minimum. */
        SECURITY_COUNTER_TOO_LOW("security counter too low");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean ok() {
        return verdict == Verdict.VALID;
    }

    /** One line: {@code OK: ...} or {@code REFUSED (bad signature): ...}. */
    @Override
    public String toString() {
        return ok() ? "OK: " + reason : "REFUSED (" + verdict.label() + "): " + reason;
    }
}
