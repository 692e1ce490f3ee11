package dev.tern.mqtt.session;

/**
 * Receiver side of QoS 2: the packet ids of PUBLISH packets answered with PUBREC whose PUBREL has
 * not come yet, in a fixed array. {@link #onEvent} refuses a new id when the table is full before
 * anything is sent, so the client never promises with PUBREC what it could not keep.
 *
 * <pre>
 *  ids: [id][id][id][ free ... ]      size ids, in no particular order
 * </pre>
 */
public final class IncomingQos2Table {

    /** Packet ids are 16-bit: two bytes each, so a table with room for a broker's overrun stays small. */
    private final char[] ids;
    private int size;
    private int fullRefusals;
    private int highWater;

    public IncomingQos2Table(int capacity) {
        if (capacity < 1 || capacity > 65535) {
            throw new IllegalArgumentException("capacity=" + capacity);
        }
        ids = new char[capacity];
    }

    public int capacity() {
        return ids.length;
    }

    public int size() {
        return size;
    }

    /** PUBREL_PENDING when the id is stored, FREE when it is not. */
    public int stateOf(int packetId) {
        return indexOf(packetId) >= 0 ? QosStates.PUBREL_PENDING : QosStates.FREE;
    }

    /**
     * Applies a receiver event to the id's flow and updates the table: the packed
     * {@link QosTransitions} result, or SESSION_INCOMING_TABLE_FULL (counted) when a new QoS 2 id cannot be
     * stored: then send no PUBREC and deliver nothing; or SESSION_INVALID_PACKET_ID.
     */
    public int onEvent(int packetId, int event) {
        if (packetId < 1 || packetId > 65535) {
            return SessionStatus.SESSION_INVALID_PACKET_ID;
        }
        int index = indexOf(packetId);
        int state = index >= 0 ? QosStates.PUBREL_PENDING : QosStates.FREE;
        int result = QosTransitions.next(state, event);
        int action = QosTransitions.action(result);
        if (QosActions.STORE_DELIVER_SEND_PUBREC == action) {
            int status = store(packetId);
            if (status < 0) {
                return status;
            }
        } else if (QosActions.RELEASE_SEND_PUBCOMP == action || QosActions.RELEASE == action) {
            removeAt(index);
        }
        return result;
    }

    /** Stores an id: OK (also when already stored), SESSION_INCOMING_TABLE_FULL (counted), SESSION_INVALID_PACKET_ID. */
    public int store(int packetId) {
        if (packetId < 1 || packetId > 65535) {
            return SessionStatus.SESSION_INVALID_PACKET_ID;
        }
        if (indexOf(packetId) >= 0) {
            return SessionStatus.OK;
        }
        if (size == ids.length) {
            fullRefusals++;
            return SessionStatus.SESSION_INCOMING_TABLE_FULL;
        }
        ids[size++] = (char) packetId;
        highWater = Math.max(highWater, size);
        return SessionStatus.OK;
    }

    /** Whether a QoS 2 PUBLISH with this id could be stored (already stored, or room left). */
    public boolean canStore(int packetId) {
        return indexOf(packetId) >= 0 || size < ids.length;
    }

    /** Forgets an id: OK or NOT_FOUND. */
    public int release(int packetId) {
        int index = indexOf(packetId);
        if (index < 0) {
            return SessionStatus.NOT_FOUND;
        }
        removeAt(index);
        return SessionStatus.OK;
    }

    /** The {@code index}-th stored id (0..size-1), for the session store. */
    public int packetIdAt(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index=" + index);
        }
        return ids[index];
    }

    public void clear() {
        size = 0;
    }

    /** The most ids the table held at once: how far a broker went past the window it was given. */
    public int highWater() {
        return highWater;
    }

    /** How many QoS 2 PUBLISH packets were refused because the table was full. */
    public int fullRefusals() {
        return fullRefusals;
    }

    private int indexOf(int packetId) {
        for (int index = 0; index < size; index++) {
            if (packetId == ids[index]) {
                return index;
            }
        }
        return SessionStatus.NOT_FOUND;
    }

    private void removeAt(int index) {
        ids[index] = ids[--size];
    }
}
