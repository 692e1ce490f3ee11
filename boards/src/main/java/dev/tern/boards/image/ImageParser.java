package dev.tern.boards.image;

import static dev.tern.boards.image.ImageFormat.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an image strictly: every length is checked against the bytes there are, and a malformed
 * image is refused with the field and the offset that are wrong. Bytes after the TLV area (slot
 * padding, trailer) are allowed.
 */
public final class ImageParser {

    private ImageParser() {
    }

    /**
     * The header at the start of {@code start} when it begins with the image magic (a flasher reads
     * the 32 bytes at a slot to learn what the slot holds), else empty. Nothing else is checked.
     */
    public static java.util.Optional<ImageHeader> header(byte[] start) {
        if (start.length < HEADER_SIZE || u32(start, MAGIC_OFFSET) != (IMAGE_MAGIC & 0xffffffffL)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ImageHeader.readFrom(start));
    }

    public static McubootImage parse(byte[] image) throws ImageFormatException {
        byte[] bytes = image.clone();
        int length = bytes.length;
        if (length < HEADER_SIZE) {
            throw new ImageFormatException("image header", 0,
                    "truncated: the image is " + length + " bytes, the header alone is " + HEADER_SIZE);
        }
        long magic = u32(bytes, MAGIC_OFFSET);
        if (magic != (IMAGE_MAGIC & 0xffffffffL)) {
            if (Integer.reverseBytes((int) magic) == IMAGE_MAGIC) {
                throw new ImageFormatException("ih_magic", MAGIC_OFFSET,
                        "big-endian image (imgtool -e big); Tern reads little-endian images only");
            }
            throw new ImageFormatException("ih_magic", MAGIC_OFFSET,
                    String.format("0x%08x, expected 0x%08x (not an MCUboot image)", magic, IMAGE_MAGIC));
        }
        ImageHeader header = ImageHeader.readFrom(bytes);
        if (header.headerSize() < HEADER_SIZE) {
            throw new ImageFormatException("ih_hdr_size", HDR_SIZE_OFFSET,
                    "0x" + Integer.toHexString(header.headerSize()) + " is smaller than the 32-byte header");
        }
        long payloadEnd = header.headerSize() + header.payloadSize();
        if (header.headerSize() > length) {
            throw new ImageFormatException("ih_hdr_size", HDR_SIZE_OFFSET, "0x" + Integer.toHexString(header.headerSize())
                    + " is past the end of the image (" + length + " bytes): truncated");
        }
        if (payloadEnd > length) {
            throw new ImageFormatException("ih_img_size", IMG_SIZE_OFFSET, header.payloadSize() + " bytes of payload from offset "
                    + header.headerSize() + " run past the end of the image (" + length + " bytes): truncated");
        }
        int protectedOffset = (int) payloadEnd;
        List<Tlv> protectedTlvs = new ArrayList<>();
        int protectedSize = header.protectedTlvSize();
        if (protectedSize != 0) {
            if (protectedSize < TLV_INFO_SIZE) {
                throw new ImageFormatException("ih_protect_tlv_size", PROTECT_TLV_SIZE_OFFSET,
                        protectedSize + " is less than the 4-byte TLV info");
            }
            if (protectedOffset + (long) protectedSize > length) {
                throw new ImageFormatException("ih_protect_tlv_size", PROTECT_TLV_SIZE_OFFSET, "protected TLV area of "
                        + protectedSize + " bytes from offset " + protectedOffset + " runs past the end of the image ("
                        + length + " bytes): truncated");
            }
            int info = u16(bytes, protectedOffset);
            if (info != TLV_PROT_INFO_MAGIC) {
                throw new ImageFormatException("protected TLV info magic", protectedOffset,
                        String.format("0x%04x, expected 0x%04x", info, TLV_PROT_INFO_MAGIC));
            }
            int total = u16(bytes, protectedOffset + 2);
            if (total != protectedSize) {
                throw new ImageFormatException("protected TLV it_tlv_tot", protectedOffset + 2, total
                        + " does not match ih_protect_tlv_size " + protectedSize + " in the header");
            }
            readEntries(bytes, protectedOffset, total, true, protectedTlvs);
        } else if (protectedOffset + 2 <= length && u16(bytes, protectedOffset) == TLV_PROT_INFO_MAGIC) {
            throw new ImageFormatException("ih_protect_tlv_size", PROTECT_TLV_SIZE_OFFSET,
                    "0, but a protected TLV area (0x6908) follows the payload at offset " + protectedOffset);
        }
        int tlvOffset = protectedOffset + protectedSize;
        if (tlvOffset + TLV_INFO_SIZE > length) {
            throw new ImageFormatException("TLV area", tlvOffset, "missing: the image ends at " + length
                    + " where the 4-byte TLV info (0x6907) should be (truncated, or not signed by imgtool/tern)");
        }
        int info = u16(bytes, tlvOffset);
        if (info != TLV_INFO_MAGIC) {
            throw new ImageFormatException("TLV info magic", tlvOffset,
                    String.format("0x%04x, expected 0x%04x", info, TLV_INFO_MAGIC));
        }
        int total = u16(bytes, tlvOffset + 2);
        if (total < TLV_INFO_SIZE) {
            throw new ImageFormatException("TLV it_tlv_tot", tlvOffset + 2, total + " is less than the 4-byte TLV info");
        }
        if (tlvOffset + total > length) {
            throw new ImageFormatException("TLV it_tlv_tot", tlvOffset + 2, "TLV area of " + total + " bytes from offset "
                    + tlvOffset + " overruns the end of the image (" + length + " bytes) by "
                    + (tlvOffset + total - length) + ": truncated");
        }
        List<Tlv> tlvs = new ArrayList<>();
        readEntries(bytes, tlvOffset, total, false, tlvs);
        return new McubootImage(bytes, header, protectedTlvs, tlvs, tlvOffset, tlvOffset + total);
    }

    private static void readEntries(byte[] bytes, int areaOffset, int total, boolean isProtected, List<Tlv> into)
            throws ImageFormatException {
        String area = isProtected ? "protected TLV area" : "TLV area";
        int end = areaOffset + total;
        int offset = areaOffset + TLV_INFO_SIZE;
        while (offset < end) {
            if (offset + TLV_HEADER_SIZE > end) {
                throw new ImageFormatException(area + " entry", offset, "a 4-byte TLV header is cut off by the end of the "
                        + area + " at " + end);
            }
            int type = u16(bytes, offset);
            int length = u16(bytes, offset + 2);
            int valueEnd = offset + TLV_HEADER_SIZE + length;
            if (valueEnd > end) {
                throw new ImageFormatException(tlvName(type) + " TLV length", offset + 2, length + " bytes overrun the end of the "
                        + area + " at " + end + " by " + (valueEnd - end));
            }
            byte[] value = new byte[length];
            System.arraycopy(bytes, offset + TLV_HEADER_SIZE, value, 0, length);
            into.add(new Tlv(type, offset, value, isProtected));
            offset = valueEnd;
        }
    }
}
