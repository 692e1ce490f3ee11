package dev.tern.boards.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * A parsed image: the header, the protected and unprotected TLVs with their offsets, and the
 * image bytes they were read from. Made by {@link ImageParser}, which has checked every length.
 */
public final class McubootImage {

    private final byte[] bytes;
    private final ImageHeader header;
    private final List<Tlv> protectedTlvs;
    private final List<Tlv> tlvs;
    private final int tlvAreaOffset;
    private final int end;

    McubootImage(byte[] bytes, ImageHeader header, List<Tlv> protectedTlvs, List<Tlv> tlvs, int tlvAreaOffset, int end) {
        this.bytes = bytes;
        this.header = header;
        this.protectedTlvs = List.copyOf(protectedTlvs);
        this.tlvs = List.copyOf(tlvs);
        this.tlvAreaOffset = tlvAreaOffset;
        this.end = end;
    }

    public ImageHeader header() {
        return header;
    }

    public ImageVersion version() {
        return header.version();
    }

    /** The payload: {@code img_size} bytes from {@code hdr_size} (the firmware jar for Tern boards). */
    public byte[] payload() {
        return Arrays.copyOfRange(bytes, header.headerSize(), header.headerSize() + (int) header.payloadSize());
    }

    public List<Tlv> protectedTlvs() {
        return protectedTlvs;
    }

    /** The unprotected TLVs, in image order. */
    public List<Tlv> tlvs() {
        return tlvs;
    }

    /** Protected then unprotected TLVs. */
    public List<Tlv> allTlvs() {
        List<Tlv> all = new ArrayList<>(protectedTlvs);
        all.addAll(tlvs);
        return all;
    }

    /** Where the unprotected TLV area's info (magic 0x6907) starts. */
    public int tlvAreaOffset() {
        return tlvAreaOffset;
    }

    /** The first byte after the TLV area: the image's length without slot padding or trailer. */
    public int end() {
        return end;
    }

    /** Bytes after the TLV area: slot padding and trailer when the image was padded to its slot. */
    public int trailingBytes() {
        return bytes.length - end;
    }

    /** The security counter from the protected SEC_CNT TLV, if there is one. */
    public OptionalLong securityCounter() {
        for (Tlv tlv : protectedTlvs) {
            if (tlv.type() == ImageFormat.TLV_SEC_CNT && tlv.length() == 4) {
                return OptionalLong.of(tlv.valueAsU32());
            }
        }
        return OptionalLong.empty();
    }

    /** The unprotected TLVs of {@code type}, in order. */
    public List<Tlv> tlvs(int type) {
        List<Tlv> found = new ArrayList<>();
        for (Tlv tlv : tlvs) {
            if (tlv.type() == type) {
                found.add(tlv);
            }
        }
        return found;
    }

    /** The hashed region: header, payload and protected TLVs. */
    public byte[] hashedRegion() {
        return Arrays.copyOf(bytes, (int) header.hashedLength());
    }

    /** SHA-256 of the hashed region, computed now. */
    public byte[] computeSha256() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, 0, (int) header.hashedLength());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The key type of the first signature TLV, or null for an unsigned image. */
    public KeyType signatureType() {
        for (Tlv tlv : tlvs) {
            KeyType type = KeyType.forSignatureTlv(tlv.type());
            if (type != null) {
                return type;
            }
        }
        return null;
    }

    /** A copy of all the bytes the image was parsed from. */
    public byte[] bytes() {
        return bytes.clone();
    }
}
