package dev.tern.mqtt.session;

/**
 * The byte layout of a {@link Session} as the {@link SessionStore} keeps it (the body of a stored
 * copy). All numbers big-endian.
 *
 * <pre>
 *  offset  size
 *  0       2     next packet id to try (u16)
 *  2       2     N = outgoing records (u16)
 *  4       2     M = incoming QoS 2 ids (u16)
 *  6       2     K = offline queue records (u16, a check on the queue bytes)
 *  8       4     Q = offline queue bytes (u32)
 *  12      32    application data (the session's, saved and restored as it is)
 *  44      ...   N outgoing records, oldest send order first:
 *                +-----------+-----+-------+--------------+------------------+
 *                | packet id | QoS | state | packetLength | packet bytes     |
 *                | u16       | u8  | u8    | u16          | packetLength     |
 *                +-----------+-----+-------+--------------+------------------+
 *          2*M   incoming ids (u16 each)
 *          Q     offline queue records, oldest first (the layout of {@link OfflineQueue})
 * </pre>
 *
 * Deadlines and connection epochs are not stored: after a reboot every record waits for the next
 * CONNACK, which drives SESSION_RESUMED or SESSION_LOST.
 */
public final class SessionImage {

    public static final int HEADER_LENGTH = 12 + Session.APPLICATION_DATA_LENGTH;
    public static final int RECORD_HEADER_LENGTH = 6;
    private static final int NEXT_ID_OFFSET = 0;
    private static final int OUTGOING_COUNT_OFFSET = 2;
    private static final int INCOMING_COUNT_OFFSET = 4;
    private static final int OFFLINE_COUNT_OFFSET = 6;
    private static final int OFFLINE_BYTES_OFFSET = 8;
    private static final int APPLICATION_DATA_OFFSET = 12;

    private SessionImage() {
    }

