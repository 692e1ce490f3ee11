package dev.tern.boards.image;

import java.util.Arrays;

/**
 * One TLV entry: its type, where its 4-byte header starts in the image, and its value.
 * {@code isProtected} says whether it lies in the protected (hashed) area.
 */
public record Tlv(int type, int offset, byte[] value, boolean isProtected) {

    public Tlv {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** The value as a little-endian unsigned integer (SEC_CNT is a u32). */
    public long valueAsU32() {
        if (value.length != 4) {
            throw new IllegalStateException(ImageFormat.tlvName(type) + " length=" + value.length + ", not 4");
        }
        return ImageFormat.u32(value, 0);
    }

    public String name() {
        return ImageFormat.tlvName(type);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tlv tlv && tlv.type == type && tlv.offset == offset
                && tlv.isProtected == isProtected && Arrays.equals(tlv.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + offset) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name() + "@" + offset + "[" + value.length + "]";
    }
}
