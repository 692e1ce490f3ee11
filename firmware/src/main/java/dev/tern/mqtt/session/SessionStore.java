package dev.tern.mqtt.session;

import dev.tern.hal.NonVolatileStorage;

/**
 * Keeps a {@link Session} in flash so that it survives a reboot and a power cut at any byte.
 *
 * <p>The region is split into two areas of whole pages; each save goes to the area that does not
 * hold the newest valid copy, so that copy is never touched while the new one is written:
 *
 * <pre>
 *  region:  +----------------------------+----------------------------+
 *           | area A (pages 0..n-1)      | area B (pages n..2n-1)     |   (a last odd page unused)
 *           +----------------------------+----------------------------+
 *  area:
 *   0       4          8        12        16          20       24
 *  +-------+----------+--------+---------+-----------+--------+---------------------------+
 *  | magic | sequence | length | bodyCrc | headerCrc | commit | body: a SessionImage      |
 *  | u32   | u32      | u32    | u32     | u32 (0-15)| u32    | (length bytes)            |
 *  +-------+----------+--------+---------+-----------+--------+---------------------------+
 *  save:  1. erase the area's pages (all 0xFF)   2. program the body
 *         3. program bytes 0..19                 4. program the commit word, last
 * </pre>
 *
 * A copy is valid when magic and commit hold their values and both CRCs match; a power cut leaves
 * the commit word blank (or partly programmed, so wrong) until everything before it is written.
 * Restore takes the valid copy with the higher sequence (compared wrap-safe).
 *
 * <p>Store before act: the client saves after changing the session and before the change shows
 * outside (a PUBREC after storing an incoming id, "accepted" after adding a PUBLISH).
 *
 * <p>Cost and wear: each save erases one area and rewrites the whole image, so its cost is bounded
 * by the area size and each save wears every page of one area once (the two areas alternate).
 * Appending small change records would wear less; it is left for when the save rate needs it.
 * RAM: one buffer of an area's size, allocated here.
 */
public final class SessionStore {

    public static final int MAGIC = 0x5445524E; // "TERN"
    public static final int COMMIT = 0x0C0FFEE0;
    public static final int HEADER_LENGTH = 24;
    private static final int MAGIC_OFFSET = 0;
    private static final int SEQUENCE_OFFSET = 4;
    private static final int LENGTH_OFFSET = 8;
    private static final int BODY_CRC_OFFSET = 12;
    private static final int HEADER_CRC_OFFSET = 16;
    private static final int COMMIT_OFFSET = 20;
    private static final int NO_AREA = -1;

    private final NonVolatileStorage storage;
    private final Crc32 crc = new Crc32();
    private final int pagesPerArea;
    private final int areaSize;
    private final byte[] buffer;
    private int newestArea = NO_AREA;
    private int newestSequence;
    private boolean scanned;

    public SessionStore(NonVolatileStorage storage) {
        if (null == storage) {
            throw new IllegalArgumentException("storage=null");
        }
        int pageSize = storage.pageSize();
        if (pageSize < 1 || storage.size() % pageSize != 0) {
            throw new IllegalArgumentException("pageSize=" + pageSize);
        }
        pagesPerArea = storage.size() / pageSize / 2;
        areaSize = pagesPerArea * pageSize;
        if (areaSize < HEADER_LENGTH + SessionImage.HEADER_LENGTH) {
            throw new IllegalArgumentException("size=" + storage.size());
        }
        this.storage = storage;
        buffer = new byte[areaSize];
    }

    /** The largest session image one area holds. */
    public int maxImageLength() {
        return areaSize - HEADER_LENGTH;
    }

