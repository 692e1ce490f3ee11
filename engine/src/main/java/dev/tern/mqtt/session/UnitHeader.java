package dev.tern.mqtt.session;

import dev.tern.hal.NonVolatileStorage;

/**
 * Reads and encodes the header at the start of a journal unit ({@link JournalFormat}): a
 * flyweight over one small buffer, reused for every unit.
 */
final class UnitHeader {

    static final int VALID = 0;
    static final int INVALID = 1;

    private final NonVolatileStorage storage;
    private final Crc32 crc;
    private final int unitSize;
    private final byte[] bytes = new byte[JournalFormat.HEADER_LENGTH];
    private int sequence;
    private int baseSequence;
    private int retiredCount;

    UnitHeader(NonVolatileStorage storage, Crc32 crc) {
        this.storage = storage;
        this.crc = crc;
        this.unitSize = storage.pageSize();
    }

    /** Reads unit {@code slot}'s header: VALID, INVALID (blank, torn, garbage, another format) or STORAGE_ERROR. */
    int read(int slot) {
        if (NonVolatileStorage.OK != storage.read(slot * unitSize, bytes, 0, JournalFormat.HEADER_LENGTH)) {
            return SessionStatus.STORAGE_ERROR;
        }
        if (JournalFormat.MAGIC != JournalFormat.getU32(bytes, JournalFormat.MAGIC_OFFSET)
                || JournalFormat.VERSION != bytes[JournalFormat.VERSION_OFFSET]
                || crc.compute(bytes, 0, JournalFormat.HEADER_CRC_OFFSET)
                        != JournalFormat.getU32(bytes, JournalFormat.HEADER_CRC_OFFSET)) {
            return INVALID;
        }
        sequence = JournalFormat.getU32(bytes, JournalFormat.SEQUENCE_OFFSET);
        baseSequence = JournalFormat.getU32(bytes, JournalFormat.BASE_OFFSET);
        retiredCount = Math.min(bytes[JournalFormat.RETIRED_COUNT_OFFSET] & 0xFF, JournalFormat.MAX_RETIRED);
        return VALID;
    }

    /** Whether the bytes the last {@link #read} saw were all 0xFF (an erased unit). */
    boolean wasBlank() {
        for (int index = 0; index < JournalFormat.HEADER_LENGTH; index++) {
            if ((byte) 0xFF != bytes[index]) {
                return false;
            }
        }
        return true;
    }

    int sequence() {
        return sequence;
    }

    int baseSequence() {
        return baseSequence;
    }

    int retiredCount() {
        return retiredCount;
    }

    int retiredSlot(int index) {
        return JournalFormat.getU16(bytes, JournalFormat.RETIRED_OFFSET + 2 * index);
    }

    /** Encodes a header into the buffer and returns it, ready to program at the unit's start. */
    byte[] encode(int newSequence, int newBase, int[] retired, int count) {
        java.util.Arrays.fill(bytes, (byte) 0xFF);
        JournalFormat.putU32(bytes, JournalFormat.MAGIC_OFFSET, JournalFormat.MAGIC);
        bytes[JournalFormat.VERSION_OFFSET] = (byte) JournalFormat.VERSION;
        bytes[JournalFormat.RETIRED_COUNT_OFFSET] = (byte) count;
        JournalFormat.putU16(bytes, JournalFormat.RETIRED_COUNT_OFFSET + 1, 0);
        JournalFormat.putU32(bytes, JournalFormat.SEQUENCE_OFFSET, newSequence);
        JournalFormat.putU32(bytes, JournalFormat.BASE_OFFSET, newBase);
        for (int index = 0; index < count; index++) {
            JournalFormat.putU16(bytes, JournalFormat.RETIRED_OFFSET + 2 * index, retired[index]);
        }
        JournalFormat.putU32(bytes, JournalFormat.HEADER_CRC_OFFSET, crc.compute(bytes, 0, JournalFormat.HEADER_CRC_OFFSET));
        return bytes;
    }
}
