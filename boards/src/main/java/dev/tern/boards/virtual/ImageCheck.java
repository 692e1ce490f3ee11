package dev.tern.boards.virtual;

import java.util.List;

/**
 * The secure-boot check of the application slot, the one thing the virtual board does not
 * know how to do itself: the MCUboot image format (header, TLVs, SHA-256, Ed25519 or ECDSA
 * P-256 signature against the provisioned keys) lives in {@code dev.tern.boards.image} and is
 * bound here. The board runs a payload only when the check said {@link Verdict#ok()}.
 *
 * <p>Version rollback is not the check's job: the board compares {@link Verdict#version()}
 * with the last version it booted.
 */
@FunctionalInterface
public interface ImageCheck {

    /**
     * Checks the application slot.
     *
     * @param slot        the whole slot as flash holds it (an erased slot is all 0xFF)
     * @param trustedKeys the provisioned public keys, in whatever encoding the check expects
     *                    (opaque to the board)
     * @return accepted with where the payload (the firmware jar) lies in {@code slot}, or
     *         refused with the reason the console prints
     */
    Verdict check(byte[] slot, List<byte[]> trustedKeys);
}