    /** Writes the session as the newest copy: OK, SESSION_TOO_LARGE or STORAGE_ERROR. */
    public int save(Session session) {
        int length = SessionImage.encode(session, buffer, HEADER_LENGTH, areaSize - HEADER_LENGTH);
        if (length < 0) {
            return length;
        }
        if (!scanned && SessionStatus.STORAGE_ERROR == findNewest()) {
            // never write before knowing which area holds the newest copy
            return SessionStatus.STORAGE_ERROR;
        }
        int area = 0 == newestArea ? 1 : 0;
        int sequence = newestSequence + 1;
        SessionImage.putU32(buffer, MAGIC_OFFSET, MAGIC);
        SessionImage.putU32(buffer, SEQUENCE_OFFSET, sequence);
        SessionImage.putU32(buffer, LENGTH_OFFSET, length);
        SessionImage.putU32(buffer, BODY_CRC_OFFSET, crc.compute(buffer, HEADER_LENGTH, length));
        SessionImage.putU32(buffer, HEADER_CRC_OFFSET, crc.compute(buffer, 0, HEADER_CRC_OFFSET));
        SessionImage.putU32(buffer, COMMIT_OFFSET, COMMIT);
        int base = area * areaSize;
        for (int page = 0; page < pagesPerArea; page++) {
            if (NonVolatileStorage.OK != storage.erase(area * pagesPerArea + page)) {
                return SessionStatus.STORAGE_ERROR;
            }
        }
        if (NonVolatileStorage.OK != storage.program(base + HEADER_LENGTH, buffer, HEADER_LENGTH, length)
                || NonVolatileStorage.OK != storage.program(base, buffer, 0, COMMIT_OFFSET)
                || NonVolatileStorage.OK != storage.program(base + COMMIT_OFFSET, buffer, COMMIT_OFFSET, 4)) {
            return SessionStatus.STORAGE_ERROR;
        }
        newestArea = area;
        newestSequence = sequence;
        return SessionStatus.OK;
    }

    /**
     * Loads the newest valid copy into the session: OK; or, with the session left empty,
     * STORE_EMPTY (no copy was ever committed), STORE_CORRUPT (no copy is valid),
     * SESSION_DOES_NOT_FIT (the copy is larger than this configuration) or STORAGE_ERROR.
     */
    public int restore(Session session) {
        session.clear();
        int status = findNewest();
        if (SessionStatus.OK != status) {
            return status;
        }
        if (SessionStatus.OK != readValid(newestArea)) {
            return SessionStatus.STORAGE_ERROR;
        }
        int length = SessionImage.getU32(buffer, LENGTH_OFFSET);
        return SessionImage.decode(buffer, HEADER_LENGTH, length, session);
    }

    /** Finds the valid copy with the highest sequence: OK, STORE_EMPTY, STORE_CORRUPT or STORAGE_ERROR. */
    private int findNewest() {
        newestArea = NO_AREA;
        newestSequence = 0;
        boolean blank = true;
        for (int area = 0; area < 2; area++) {
            int status = readValid(area);
            if (SessionStatus.STORAGE_ERROR == status) {
                return status;
            }
            blank &= SessionStatus.STORE_EMPTY == status;
            if (SessionStatus.OK == status) {
                int sequence = SessionImage.getU32(buffer, SEQUENCE_OFFSET);
                if (NO_AREA == newestArea || (sequence - newestSequence) > 0) {
                    newestArea = area;
                    newestSequence = sequence;
                }
            }
        }
        scanned = true;
        if (NO_AREA == newestArea) {
            return blank ? SessionStatus.STORE_EMPTY : SessionStatus.STORE_CORRUPT;
        }
        return SessionStatus.OK;
    }

    /** Reads an area into the buffer: OK if it holds a valid copy, STORE_EMPTY, STORE_CORRUPT, STORAGE_ERROR. */
    private int readValid(int area) {
        int base = area * areaSize;
        if (NonVolatileStorage.OK != storage.read(base, buffer, 0, HEADER_LENGTH)) {
            return SessionStatus.STORAGE_ERROR;
        }
        if (isErased(buffer, 0, HEADER_LENGTH)) {
            return SessionStatus.STORE_EMPTY;
        }
        int length = SessionImage.getU32(buffer, LENGTH_OFFSET);
        if (MAGIC != SessionImage.getU32(buffer, MAGIC_OFFSET)
                || COMMIT != SessionImage.getU32(buffer, COMMIT_OFFSET)
                || crc.compute(buffer, 0, HEADER_CRC_OFFSET) != SessionImage.getU32(buffer, HEADER_CRC_OFFSET)
                || length < 0 || length > areaSize - HEADER_LENGTH) {
            return SessionStatus.STORE_CORRUPT;
        }
        if (NonVolatileStorage.OK != storage.read(base + HEADER_LENGTH, buffer, HEADER_LENGTH, length)) {
            return SessionStatus.STORAGE_ERROR;
        }
        if (crc.compute(buffer, HEADER_LENGTH, length) != SessionImage.getU32(buffer, BODY_CRC_OFFSET)) {
            return SessionStatus.STORE_CORRUPT;
        }
        return SessionStatus.OK;
    }

    private static boolean isErased(byte[] bytes, int offset, int length) {
        for (int index = offset; index < offset + length; index++) {
            if ((byte) 0xFF != bytes[index]) {
                return false;
            }
        }
        return true;
    }
}
