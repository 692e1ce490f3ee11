package dev.tern.mqtt.session;

/**
 * The bytes of the session journal (see {@link SessionStore} and docs/session-journal.md). All
 * numbers big-endian. The region is a ring of erase units; each unit starts with a header written
 * right after its erase, then records, then blank bytes (0xFF) up to its end.
 *
 * <pre>
 *  unit header (HEADER_LENGTH = 36):
 *   0      4        5        6          8          12             16                    32
 *  +------+--------+--------+----------+----------+--------------+---------------------+-------+
 *  |magic |version |retired |reserved 0| sequence | baseSequence | retired units u16x8 | crc32 |
 *  +------+--------+--------+----------+----------+--------------+---------------------+-------+
 *   sequence: +1 per unit opened; baseSequence: the unit where the newest committed checkpoint
 *   began when this unit was opened (restore replays from there)
 *
 *  record (RECORD_OVERHEAD = 7 bytes + body; never crosses a unit end):
 *  +------+-------------+-------------------+--------------------------------+
 *  | type | bodyLength  | body              | crc32 over type, length, body  |
 *  | u8   | u16         | bodyLength bytes  | u32                            |
 *  +------+-------------+-------------------+--------------------------------+
 *   type 0xFF (blank): no more records in this unit
 *
 *  transaction (one save): BEGIN(kind) record... COMMIT(count); it may continue in the next unit.
 *  A CHECKPOINT transaction holds the whole session; a DELTA the changes since the last save.
 * </pre>
 */
public final class JournalFormat {

    public static final int MAGIC = 0x54524A31; // "TRJ1"
    public static final int VERSION = 1;
    public static final int MAX_RETIRED = 8;
    public static final int HEADER_LENGTH = 36;
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int RETIRED_COUNT_OFFSET = 5;
    static final int SEQUENCE_OFFSET = 8;
    static final int BASE_OFFSET = 12;
    static final int RETIRED_OFFSET = 16;
    static final int HEADER_CRC_OFFSET = 32;

    /** type u8 + bodyLength u16 before the body, crc32 after it. */
    public static final int RECORD_HEAD = 3;
    public static final int RECORD_OVERHEAD = RECORD_HEAD + 4;
    public static final int BLANK = 0xFF;

    /** Body: kind u8 (DELTA or CHECKPOINT). */
    public static final int BEGIN = 1;
    /** Body: records between BEGIN and COMMIT, u16. Written last: the transaction counts only with it. */
    public static final int COMMIT = 2;
    /** Body: packet id u16, QoS u8, state u8, packet bytes. Last in send order. */
    public static final int OUTGOING_ADDED = 3;
    /** Body: packet id u16. A QoS 2 record got its PUBREC: it is in the PUBREL phase now. */
    public static final int OUTGOING_PUBREC = 4;
    /** Body: packet id u16. */
    public static final int OUTGOING_REMOVED = 5;
    /** Body: packet ids u16 each, stored in the incoming QoS 2 table. */
    public static final int INCOMING_STORED = 6;
    /** Body: packet ids u16 each, released from the incoming QoS 2 table. */
    public static final int INCOMING_RELEASED = 7;
    /** Body: offline queue bytes appended at its tail (whole records once the transaction ends). */
    public static final int OFFLINE_BYTES = 8;
    /** Body: u16 count of oldest offline records popped. */
    public static final int OFFLINE_POPPED = 9;
    /** Body: the packet id allocator's next candidate, u16. */
    public static final int NEXT_ID = 10;
    /** Body: the session's application data ({@link Session#APPLICATION_DATA_LENGTH} bytes). */
    public static final int APPLICATION_DATA = 11;
    /** Body: the broker's Assigned Client Identifier, 0..room bytes (none: the id was forgotten). */
    public static final int ASSIGNED_CLIENT_ID = 12;

    public static final int DELTA = 0;
    public static final int CHECKPOINT = 1;

    static final int PHASE_NONE = 0;
    static final int PHASE_QOS1_PUBLISH = 1;
    static final int PHASE_QOS2_PUBLISH = 2;
    static final int PHASE_PUBREL = 3;
    static final int PHASE_SUBSCRIBE = 4;
    static final int PHASE_UNSUBSCRIBE = 5;

    private JournalFormat() {
    }

    /**
     * The durable phase of an outgoing state: the store writes a change of phase, not the
     * SEND/PENDING/RESEND flips inside one (a restored record counts as sent anyway).
     */
    static int phase(int state) {
        switch (state) {
            case QosStates.QOS1_PUBLISH_SEND:
            case QosStates.QOS1_PUBLISH_RESEND:
            case QosStates.PUBACK_PENDING:
                return PHASE_QOS1_PUBLISH;
            case QosStates.QOS2_PUBLISH_SEND:
            case QosStates.QOS2_PUBLISH_RESEND:
            case QosStates.PUBREC_PENDING:
                return PHASE_QOS2_PUBLISH;
            case QosStates.PUBREL_SEND:
            case QosStates.PUBREL_RESEND:
            case QosStates.PUBCOMP_PENDING:
                return PHASE_PUBREL;
            case QosStates.SUBSCRIBE_SEND:
            case QosStates.SUBACK_PENDING:
                return PHASE_SUBSCRIBE;
            case QosStates.UNSUBSCRIBE_SEND:
            case QosStates.UNSUBACK_PENDING:
                return PHASE_UNSUBSCRIBE;
            default:
                return PHASE_NONE;
        }
    }

    /** A transaction holding {@code records} records of {@code bodies} body bytes in all, with BEGIN and COMMIT. */
    static int transactionLength(int records, int bodies) {
        return (records + 2) * RECORD_OVERHEAD + bodies + 1 + 2;
    }

    /**
     * Flash bytes the journal appends per message, for wear projections, when the engine saves once
     * per durable transition (lazily combined saves cost less) and no checkpoint is due (a
     * checkpoint costs the whole session once per unit filled, see docs/session-journal.md).
     * Outgoing QoS 1: added (with the next packet id), removed. Outgoing QoS 2: added, PUBREC phase, removed. Incoming
     * QoS 2: id stored, id released. Incoming QoS 0/1 and outgoing QoS 0 store nothing.
     */
    public static int bytesPerMessage(int qos, boolean outgoing, int publishLength) {
        int idRecord = transactionLength(1, 2);
        // the add carries the allocator's next packet id too
        int added = transactionLength(2, 4 + publishLength + 2);
        if (outgoing) {
            if (1 == qos) {
                return added + idRecord;
            }
            if (2 == qos) {
                return added + 2 * idRecord;
            }
            return 0;
        }
        return 2 == qos ? 2 * idRecord : 0;
    }

    static void putU16(byte[] bytes, int offset, int value) {
        SessionImage.putU16(bytes, offset, value);
    }

    static void putU32(byte[] bytes, int offset, int value) {
        SessionImage.putU32(bytes, offset, value);
    }

    static int getU16(byte[] bytes, int offset) {
        return SessionImage.getU16(bytes, offset);
    }

    static int getU32(byte[] bytes, int offset) {
        return SessionImage.getU32(bytes, offset);
    }
}
