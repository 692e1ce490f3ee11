package dev.tern.mqtt.session;

import dev.tern.hal.NonVolatileStorage;

/**
 * Reads a region written by the previous store format (two alternating areas, each one
 * {@link SessionImage} behind a 24-byte header with CRCs and a commit word; see git history of
 * SessionStore), straight from flash in small chunks, so the journal can import it once.
 *
 * <pre>
 *  area: | magic u32 | sequence u32 | length u32 | bodyCrc u32 | headerCrc u32 (0-15) | commit u32 | image |
 * </pre>
 */
final class LegacyStoreReader {

    static final int MAGIC = 0x5445524E; // "TERN"
    static final int COMMIT = 0x0C0FFEE0;
    static final int AREA_HEADER_LENGTH = 24;
    /** No valid copy in either area. */
    static final int NONE = -1;

    private static final int CHUNK = 48;
    private static final int VALID = 0;
    private static final int INVALID = 1;

    private final NonVolatileStorage storage;
    private final Crc32 crc;
    private final byte[] chunk = new byte[CHUNK];
    private final int pagesPerArea;
    private final int areaSize;

    LegacyStoreReader(NonVolatileStorage storage, Crc32 crc) {
        this.storage = storage;
        this.crc = crc;
        pagesPerArea = storage.size() / storage.pageSize() / 2;
        areaSize = pagesPerArea * storage.pageSize();
    }

    int pagesPerArea() {
        return pagesPerArea;
    }

    /** The area (0 or 1) holding the newest valid copy, NONE, or STORAGE_ERROR. */
    int newestArea() {
        int newest = NONE;
        int newestSequence = 0;
        for (int area = 0; area < 2 && pagesPerArea > 0; area++) {
            int status = checkArea(area);
            if (SessionStatus.STORAGE_ERROR == status) {
                return status;
            }
            int sequence = JournalFormat.getU32(chunk, 4);
            if (VALID == status && (NONE == newest || sequence - newestSequence > 0)) {
                newest = area;
                newestSequence = sequence;
            }
        }
        return newest;
    }

    /** VALID (the area's header is left at the start of the chunk buffer), INVALID or STORAGE_ERROR. */
    private int checkArea(int area) {
        int base = area * areaSize;
        if (NonVolatileStorage.OK != storage.read(base, chunk, 0, AREA_HEADER_LENGTH)) {
            return SessionStatus.STORAGE_ERROR;
        }
        int length = JournalFormat.getU32(chunk, 8);
        int bodyCrc = JournalFormat.getU32(chunk, 12);
        if (MAGIC != JournalFormat.getU32(chunk, 0) || COMMIT != JournalFormat.getU32(chunk, 20)
                || crc.compute(chunk, 0, 16) != JournalFormat.getU32(chunk, 16)
                || length < SessionImage.HEADER_LENGTH || length > areaSize - AREA_HEADER_LENGTH) {
            return INVALID;
        }
        int value = 0;
        for (int done = 0; done < length; done += CHUNK) {
            int part = Math.min(CHUNK, length - done);
            if (NonVolatileStorage.OK != storage.read(base + AREA_HEADER_LENGTH + done, chunk, 0, part)) {
                return SessionStatus.STORAGE_ERROR;
            }
            value = crc.update(value, chunk, 0, part);
        }
        if (NonVolatileStorage.OK != storage.read(base, chunk, 0, AREA_HEADER_LENGTH)) {
            return SessionStatus.STORAGE_ERROR;
        }
        return value == bodyCrc ? VALID : INVALID;
    }

    /**
     * Loads the copy in {@code area} into the (emptied) session, dropping what this configuration
     * cannot hold (counted in the report): OK, STORE_CORRUPT (the image does not parse; session
     * left empty) or STORAGE_ERROR.
     */
    int load(int area, Session session, RestoreReport report) {
        session.clear();
        int base = area * areaSize;
        if (NonVolatileStorage.OK != storage.read(base, chunk, 0, AREA_HEADER_LENGTH)) {
            return SessionStatus.STORAGE_ERROR;
        }
        int end = base + AREA_HEADER_LENGTH + JournalFormat.getU32(chunk, 8);
        int position = base + AREA_HEADER_LENGTH;
        if (NonVolatileStorage.OK != storage.read(position, chunk, 0, SessionImage.HEADER_LENGTH)) {
            return SessionStatus.STORAGE_ERROR;
        }
        int nextId = JournalFormat.getU16(chunk, 0);
        int outgoingCount = JournalFormat.getU16(chunk, 2);
        int incomingCount = JournalFormat.getU16(chunk, 4);
        int offlineBytes = JournalFormat.getU32(chunk, 8);
        session.packetIds().restoreNextCandidate(nextId);
        System.arraycopy(chunk, 12, session.applicationData(), 0, Session.APPLICATION_DATA_LENGTH);
        position += SessionImage.HEADER_LENGTH;
        OutgoingTable outgoing = session.outgoing();
        for (int index = 0; index < outgoingCount; index++) {
            if (end - position < SessionImage.RECORD_HEADER_LENGTH
                    || NonVolatileStorage.OK != storage.read(position, chunk, 0, SessionImage.RECORD_HEADER_LENGTH)) {
                return corrupt(session);
            }
            int packetLength = JournalFormat.getU16(chunk, 4);
            position += SessionImage.RECORD_HEADER_LENGTH;
            if (end - position < packetLength) {
                return corrupt(session);
            }
            if (!outgoing.hasRoomFor(packetLength)) {
                report.countDoesNotFit();
            } else {
                int slot = outgoing.reserve(JournalFormat.getU16(chunk, 0), chunk[2], chunk[3], 0, packetLength);
                if (slot < 0) {
                    return corrupt(session);
                }
                if (NonVolatileStorage.OK != storage.read(position, outgoing.slab(), outgoing.packetOffset(slot), packetLength)) {
                    return SessionStatus.STORAGE_ERROR;
                }
            }
            position += packetLength;
        }
        if (end - position != 2 * incomingCount + offlineBytes || offlineBytes < 0) {
            return corrupt(session);
        }
        for (int index = 0; index < incomingCount; index++) {
            if (NonVolatileStorage.OK != storage.read(position, chunk, 0, 2)) {
                return SessionStatus.STORAGE_ERROR;
            }
            if (SessionStatus.SESSION_INCOMING_TABLE_FULL == session.incoming().store(JournalFormat.getU16(chunk, 0))) {
                report.countDoesNotFit();
            }
            position += 2;
        }
        OfflineQueue queue = session.offlineQueue();
        boolean fits = true;
        for (int done = 0; done < offlineBytes && fits; done += CHUNK) {
            int part = Math.min(CHUNK, offlineBytes - done);
            if (NonVolatileStorage.OK != storage.read(position + done, chunk, 0, part)) {
                return SessionStatus.STORAGE_ERROR;
            }
            fits = SessionStatus.OK == queue.appendRaw(chunk, 0, part);
        }
        if (queue.recountRawRecords() > 0 || !fits) {
            report.countDoesNotFit();
        }
        return SessionStatus.OK;
    }

    private static int corrupt(Session session) {
        session.clear();
        return SessionStatus.STORE_CORRUPT;
    }
}
