package dev.tern.boards.image;

/**
 * How {@link ImageSigner} lays out an image; the defaults are imgtool's, with a 0x200 header.
 *
 * @param version          the header version
 * @param headerSize       where the payload starts (imgtool {@code -H}); bytes 32.. are {@code headerPadding}
 * @param headerPadding    the byte between the header and the payload: 0x00 by default; imgtool's
 *                         {@code --pad-header} writes its erased value (0xff) there
 * @param loadAddress      imgtool {@code --load-addr}: when not 0 the RAM_LOAD flag is set too
 * @param securityCounter  the protected SEC_CNT TLV value, or null for none
 * @param slotSize         the slot the image must fit in with its trailer, or 0 for no check
 * @param pad              pad to {@code slotSize} with {@code erasedValue} and the trailer magic (imgtool {@code --pad})
 * @param confirm          with {@code pad}: write image_ok = 0x01 in the trailer (imgtool {@code --confirm})
 * @param writeAlignment   the flash's minimum write size (imgtool {@code --align}: 1, 2, 4, 8, 16 or 32)
 * @param maxSectors       imgtool {@code --max-sectors}: sizes the swap status area of the trailer
 * @param overwriteOnly    imgtool {@code --overwrite-only}: a trailer without swap status
 * @param erasedValue      what erased flash reads as (imgtool {@code --erased-val})
 */
public record SignOptions(ImageVersion version, int headerSize, int headerPadding, long loadAddress, Long securityCounter,
        long slotSize, boolean pad, boolean confirm, int writeAlignment, int maxSectors, boolean overwriteOnly,
        int erasedValue) {

    public static final int DEFAULT_MAX_SECTORS = 128;
    static final int DEFAULT_MAX_ALIGN = 8;
    static final int BOOT_MAGIC_SIZE = 16;

    public SignOptions {
        if (version == null) {
            throw new IllegalArgumentException("version is required");
        }
        if (headerSize < ImageFormat.HEADER_SIZE || headerSize > 0xffff) {
            throw new IllegalArgumentException("header size=0x" + Integer.toHexString(headerSize) + " must be 0x20..0xffff");
        }
        if (loadAddress < 0 || loadAddress > 0xffffffffL) {
            throw new IllegalArgumentException("load address=0x" + Long.toHexString(loadAddress) + " is not a u32");
        }
        if (securityCounter != null && (securityCounter < 0 || securityCounter > 0xffffffffL)) {
            throw new IllegalArgumentException("security counter=" + securityCounter + " is not a u32");
        }
        if (slotSize < 0 || (pad && slotSize == 0)) {
            throw new IllegalArgumentException("slot size=" + slotSize + (pad ? ": padding needs a slot size" : " is negative"));
        }
        if (Integer.bitCount(writeAlignment) != 1 || writeAlignment > 32) {
            throw new IllegalArgumentException("write alignment=" + writeAlignment + " must be 1, 2, 4, 8, 16 or 32");
        }
        if (maxSectors <= 0) {
            throw new IllegalArgumentException("max sectors=" + maxSectors + " must be positive");
        }
        checkByte("header padding", headerPadding);
        checkByte("erased value", erasedValue);
    }

    /** imgtool's defaults with a 0x200 header, no security counter, no slot. */
    public static SignOptions defaults(ImageVersion version) {
        return new SignOptions(version, ImageFormat.DEFAULT_HEADER_SIZE, 0x00, 0, null, 0, false, false, 1,
                DEFAULT_MAX_SECTORS, false, 0xff);
    }

    public SignOptions withHeaderSize(int size) {
        return new SignOptions(version, size, headerPadding, loadAddress, securityCounter, slotSize, pad, confirm,
                writeAlignment, maxSectors, overwriteOnly, erasedValue);
    }

    public SignOptions withHeaderPadding(int value) {
        return new SignOptions(version, headerSize, value, loadAddress, securityCounter, slotSize, pad, confirm,
                writeAlignment, maxSectors, overwriteOnly, erasedValue);
    }

    public SignOptions withLoadAddress(long address) {
        return new SignOptions(version, headerSize, headerPadding, address, securityCounter, slotSize, pad, confirm,
                writeAlignment, maxSectors, overwriteOnly, erasedValue);
    }

    public SignOptions withSecurityCounter(Long counter) {
        return new SignOptions(version, headerSize, headerPadding, loadAddress, counter, slotSize, pad, confirm,
                writeAlignment, maxSectors, overwriteOnly, erasedValue);
    }

    /** Checks the image fits {@code size} with its trailer; pads to it when {@code padToSlot}. */
    public SignOptions withSlot(long size, boolean padToSlot, boolean confirmed) {
        return new SignOptions(version, headerSize, headerPadding, loadAddress, securityCounter, size, padToSlot, confirmed,
                writeAlignment, maxSectors, overwriteOnly, erasedValue);
    }

    public SignOptions withTrailer(int alignment, int sectors, boolean overwrite, int erased) {
        return new SignOptions(version, headerSize, headerPadding, loadAddress, securityCounter, slotSize, pad, confirm,
                alignment, sectors, overwrite, erased);
    }

    /** imgtool's max_align: the larger of 8 and the write alignment. */
    int maxAlign() {
        return Math.max(DEFAULT_MAX_ALIGN, writeAlignment);
    }

    /** The bytes MCUboot keeps at the end of a slot, as imgtool sizes them (432 with the defaults). */
    public int trailerSize() {
        int magic = alignUp(BOOT_MAGIC_SIZE, maxAlign());
        if (overwriteOnly) {
            return maxAlign() * 2 + magic;
        }
        // swap status (3 records per sector), then swap size, swap info, copy done, image ok
        return maxSectors * 3 * writeAlignment + maxAlign() * 4 + magic;
    }

    static int alignUp(int value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }

    private static void checkByte(String name, int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException(name + "=" + value + " is not a byte");
        }
    }
}
