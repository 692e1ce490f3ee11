package dev.tern.mqtt.session;

import dev.tern.hal.NonVolatileStorage;

/**
 * Appends records to the journal's ring of units ({@link JournalFormat}): opens a unit when the
 * next record does not fit the current one (one erase, a blank check, the header), verifies every
 * program by reading it back, retires a unit that fails, and counts the live and free units. In a
 * dry run it only moves the write position, so a save can measure a transaction before writing it.
 *
 * <p>Live units: those from the unit of the newest committed checkpoint ({@code baseSequence}) to
 * the head; only the others are ever erased.
 */
final class JournalWriter {

    private static final int SCRATCH = 32;
    private static final int STILL_PROGRAMMED = 1;

    private final NonVolatileStorage storage;
    private final Crc32 crc;
    private final UnitHeader header;
    private final int unitSize;
    private final int units;
    private final byte[] check = new byte[SCRATCH];
    private final byte[] head = new byte[JournalFormat.RECORD_HEAD + 1];
    private final byte[] small = new byte[2];
    private final int[] retired = new int[JournalFormat.MAX_RETIRED];
    private int retiredCount;
    private int headSlot;
    private int headSequence;
    private int maxSequence;
    private int writeOffset;
    private boolean live;
    private int baseSlot;
    private int baseSequence;
    private int liveLegacyUnits;
    private int failedEraseSlot = -1;
    private boolean dryRun;
    private int savedSlot;
    private int savedSequence;
    private int savedMaxSequence;
    private int savedOffset;
    private int unitsOpened;
    private int recordCrc;
    private int recordBodyLeft;
    private int transactionRecords;
    private int committedSlot;
    private int committedSequence;
    private int beginSlot;
    private int beginSequence;
    private boolean inCheckpoint;
    private long erases;
    private long bytesProgrammed;

    JournalWriter(NonVolatileStorage storage, Crc32 crc, UnitHeader header) {
        this.storage = storage;
        this.crc = crc;
        this.header = header;
        unitSize = storage.pageSize();
        units = storage.size() / unitSize;
        startEmpty(0);
    }

    int unitSize() {
        return unitSize;
    }

    int units() {
        return units;
    }

    /** Nothing live: the next unit opened is unit 0, with a sequence after {@code sequenceSeen}. */
    void startEmpty(int sequenceSeen) {
        continueAt(units - 1, sequenceSeen, sequenceSeen, unitSize);
        live = false;
        retiredCount = 0;
    }

    /**
     * Continues after unit {@code slot} ({@code offset} = unitSize when it must not be appended
     * to); the next unit opened gets a sequence after {@code sequenceSeen}. Nothing live until
     * {@link #setBase}.
     */
    void continueAt(int slot, int sequence, int sequenceSeen, int offset) {
        headSlot = slot;
        headSequence = sequence;
        maxSequence = sequenceSeen;
        writeOffset = offset;
        live = false;
        liveLegacyUnits = 0;
    }

    /** Units from {@code slot} to the head are live: they hold the newest checkpoint and what follows it. */
    void setBase(int slot, int sequence) {
        baseSlot = slot;
        baseSequence = sequence;
        live = true;
        liveLegacyUnits = 0;
    }

    /** Keeps {@code count} units ending at {@code lastSlot} (a legacy copy) untouched until a checkpoint commits. */
    void protectLegacy(int lastSlot, int count) {
        headSlot = lastSlot;
        writeOffset = unitSize;
        live = false;
        liveLegacyUnits = count;
    }

    void retire(int slot) {
        for (int index = 0; index < retiredCount; index++) {
            if (slot == retired[index]) {
                return;
            }
        }
        if (retiredCount < JournalFormat.MAX_RETIRED) {
            retired[retiredCount++] = slot;
        }
    }

    boolean isRetired(int slot) {
        for (int index = 0; index < retiredCount; index++) {
            if (slot == retired[index]) {
                return true;
            }
        }
        return false;
    }

    int retiredCount() {
        return retiredCount;
    }

    /** Units neither live nor retired: the room left before a checkpoint must free some. */
    int freeUnits() {
        return units - retiredCount - liveUnits();
    }

    int liveUnits() {
        if (!live) {
            return liveLegacyUnits;
        }
        int count = 0;
        for (int slot = baseSlot; ; slot = slot + 1 == units ? 0 : slot + 1) {
            count += isRetired(slot) ? 0 : 1;
            if (slot == headSlot) {
                return count;
            }
        }
    }

    /** After a transaction's COMMIT: a checkpoint becomes the base, older units are free. */
    void committed() {
        if (inCheckpoint) {
            setBase(beginSlot, beginSequence);
        }
        inCheckpoint = false;
    }

    /** After a failed transaction: back to the unit of the last commit, never appending after the failure. */
    void abandon() {
        inCheckpoint = false;
        headSlot = committedSlot;
        headSequence = committedSequence;
        writeOffset = unitSize;
    }