    /** The largest image a configuration can produce. */
    public static int maxLength(int outgoingCapacity, int maxPacketSize, int incomingCapacity, int offlineBytes) {
        long length = HEADER_LENGTH + (long) outgoingCapacity * (RECORD_HEADER_LENGTH + maxPacketSize)
                + 2L * incomingCapacity + offlineBytes;
        return length > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) length;
    }

    /** Writes the session at {@code offset}: the image length, or SESSION_TOO_LARGE if over {@code maxLength}. */
    public static int encode(Session session, byte[] destination, int offset, int maxLength) {
        OutgoingTable outgoing = session.outgoing();
        IncomingQos2Table incoming = session.incoming();
        OfflineQueue queue = session.offlineQueue();
        int length = HEADER_LENGTH + 2 * incoming.size() + queue.usedBytes();
        for (int index = 0; index < outgoing.size(); index++) {
            length += RECORD_HEADER_LENGTH + outgoing.packetLength(outgoing.slotInSendOrder(index));
        }
        if (length > maxLength || length > destination.length - offset) {
            return SessionStatus.SESSION_TOO_LARGE;
        }
        putU16(destination, offset + NEXT_ID_OFFSET, session.packetIds().nextCandidate());
        putU16(destination, offset + OUTGOING_COUNT_OFFSET, outgoing.size());
        putU16(destination, offset + INCOMING_COUNT_OFFSET, incoming.size());
        putU16(destination, offset + OFFLINE_COUNT_OFFSET, queue.count());
        putU32(destination, offset + OFFLINE_BYTES_OFFSET, queue.usedBytes());
        System.arraycopy(session.applicationData(), 0, destination, offset + APPLICATION_DATA_OFFSET,
                Session.APPLICATION_DATA_LENGTH);
        int position = offset + HEADER_LENGTH;
        for (int index = 0; index < outgoing.size(); index++) {
            int slot = outgoing.slotInSendOrder(index);
            int packetLength = outgoing.packetLength(slot);
            putU16(destination, position, outgoing.packetId(slot));
            destination[position + 2] = (byte) outgoing.qos(slot);
            destination[position + 3] = (byte) outgoing.state(slot);
            putU16(destination, position + 4, packetLength);
            System.arraycopy(outgoing.slab(), outgoing.packetOffset(slot), destination,
                    position + RECORD_HEADER_LENGTH, packetLength);
            position += RECORD_HEADER_LENGTH + packetLength;
        }
        for (int index = 0; index < incoming.size(); index++) {
            putU16(destination, position, incoming.packetIdAt(index));
            position += 2;
        }
        position += queue.copyContents(destination, position);
        return position - offset;
    }

    /**
     * Replaces the session's contents with the image: OK, SESSION_DOES_NOT_FIT (more records or
     * bigger packets than this configuration holds) or STORE_CORRUPT (the bytes do not parse). On a
     * failure the session is left empty.
     */
    public static int decode(byte[] source, int offset, int length, Session session) {
        session.clear();
        int status = decodeInto(source, offset, length, session);
        if (SessionStatus.OK != status) {
            session.clear();
        }
        return status;
    }

    private static int decodeInto(byte[] source, int offset, int length, Session session) {
        if (length < HEADER_LENGTH) {
            return SessionStatus.STORE_CORRUPT;
        }
        int end = offset + length;
        int outgoingCount = getU16(source, offset + OUTGOING_COUNT_OFFSET);
        int incomingCount = getU16(source, offset + INCOMING_COUNT_OFFSET);
        int offlineCount = getU16(source, offset + OFFLINE_COUNT_OFFSET);
        int offlineBytes = getU32(source, offset + OFFLINE_BYTES_OFFSET);
        session.packetIds().restoreNextCandidate(getU16(source, offset + NEXT_ID_OFFSET));
        System.arraycopy(source, offset + APPLICATION_DATA_OFFSET, session.applicationData(), 0,
                Session.APPLICATION_DATA_LENGTH);
        OutgoingTable outgoing = session.outgoing();
        int position = offset + HEADER_LENGTH;
        for (int index = 0; index < outgoingCount; index++) {
            if (end - position < RECORD_HEADER_LENGTH) {
                return SessionStatus.STORE_CORRUPT;
            }
            int packetLength = getU16(source, position + 4);
            if (end - position - RECORD_HEADER_LENGTH < packetLength) {
                return SessionStatus.STORE_CORRUPT;
            }
            if (outgoing.isFull() || packetLength > outgoing.maxPacketSize()) {
                return SessionStatus.SESSION_DOES_NOT_FIT;
            }
            int slot = outgoing.add(getU16(source, position), source[position + 2], source[position + 3], 0,
                    source, position + RECORD_HEADER_LENGTH, packetLength);
            if (slot < 0) {
                return SessionStatus.STORE_CORRUPT;
            }
            position += RECORD_HEADER_LENGTH + packetLength;
        }
        IncomingQos2Table incoming = session.incoming();
        if (end - position < 2 * incomingCount) {
            return SessionStatus.STORE_CORRUPT;
        }
        if (incomingCount > incoming.capacity()) {
            return SessionStatus.SESSION_DOES_NOT_FIT;
        }
        for (int index = 0; index < incomingCount; index++) {
            if (SessionStatus.OK != incoming.store(getU16(source, position))) {
                return SessionStatus.STORE_CORRUPT;
            }
            position += 2;
        }
        if (offlineBytes < 0 || end - position != offlineBytes) {
            return SessionStatus.STORE_CORRUPT;
        }
        int status = session.offlineQueue().restore(source, position, offlineBytes);
        if (SessionStatus.OK != status) {
            return status;
        }
        return offlineCount == session.offlineQueue().count() ? SessionStatus.OK : SessionStatus.STORE_CORRUPT;
    }

    static void putU16(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 8);
        bytes[offset + 1] = (byte) value;
    }

    static void putU32(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 24);
        bytes[offset + 1] = (byte) (value >>> 16);
        bytes[offset + 2] = (byte) (value >>> 8);
        bytes[offset + 3] = (byte) value;
    }

    static int getU16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    static int getU32(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16)
                | ((bytes[offset + 2] & 0xFF) << 8) | (bytes[offset + 3] & 0xFF);
    }
}
