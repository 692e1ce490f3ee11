package dev.tern.boards.image;

import static dev.tern.boards.image.ImageFormat.*;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import dev.tern.boards.image.VerificationResult.Verdict;

/**
 * Decides whether an image may boot, in MCUboot's order: well formed, SHA-256 matches, a
 * signature by a trusted key (found by the KEYHASH or PUBKEY TLV before it) verifies, then the
 * version and security counter are not below the minimums (downgrade prevention). The version and
 * counter are only read once the signature has vouched for them.
 */
public final class ImageVerifier {

    private final List<ImageKey> trustedKeys;
    private final ImageVersion minimumVersion;
    private final Long minimumSecurityCounter;

    public ImageVerifier(List<ImageKey> trustedKeys) {
        this(trustedKeys, null, null);
    }

    private ImageVerifier(List<ImageKey> trustedKeys, ImageVersion minimumVersion, Long minimumSecurityCounter) {
        if (trustedKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted key is needed to verify images");
        }
        List<ImageKey> publicKeys = new ArrayList<>();
        for (ImageKey key : trustedKeys) {
            publicKeys.add(key.publicOnly());
        }
        this.trustedKeys = List.copyOf(publicKeys);
        this.minimumVersion = minimumVersion;
        this.minimumSecurityCounter = minimumSecurityCounter;
    }

    /** Refuses images whose major.minor.revision is below {@code version}; null for no minimum. */
    public ImageVerifier minimumVersion(ImageVersion version) {
        return new ImageVerifier(trustedKeys, version, minimumSecurityCounter);
    }

    /** Refuses images without a SEC_CNT TLV of at least {@code counter}; null for no minimum. */
    public ImageVerifier minimumSecurityCounter(Long counter) {
        return new ImageVerifier(trustedKeys, minimumVersion, counter);
    }

    public VerificationResult verify(byte[] bytes) {
        McubootImage image;
        try {
            image = ImageParser.parse(bytes);
        } catch (ImageFormatException e) {
            return new VerificationResult(Verdict.MALFORMED, e.getMessage(), null, null);
        }
        ImageHeader header = image.header();
        if (header.encrypted()) {
            return refuse(Verdict.UNSUPPORTED, image, "encrypted image (ih_flags " + header.flagNames()
                    + " at offset " + FLAGS_OFFSET + "); Tern boards have no image decryption key");
        }
        VerificationResult hash = checkHash(image);
        if (hash != null) {
            return hash;
        }
        if (!image.tlvs(TLV_SIG_PURE).isEmpty()) {
            return refuse(Verdict.UNSUPPORTED, image, "pure Ed25519 signature (SIG_PURE TLV); Tern checks "
                    + "signatures over the SHA-256 digest");
        }
        VerificationResult signature = checkSignatures(image);
        if (!signature.ok()) {
            return signature;
        }
        return checkRollback(image, signature.key());
    }

    private VerificationResult checkHash(McubootImage image) {
        List<Tlv> hashes = image.tlvs(TLV_SHA256);
        if (hashes.isEmpty()) {
            boolean other = !image.tlvs(TLV_SHA384).isEmpty() || !image.tlvs(TLV_SHA512).isEmpty();
            return refuse(other ? Verdict.UNSUPPORTED : Verdict.MALFORMED, image, other
                    ? "the image is hashed with SHA-384/512; Tern checks SHA-256 images"
                    : "no SHA256 TLV in the TLV area at offset " + image.tlvAreaOffset());
        }
        Tlv stored = hashes.get(0);
        if (hashes.size() > 1) {
            return refuse(Verdict.MALFORMED, image, "two SHA256 TLVs, at offsets " + stored.offset() + " and "
                    + hashes.get(1).offset());
        }
        if (stored.length() != SHA256_LENGTH) {
            return refuse(Verdict.MALFORMED, image, "SHA256 TLV at offset " + stored.offset() + " has length "
                    + stored.length() + ", expected 32");
        }
        byte[] computed = image.computeSha256();
        if (!MessageDigest.isEqual(computed, stored.value())) {
            return refuse(Verdict.HASH_MISMATCH, image, "SHA-256 of the first " + image.header().hashedLength()
                    + " bytes (header, payload, protected TLVs) is " + hex(computed) + ", the SHA256 TLV at offset "
                    + stored.offset() + " says " + hex(stored.value()));
        }
        return null;
    }

    private VerificationResult checkSignatures(McubootImage image) {
        VerificationResult firstFailure = null;
        Tlv keyReference = null;
        boolean anySignature = false;
        for (Tlv tlv : image.tlvs()) {
            if (tlv.type() == TLV_KEYHASH || tlv.type() == TLV_PUBKEY) {
                keyReference = tlv;
                continue;
            }
            boolean rsa = tlv.type() == TLV_RSA2048 || tlv.type() == TLV_RSA3072;
            KeyType type = KeyType.forSignatureTlv(tlv.type());
            if (type == null && !rsa) {
                continue;
            }
            anySignature = true;
            VerificationResult result = rsa
                    ? refuse(Verdict.UNSUPPORTED, image, tlv.name() + " signature at offset " + tlv.offset()
                            + "; Tern verifies ed25519 and ecdsa-p256 signatures")
                    : checkSignature(image, tlv, type, keyReference);
            if (result.ok()) {
                return result;
            }
            firstFailure = firstFailure == null ? result : firstFailure;
            keyReference = null;
        }
        if (!anySignature) {
            return refuse(Verdict.UNSIGNED, image, "no signature TLV (ED25519 0x24 or ECDSASIG 0x22) in the TLV area at offset "
                    + image.tlvAreaOffset() + ": the image was made without a key");
        }
        return firstFailure;
    }

