package dev.tern.mqtt.session;

import dev.tern.hal.NonVolatileStorage;

/**
 * Walks the journal's records in log order, unit after unit, from the oldest live unit to the
 * newest; checks each record's frame and CRC, reading in small chunks. A position is three ints,
 * so a transaction can be read twice (check, then apply) without a buffer.
 */
final class JournalCursor {

    /** No more records. */
    static final int END = -1;
    /** A record whose CRC fails; its length is plausible, so {@link #skip} continues after it. */
    static final int BAD_CRC = -2;
    /** Bytes that are no record (a length past the unit's end): the rest of the unit is skipped. */
    static final int BAD_FRAME = -3;

    private static final int CHUNK = 32;

    private final NonVolatileStorage storage;
    private final Crc32 crc;
    private final UnitHeader header;
    private final int unitSize;
    private final int units;
    private final byte[] chunk = new byte[CHUNK];
    private int headSlot;
    private int headSequence;
    private int slot;
    private int sequence;
    private int offset;
    private int bodyLength;

    JournalCursor(NonVolatileStorage storage, Crc32 crc, UnitHeader header) {
        this.storage = storage;
        this.crc = crc;
        this.header = header;
        unitSize = storage.pageSize();
        units = storage.size() / unitSize;
    }

    /** Starts before the first unit whose sequence is at least {@code base}, up to the head unit. */
    void start(int newHeadSlot, int newHeadSequence, int base) {
        headSlot = newHeadSlot;
        headSequence = newHeadSequence;
        slot = newHeadSlot;
        sequence = base - 1;
        offset = unitSize;
    }

    /** The next record's type (its CRC checked), END, BAD_CRC, BAD_FRAME or STORAGE_ERROR. */
    int next() {
        while (true) {
            if (offset + JournalFormat.RECORD_OVERHEAD <= unitSize) {
                if (NonVolatileStorage.OK != storage.read(address(), chunk, 0, JournalFormat.RECORD_HEAD)) {
                    return SessionStatus.STORAGE_ERROR;
                }
                int type = chunk[0] & 0xFF;
                if (JournalFormat.BLANK != type) {
                    bodyLength = JournalFormat.getU16(chunk, 1);
                    if (bodyLength > unitSize - offset - JournalFormat.RECORD_OVERHEAD) {
                        return BAD_FRAME;
                    }
                    return checkCrc(type);
                }
            }
            int moved = nextUnit();
            if (SessionStatus.OK != moved) {
                return moved;
            }
        }
    }

    void skip() {
        offset += JournalFormat.RECORD_OVERHEAD + bodyLength;
    }

    void skipUnit() {
        offset = unitSize;
    }

    int bodyLength() {
        return bodyLength;
    }

    /** The flash address of the current record's body. */
    int bodyAddress() {
        return address() + JournalFormat.RECORD_HEAD;
    }

    int slot() {
        return slot;
    }

    int sequence() {
        return sequence;
    }

    int offset() {
        return offset;
    }

    void moveTo(int newSlot, int newSequence, int newOffset) {
        slot = newSlot;
        sequence = newSequence;
        offset = newOffset;
    }

    /** Whether the unit holds only 0xFF from {@code from} to its end: OK, or INVALID, or STORAGE_ERROR. */
    int blankFrom(int unit, int from) {
        for (int done = from; done < unitSize; done += CHUNK) {
            int length = Math.min(CHUNK, unitSize - done);
            if (NonVolatileStorage.OK != storage.read(unit * unitSize + done, chunk, 0, length)) {
                return SessionStatus.STORAGE_ERROR;
            }
            for (int index = 0; index < length; index++) {
                if ((byte) 0xFF != chunk[index]) {
                    return UnitHeader.INVALID;
                }
            }
        }
        return SessionStatus.OK;
    }

    private int address() {
        return slot * unitSize + offset;
    }

    private int checkCrc(int type) {
        int value = crc.update(0, chunk, 0, JournalFormat.RECORD_HEAD);
        int at = bodyAddress();
        for (int done = 0; done < bodyLength; done += CHUNK) {
            int length = Math.min(CHUNK, bodyLength - done);
            if (NonVolatileStorage.OK != storage.read(at + done, chunk, 0, length)) {
                return SessionStatus.STORAGE_ERROR;
            }
            value = crc.update(value, chunk, 0, length);
        }
        if (NonVolatileStorage.OK != storage.read(at + bodyLength, chunk, 0, 4)) {
            return SessionStatus.STORAGE_ERROR;
        }
        return value == JournalFormat.getU32(chunk, 0) ? type : BAD_CRC;
    }

    /** Moves to the next unit of the log (a later sequence, up to the head): OK, END or STORAGE_ERROR. */
    private int nextUnit() {
        if (slot == headSlot && sequence == headSequence) {
            return END;
        }
        int candidate = slot;
        for (int step = 0; step < units; step++) {
            candidate = candidate + 1 == units ? 0 : candidate + 1;
            int status = header.read(candidate);
            if (SessionStatus.STORAGE_ERROR == status) {
                return status;
            }
            if (UnitHeader.VALID == status && header.sequence() - sequence > 0
                    && headSequence - header.sequence() >= 0) {
                slot = candidate;
                sequence = header.sequence();
                offset = JournalFormat.HEADER_LENGTH;
                return SessionStatus.OK;
            }
            if (candidate == headSlot) {
                break;
            }
        }
        return END;
    }
}
