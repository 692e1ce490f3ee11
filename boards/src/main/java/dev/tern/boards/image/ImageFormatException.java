package dev.tern.boards.image;

/**
 * A malformed image: names the field that is wrong and the byte offset where it was read, so a
 * bootloader console or {@code tern image info} can say exactly what is broken.
 */
public final class ImageFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final long offset;

    public ImageFormatException(String field, long offset, String problem) {
        super(field + " at offset " + offset + " (0x" + Long.toHexString(offset) + "): " + problem);
        this.field = field;
        this.offset = offset;
    }

    /** The header field or TLV area that is wrong, e.g. {@code ih_magic} or {@code TLV area}. */
    public String field() {
        return field;
    }

    /** The byte offset in the image where the wrong field starts. */
    public long offset() {
        return offset;
    }
}
