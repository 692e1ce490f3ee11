package dev.tern.app;

import dev.tern.hal.NonVolatileStorage;
import dev.tern.mqtt.session.Crc32;

/**
 * The frame the config page and the credentials region share: a 16-byte header (four magic
 * bytes, a 16-bit format version, a 16-bit field of the region's own, the body length, a CRC-32 of
 * the header's first 12 bytes and the body), the body, then erased flash (0xFF). All numbers
 * big-endian. Each region names its own magic and maps {@link #read}'s results to its own
 * status codes.
 */
final class RegionFrame {

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    /** The region's own 16-bit field: reserved (0) in the config page, the entry count in the credentials. */
    static final int FIELD_OFFSET = 6;
    static final int BODY_LENGTH_OFFSET = 8;
    static final int CRC_OFFSET = 12;
    static final int HEADER_LENGTH = 16;
    static final int MAGIC_LENGTH = 4;

    // ---- read results, mapped by each region to its status codes
    static final int OK = 0;
    static final int BLANK = 1;
    static final int BAD_MAGIC = 2;
    static final int UNSUPPORTED_VERSION = 3;
    static final int BAD_LENGTH = 4;
    static final int BAD_CRC = 5;
    static final int READ_FAILED = 6;

    private final byte[] magic;
    private final int version;
    private final Crc32 crc = new Crc32();
    private final byte[] header = new byte[HEADER_LENGTH];
    private byte[] body = new byte[0];

    RegionFrame(byte[] magic, int version) {
        this.magic = magic;
        this.version = version;
    }

    /** Reads and checks the frame; on {@link #OK} the body is in {@link #body()}. Allocates the body: boot only. */
    int read(NonVolatileStorage storage) {
        body = new byte[0];
        if (storage == null || storage.size() < HEADER_LENGTH) {
            return BLANK;
        }
        if (NonVolatileStorage.OK != storage.read(0, header, 0, HEADER_LENGTH)) {
            return READ_FAILED;
        }
        if (isErased(header, 0, HEADER_LENGTH)) {
            return BLANK;
        }
        for (int i = 0; i < MAGIC_LENGTH; i++) {
            if (header[MAGIC_OFFSET + i] != magic[i]) {
                return BAD_MAGIC;
            }
        }
        if (version != getShort(header, VERSION_OFFSET)) {
            return UNSUPPORTED_VERSION;
        }
        int bodyLength = getInt(header, BODY_LENGTH_OFFSET);
        if (bodyLength < 0 || bodyLength > storage.size() - HEADER_LENGTH) {
            return BAD_LENGTH;
        }
        byte[] read = new byte[bodyLength];
        if (NonVolatileStorage.OK != storage.read(HEADER_LENGTH, read, 0, bodyLength)) {
            return READ_FAILED;
        }
        int expected = crc.update(crc.compute(header, 0, CRC_OFFSET), read, 0, bodyLength);
        if (expected != getInt(header, CRC_OFFSET)) {
            wipe(read);
            return BAD_CRC;
        }
        body = read;
        return OK;
    }

    /** The body of the last {@link #OK} read (empty otherwise). */
    byte[] body() {
        return body;
    }

    /** The header's own field ({@link #FIELD_OFFSET}) of the last read. */
    int field() {
        return getShort(header, FIELD_OFFSET);
    }

    /**
     * Writes header and body at {@code offset} of {@code destination}: the length written, or -1 when
     * there is no room. The rest of the region is for the caller to leave erased.
     */
    static int write(byte[] magic, int version, int field, byte[] body, int bodyOffset, int bodyLength,
                     byte[] destination, int offset) {
        if (bodyLength < 0 || offset < 0 || destination.length - offset < HEADER_LENGTH + bodyLength) {
            return -1;
        }
        for (int i = 0; i < MAGIC_LENGTH; i++) {
            destination[offset + MAGIC_OFFSET + i] = magic[i];
        }
        putShort(destination, offset + VERSION_OFFSET, version);
        putShort(destination, offset + FIELD_OFFSET, field);
        putInt(destination, offset + BODY_LENGTH_OFFSET, bodyLength);
        if (destination != body || bodyOffset != offset + HEADER_LENGTH) {
            System.arraycopy(body, bodyOffset, destination, offset + HEADER_LENGTH, bodyLength);
        }
        Crc32 crc = new Crc32();
        int value = crc.update(crc.compute(destination, offset, CRC_OFFSET), destination, offset + HEADER_LENGTH, bodyLength);
        putInt(destination, offset + CRC_OFFSET, value);
        return HEADER_LENGTH + bodyLength;
    }

    static void wipe(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = 0;
        }
    }

    static boolean isErased(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if ((byte) 0xFF != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    static int getShort(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 8 | (bytes[offset + 1] & 0xFF);
    }

    static int getInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16
                | (bytes[offset + 2] & 0xFF) << 8 | (bytes[offset + 3] & 0xFF);
    }

    static void putShort(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 8);
        bytes[offset + 1] = (byte) value;
    }

    static void putInt(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 24);
        bytes[offset + 1] = (byte) (value >>> 16);
        bytes[offset + 2] = (byte) (value >>> 8);
        bytes[offset + 3] = (byte) value;
    }
}
