package dev.tern.mqtt.session;

/**
 * The results of the session layer. {@link #OK} and counts or indexes (zero or more) mean success;
 * every failure is a negative value in -100..-199, so it cannot be mistaken for the codec's or the
 * HAL's codes in a log line.
 */
public final class SessionStatus {

    /** Done. */
    public static final int OK = 0;

    /** The outgoing inflight table has no free record: wait for an acknowledgement first. */
    public static final int TABLE_FULL = -100;
    /** The packet is longer than a slot of the packet slab (the configured maximum packet size). */
    public static final int SESSION_PACKET_TOO_LARGE = -101;
    /** A record with this packet id is already live; two flows may never share an id. */
    public static final int PACKET_ID_IN_USE = -102;
    /** A packet id outside 1..65535 (0 is not a packet id in MQTT). */
    public static final int SESSION_INVALID_PACKET_ID = -103;
    /** No live record has this packet id. */
    public static final int NOT_FOUND = -104;
    /** Every packet id 1..65535 is live in the outgoing table: nothing to allocate. */
    public static final int ALL_IDS_IN_USE = -105;
    /**
     * The incoming QoS 2 table cannot hold another id awaiting PUBREL: do not send PUBREC and do not
     * deliver, because a PUBREC promises exactly-once delivery the table could not keep.
     */
    public static final int SESSION_INCOMING_TABLE_FULL = -106;
    /** The offline queue has no room for the record and the policy is to refuse. */
    public static final int SESSION_OFFLINE_QUEUE_FULL = -107;
    /** The record is larger than the whole offline ring (or its length field): it can never fit. */
    public static final int OFFLINE_RECORD_TOO_LARGE = -108;
    /** The offline queue holds no record. */
    public static final int OFFLINE_QUEUE_EMPTY = -109;
    /** The caller's buffer is too small for the bytes to be copied into it. */
    public static final int BUFFER_TOO_SMALL = -110;
    /** The session image does not fit one area of the session store. */
    public static final int SESSION_TOO_LARGE = -111;
    /** The non-volatile storage reported an error (out of range or a failed erase/program). */
    public static final int STORAGE_ERROR = -112;
    /** The store holds no session (blank flash): the session starts empty. */
    public static final int STORE_EMPTY = -113;
    /** The store holds data but no valid copy (both corrupt): the session starts empty. */
    public static final int STORE_CORRUPT = -114;
    /** A valid stored session is larger than this configuration's tables: the session starts empty. */
    public static final int SESSION_DOES_NOT_FIT = -115;
    /** A state that is not an outgoing record state (see {@link QosStates}). */
    public static final int INVALID_STATE = -116;
    /** A QoS outside 0..2, or a QoS the operation cannot take. */
    public static final int SESSION_INVALID_QOS = -117;
    /**
     * The session flash is worn out: too few units erase and program reliably to hold the session
     * and its next checkpoint. The store no longer claims durability; nothing was written.
     */
    public static final int FLASH_WORN = -118;
    /** The oldest offline message's Message Expiry Interval has run out: drop it, never send it. */
    public static final int OFFLINE_MESSAGE_EXPIRED = -119;
    /** The broker's Assigned Client Identifier is longer than the room the session keeps for one; not kept. */
    public static final int ASSIGNED_ID_TOO_LONG = -120;

    private SessionStatus() {
    }

    /** The constant's name, for logs; {@code "UNKNOWN"} for any other value. */
    public static String name(int status) {
        switch (status) {
            case OK: return "OK";
            case TABLE_FULL: return "TABLE_FULL";
            case SESSION_PACKET_TOO_LARGE: return "SESSION_PACKET_TOO_LARGE";
            case PACKET_ID_IN_USE: return "PACKET_ID_IN_USE";
            case SESSION_INVALID_PACKET_ID: return "SESSION_INVALID_PACKET_ID";
            case NOT_FOUND: return "NOT_FOUND";
            case ALL_IDS_IN_USE: return "ALL_IDS_IN_USE";
            case SESSION_INCOMING_TABLE_FULL: return "SESSION_INCOMING_TABLE_FULL";
            case SESSION_OFFLINE_QUEUE_FULL: return "SESSION_OFFLINE_QUEUE_FULL";
            case OFFLINE_RECORD_TOO_LARGE: return "OFFLINE_RECORD_TOO_LARGE";
            case OFFLINE_QUEUE_EMPTY: return "OFFLINE_QUEUE_EMPTY";
            case BUFFER_TOO_SMALL: return "BUFFER_TOO_SMALL";
            case SESSION_TOO_LARGE: return "SESSION_TOO_LARGE";
            case STORAGE_ERROR: return "STORAGE_ERROR";
            case STORE_EMPTY: return "STORE_EMPTY";
            case STORE_CORRUPT: return "STORE_CORRUPT";
            case SESSION_DOES_NOT_FIT: return "SESSION_DOES_NOT_FIT";
            case INVALID_STATE: return "INVALID_STATE";
            case SESSION_INVALID_QOS: return "SESSION_INVALID_QOS";
            case FLASH_WORN: return "FLASH_WORN";
            case OFFLINE_MESSAGE_EXPIRED: return "OFFLINE_MESSAGE_EXPIRED";
            case ASSIGNED_ID_TOO_LONG: return "ASSIGNED_ID_TOO_LONG";
            default: return "UNKNOWN";
        }
    }
}
