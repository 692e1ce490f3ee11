package dev.tern.host.flash.protocol;

import java.util.Optional;

/**
 * What a bootloader says of itself and of the chip once synced, and what the flash steps may
 * ask of it.
 *
 * @param version       the bootloader's version, {@code 3.1}
 * @param chipQuery     the command whose answer is the chip id ({@code GET_ID}), for messages
 * @param chipId        the chip id that command answered
 * @param details       the rest of the line that introduces it ({@code erase 0x44, GET_CHECKSUM yes})
 * @param maxBlock      the most bytes one write or read carries
 * @param digest        the digest the chip computes of a region ({@code CRC}), empty when it has none:
 *                      then content is compared by reading it back
 * @param digestCommand the command that computes it ({@code GET_CHECKSUM}), named when it is missing
 */
public record BootloaderIdentity(String version, String chipQuery, long chipId, String details, int maxBlock,
        Optional<String> digest, String digestCommand) {

    public BootloaderIdentity {
        if (maxBlock < 4) {
            throw new IllegalArgumentException("maxBlock=" + maxBlock);
        }
    }

    public boolean hasDigest() {
        return digest.isPresent();
    }
}
