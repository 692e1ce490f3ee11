package dev.tern.boards.virtual;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageVerifier;
import dev.tern.boards.image.KeyFormatException;
import dev.tern.boards.image.McubootImage;
import dev.tern.boards.image.VerificationResult;

/**
 * The virtual board's secure boot bound to the MCUboot image format: the slot must hold an image
 * whose SHA-256, key hash and Ed25519 or ECDSA P-256 signature verify against one of the
 * provisioned public keys (PEM, as {@code tern keygen --public} writes them). Downgrades are the
 * board's check ({@link RollbackStore}), not this one.
 */
public final class McubootImageCheck implements ImageCheck {

    @Override
    public Verdict check(byte[] slot, List<byte[]> trustedKeys) {
        if (trustedKeys.isEmpty()) {
            return Verdict.refused("no public key is provisioned: the board trusts no image");
        }
        List<ImageKey> keys = new ArrayList<>();
        for (int i = 0; i < trustedKeys.size(); i++) {
            try {
                keys.add(ImageKey.fromPem(new String(trustedKeys.get(i), StandardCharsets.US_ASCII)).publicOnly());
            } catch (KeyFormatException e) {
                return Verdict.refused("provisioned key " + (i + 1) + " is not a usable public key: " + e.getMessage());
            }
        }
        VerificationResult result = new ImageVerifier(keys).verify(slot);
        if (!result.ok()) {
            return Verdict.refused(result.toString());
        }
        McubootImage image = result.image();
        return Verdict.accepted(image.version(), image.header().headerSize(), (int) image.header().payloadSize(),
                result.key().toString());
    }
}