    /** Erases a unit that is not live (the first page of an imported legacy copy); the result does not matter. */
    void eraseFreeUnit(int slot) {
        erases++;
        storage.erase(slot);
    }

    long erases() {
        return erases;
    }

    long bytesProgrammed() {
        return bytesProgrammed;
    }

    // ------------------------------------------------------------------ dry runs

    void startDryRun() {
        dryRun = true;
        savedSlot = headSlot;
        savedSequence = headSequence;
        savedMaxSequence = maxSequence;
        savedOffset = writeOffset;
        unitsOpened = 0;
    }

    /** Ends a dry run, back at the position before it: the units it would have opened. */
    int endDryRun() {
        dryRun = false;
        headSlot = savedSlot;
        headSequence = savedSequence;
        maxSequence = savedMaxSequence;
        writeOffset = savedOffset;
        return unitsOpened;
    }

    // ------------------------------------------------------------------ transactions and records

    /** Writes BEGIN; a checkpoint starts in a fresh unit so every older unit is free once it commits. */
    int begin(int kind) {
        transactionRecords = 0;
        committedSlot = headSlot;
        committedSequence = headSequence;
        inCheckpoint = JournalFormat.CHECKPOINT == kind;
        if (inCheckpoint) {
            writeOffset = unitSize;
            beginSequence = maxSequence + 1; // the unit opened next: a unit that fails takes no number
        }
        int status = beginRecord(JournalFormat.BEGIN, 1);
        if (SessionStatus.OK != status) {
            return status;
        }
        beginSlot = headSlot;
        beginSequence = headSequence;
        small[0] = (byte) kind;
        status = body(small, 0, 1);
        return SessionStatus.OK != status ? status : endRecord();
    }

    /** Writes COMMIT: once it is on flash, restore applies the transaction. */
    int commit() {
        int records = transactionRecords - 1; // the records between BEGIN and COMMIT
        int status = beginRecord(JournalFormat.COMMIT, 2);
        if (SessionStatus.OK != status) {
            return status;
        }
        small[0] = (byte) (records >>> 8);
        small[1] = (byte) records;
        status = body(small, 0, 2);
        return SessionStatus.OK != status ? status : endRecord();
    }

    /**
     * Bytes of body a record may take in the current unit, after opening a new unit when fewer
     * than {@code wanted} (or at least {@code minimum}) fit: at most {@code wanted}, or a failure.
     */
    int roomForBody(int wanted, int minimum) {
        int room = unitSize - writeOffset - JournalFormat.RECORD_OVERHEAD;
        if (room < wanted && room < minimum) {
            int status = openNextUnit();
            if (SessionStatus.OK != status) {
                return status;
            }
            room = unitSize - writeOffset - JournalFormat.RECORD_OVERHEAD;
        }
        return Math.min(room, wanted);
    }

    /** Starts a record of {@code bodyLength} bytes, in a new unit when the current one has no room. */
    int beginRecord(int type, int bodyLength) {
        if (bodyLength > maxBodyLength()) {
            return SessionStatus.SESSION_TOO_LARGE;
        }
        int room = roomForBody(bodyLength, bodyLength);
        if (room < 0) {
            return room;
        }
        transactionRecords++;
        head[0] = (byte) type;
        head[1] = (byte) (bodyLength >>> 8);
        head[2] = (byte) bodyLength;
        recordBodyLeft = bodyLength;
        recordCrc = crc.update(0, head, 0, JournalFormat.RECORD_HEAD);
        return program(head, 0, JournalFormat.RECORD_HEAD);
    }

    int body(byte[] source, int offset, int length) {
        if (length > recordBodyLeft) {
            throw new IllegalStateException("length=" + length);
        }
        recordBodyLeft -= length;
        if (!dryRun) {
            recordCrc = crc.update(recordCrc, source, offset, length);
        }
        return program(source, offset, length);
    }

    int endRecord() {
        if (0 != recordBodyLeft) {
            throw new IllegalStateException("bodyLeft=" + recordBodyLeft);
        }
        JournalFormat.putU32(head, 0, recordCrc);
        return program(head, 0, 4);
    }

    /** The largest body a record can have: an empty unit less its header and the record overhead. */
    int maxBodyLength() {
        return Math.min(0xFFFF, unitSize - JournalFormat.HEADER_LENGTH - JournalFormat.RECORD_OVERHEAD);
    }

    // ------------------------------------------------------------------ flash

