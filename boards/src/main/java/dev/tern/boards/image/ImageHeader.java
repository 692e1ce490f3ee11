package dev.tern.boards.image;

import static dev.tern.boards.image.ImageFormat.*;

/**
 * The 32-byte header (see {@link ImageFormat} for the layout). {@code headerSize} is where the
 * payload starts; {@code protectedTlvSize} includes the protected area's 4-byte info, or is 0.
 */
public record ImageHeader(long loadAddress, int headerSize, int protectedTlvSize, long payloadSize,
        long flags, ImageVersion version) {

    /** Writes the header into the first 32 bytes of {@code image}; the pad field is written as 0. */
    public void writeTo(byte[] image) {
        putU32(image, MAGIC_OFFSET, IMAGE_MAGIC & 0xffffffffL);
        putU32(image, LOAD_ADDR_OFFSET, loadAddress);
        putU16(image, HDR_SIZE_OFFSET, headerSize);
        putU16(image, PROTECT_TLV_SIZE_OFFSET, protectedTlvSize);
        putU32(image, IMG_SIZE_OFFSET, payloadSize);
        putU32(image, FLAGS_OFFSET, flags);
        image[VERSION_MAJOR_OFFSET] = (byte) version.major();
        image[VERSION_MINOR_OFFSET] = (byte) version.minor();
        putU16(image, VERSION_REVISION_OFFSET, version.revision());
        putU32(image, VERSION_BUILD_OFFSET, version.build());
        putU32(image, PAD_OFFSET, 0);
    }

    /** Reads the header fields; the caller has checked the length and magic. */
    static ImageHeader readFrom(byte[] image) {
        return new ImageHeader(u32(image, LOAD_ADDR_OFFSET), u16(image, HDR_SIZE_OFFSET),
                u16(image, PROTECT_TLV_SIZE_OFFSET), u32(image, IMG_SIZE_OFFSET), u32(image, FLAGS_OFFSET),
                new ImageVersion(image[VERSION_MAJOR_OFFSET] & 0xff, image[VERSION_MINOR_OFFSET] & 0xff,
                        u16(image, VERSION_REVISION_OFFSET), u32(image, VERSION_BUILD_OFFSET)));
    }

    /** The bytes the SHA-256 TLV covers: header, payload and protected TLVs. */
    public long hashedLength() {
        return headerSize + payloadSize + protectedTlvSize;
    }

    public boolean encrypted() {
        return (flags & (FLAG_ENCRYPTED_AES128 | FLAG_ENCRYPTED_AES256)) != 0;
    }

    /** The flag names set, e.g. {@code RAM_LOAD}, or {@code none}. */
    public String flagNames() {
        StringBuilder names = new StringBuilder();
        long rest = flags;
        long[] bits = {FLAG_PIC, FLAG_ENCRYPTED_AES128, FLAG_ENCRYPTED_AES256, FLAG_NON_BOOTABLE, FLAG_RAM_LOAD, FLAG_ROM_FIXED};
        String[] labels = {"PIC", "ENCRYPTED_AES128", "ENCRYPTED_AES256", "NON_BOOTABLE", "RAM_LOAD", "ROM_FIXED"};
        for (int i = 0; i < bits.length; i++) {
            if ((flags & bits[i]) != 0) {
                names.append(names.length() == 0 ? "" : ",").append(labels[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) {
            names.append(names.length() == 0 ? "" : ",").append("0x").append(Long.toHexString(rest));
        }
        return names.length() == 0 ? "none" : names.toString();
    }
}