    private VerificationResult checkSignature(McubootImage image, Tlv signature, KeyType type, Tlv keyReference) {
        List<ImageKey> sameType = new ArrayList<>();
        for (ImageKey key : trustedKeys) {
            if (key.type() == type) {
                sameType.add(key);
            }
        }
        if (sameType.isEmpty()) {
            return refuse(Verdict.KEY_TYPE_MISMATCH, image, "the image has a " + type + " signature (" + signature.name()
                    + " TLV at offset " + signature.offset() + ") but the trusted keys are " + describe(trustedKeys));
        }
        if (keyReference == null) {
            return refuse(Verdict.UNTRUSTED_KEY, image, signature.name() + " signature at offset " + signature.offset()
                    + " has no KEYHASH or PUBKEY TLV before it to name its key");
        }
        byte[] referencedHash = keyReference.type() == TLV_KEYHASH ? keyReference.value()
                : ImageSigner.sha256(keyReference.value());
        ImageKey key = null;
        for (ImageKey candidate : sameType) {
            if (MessageDigest.isEqual(candidate.keyHash(), referencedHash)) {
                key = candidate;
            }
        }
        if (key == null) {
            return refuse(Verdict.UNTRUSTED_KEY, image, "signed by " + type + " key sha256:" + hex(referencedHash)
                    + " (" + keyReference.name() + " TLV at offset " + keyReference.offset() + "), which is not one of the trusted keys "
                    + describe(trustedKeys));
        }
        if (!verifies(key, signature.value(), image)) {
            return refuse(Verdict.BAD_SIGNATURE, image, signature.name() + " signature at offset " + signature.offset()
                    + " does not verify with trusted " + key);
        }
        return new VerificationResult(Verdict.VALID, "image " + image.version() + ", " + type + " signature by trusted "
                + key, image, key);
    }

    private VerificationResult checkRollback(McubootImage image, ImageKey key) {
        if (minimumVersion != null && image.version().compareTo(minimumVersion) < 0) {
            return refuse(Verdict.DOWNGRADE, image, "version " + image.version() + " is lower than the minimum "
                    + minimumVersion + " (build numbers are not compared)");
        }
        OptionalLong counter = image.securityCounter();
        if (minimumSecurityCounter != null) {
            if (counter.isEmpty()) {
                return refuse(Verdict.SECURITY_COUNTER_TOO_LOW, image, "no SEC_CNT TLV in the protected TLV area, "
                        + "the minimum security counter is " + minimumSecurityCounter);
            }
            if (counter.getAsLong() < minimumSecurityCounter) {
                return refuse(Verdict.SECURITY_COUNTER_TOO_LOW, image, "security counter " + counter.getAsLong()
                        + " is lower than the minimum " + minimumSecurityCounter);
            }
        }
        return new VerificationResult(Verdict.VALID, "image " + image.version()
                + (counter.isPresent() ? " (security counter " + counter.getAsLong() + ")" : "") + ", " + key.type()
                + " signature by trusted " + key, image, key);
    }

    private static boolean verifies(ImageKey key, byte[] signature, McubootImage image) {
        try {
            Signature verifier;
            if (key.type() == KeyType.ED25519) {
                if (signature.length != ED25519_SIGNATURE_LENGTH) {
                    return false;
                }
                verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key.publicKey());
                verifier.update(image.computeSha256());
            } else {
                verifier = Signature.getInstance("SHA256withECDSA");
                verifier.initVerify(key.publicKey());
                verifier.update(image.hashedRegion());
                signature = withoutZeroPadding(signature);
            }
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a signature that is not even well-formed DER does not verify
        }
    }

    /** imgtool can pad an ECDSA signature to 72 bytes with zeros; MCUboot reads the DER length. */
    static byte[] withoutZeroPadding(byte[] signature) {
        if (signature.length < 2 || signature[0] != 0x30 || (signature[1] & 0x80) != 0) {
            return signature;
        }
        int derLength = (signature[1] & 0xff) + 2;
        if (derLength >= signature.length) {
            return signature;
        }
        for (int i = derLength; i < signature.length; i++) {
            if (signature[i] != 0) {
                return signature;
            }
        }
        return Arrays.copyOf(signature, derLength);
    }

    private static String describe(List<ImageKey> keys) {
        StringBuilder text = new StringBuilder("[");
        for (ImageKey key : keys) {
            text.append(text.length() == 1 ? "" : ", ").append(key);
        }
        return text.append(']').toString();
    }

    private static VerificationResult refuse(Verdict verdict, McubootImage image, String reason) {
        return new VerificationResult(verdict, reason, image, null);
    }
}