    private int openNextUnit() {
        while (true) {
            if (freeUnits() < 1) {
                return retiredCount > 0 ? SessionStatus.FLASH_WORN : SessionStatus.SESSION_TOO_LARGE;
            }
            int slot = nextUsableSlot(headSlot);
            if (dryRun) {
                unitsOpened++;
                useUnit(slot);
                return SessionStatus.OK;
            }
            erases++;
            int erased = storage.erase(slot);
            int blank = NonVolatileStorage.OK == erased ? blankCheck(slot) : erased;
            if (NonVolatileStorage.OK == blank) {
                failedEraseSlot = -1;
                int sequence = maxSequence + 1;
                // restore replays from the base: the live checkpoint, else the one being written
                int base = live ? baseSequence : inCheckpoint ? beginSequence : sequence;
                byte[] bytes = header.encode(sequence, base, retired, retiredCount);
                int programmed = programAt(slot * unitSize, bytes, 0, JournalFormat.HEADER_LENGTH);
                if (SessionStatus.OK != programmed) {
                    writeOffset = unitSize;
                    return SessionStatus.STORAGE_ERROR == programmed ? programmed : retireFailed(slot);
                }
                useUnit(slot);
                return SessionStatus.OK;
            }
            if (NonVolatileStorage.OUT_OF_RANGE == blank) {
                return SessionStatus.STORAGE_ERROR;
            }
            // worn NOR: an erase that leaves bits at 0, or that the HAL fails twice in a row while
            // another free unit still erases (when every unit fails, the part or its bus is at fault,
            // not this unit's wear: retiring would use the region up during an outage)
            if (NonVolatileStorage.HARDWARE_ERROR == blank
                    && (slot != failedEraseSlot || !anotherFreeUnitErases(slot))) {
                failedEraseSlot = slot;
                return SessionStatus.STORAGE_ERROR;
            }
            failedEraseSlot = -1;
            if (retiredCount == JournalFormat.MAX_RETIRED) {
                return SessionStatus.FLASH_WORN;
            }
            retire(slot);
        }
    }

    private void useUnit(int slot) {
        headSlot = slot;
        headSequence = ++maxSequence;
        writeOffset = JournalFormat.HEADER_LENGTH;
    }

    private int nextUsableSlot(int slot) {
        int next = slot;
        do {
            next = next + 1 == units ? 0 : next + 1;
        } while (isRetired(next) && next != slot);
        return next;
    }

    private int program(byte[] source, int offset, int length) {
        if (dryRun) {
            writeOffset += length;
            return SessionStatus.OK;
        }
        int status = programAt(headSlot * unitSize + writeOffset, source, offset, length);
        if (SessionStatus.OK != status) {
            writeOffset = unitSize; // never append after bytes that may be half written
            return SessionStatus.STORAGE_ERROR == status ? status : retireFailed(headSlot);
        }
        writeOffset += length;
        return SessionStatus.OK;
    }

    /** Programs and reads back: OK, STORAGE_ERROR (the HAL failed), or FLASH_WORN (bits did not stick). */
    private int programAt(int address, byte[] source, int offset, int length) {
        bytesProgrammed += length;
        if (NonVolatileStorage.OK != storage.program(address, source, offset, length)) {
            return SessionStatus.STORAGE_ERROR;
        }
        for (int done = 0; done < length; done += SCRATCH) {
            int chunk = Math.min(SCRATCH, length - done);
            if (NonVolatileStorage.OK != storage.read(address + done, check, 0, chunk)) {
                return SessionStatus.STORAGE_ERROR;
            }
            for (int index = 0; index < chunk; index++) {
                if (check[index] != source[offset + done + index]) {
                    return SessionStatus.FLASH_WORN;
                }
            }
        }
        return SessionStatus.OK;
    }

    /**
     * Whether the free unit after {@code slot} erases (a probe: it holds nothing live). False too
     * when there is no second free unit to probe, so nothing is retired on a guess.
     */
    private boolean anotherFreeUnitErases(int slot) {
        if (freeUnits() < 2) {
            return false;
        }
        int probe = nextUsableSlot(slot);
        erases++;
        return NonVolatileStorage.OK == storage.erase(probe) && NonVolatileStorage.OK == blankCheck(probe);
    }

    /** Retires a unit whose program did not verify; the save fails and the next one uses another unit. */
    private int retireFailed(int slot) {
        if (retiredCount == JournalFormat.MAX_RETIRED) {
            return SessionStatus.FLASH_WORN;
        }
        retire(slot);
        return SessionStatus.STORAGE_ERROR;
    }

    /** OK when the unit reads all 0xFF; STILL_PROGRAMMED when it does not; or the HAL's failure. */
    private int blankCheck(int slot) {
        for (int done = 0; done < unitSize; done += SCRATCH) {
            int chunk = Math.min(SCRATCH, unitSize - done);
            int status = storage.read(slot * unitSize + done, check, 0, chunk);
            if (NonVolatileStorage.OK != status) {
                return status;
            }
            for (int index = 0; index < chunk; index++) {
                if ((byte) 0xFF != check[index]) {
                    return STILL_PROGRAMMED;
                }
            }
        }
        return NonVolatileStorage.OK;
    }
}
