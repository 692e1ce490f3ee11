package dev.tern.mqtt.session;

import java.util.Arrays;

/**
 * The client's outgoing inflight records (QoS 1/2 PUBLISH, SUBSCRIBE, UNSUBSCRIBE) in parallel
 * primitive arrays of fixed capacity, with the bytes of each stored packet in a slab of
 * fixed-size slots:
 *
 * <pre>
 *  slot:        0              1              2                  capacity-1
 *  slab:  [maxPacketSize][maxPacketSize][maxPacketSize] ... [maxPacketSize]
 *          ^ packetOffset(0)   bytes used: packetLength(slot)
 *  sendOrderSlots: [slot of oldest record, ..., slot of newest record]   (size entries)
 * </pre>
 *
 * A record is addressed by its slot (0..capacity-1). Packets are opaque bytes here; the client
 * encodes straight into {@link #slab()} after {@link #reserve} and sends straight from it.
 */
public final class OutgoingTable {

    private static final int NO_PACKET_ID = 0;

    private final int capacity;
    private final int maxPacketSize;
    private final int[] packetIds;
    private final byte[] qos;
    private final byte[] states;
    private final int[] deadlines;
    private final int[] epochs;
    private final int[] sendSequences;
    private final int[] packetLengths;
    private final int[] sendOrderSlots;
    private final byte[] slab;
    private int size;
    private int nextSendSequence;
    private long republished;

    public OutgoingTable(int capacity, int maxPacketSize) {
        if (capacity < 1 || capacity > 65535) {
            throw new IllegalArgumentException("capacity=" + capacity);
        }
        // 65535 at most: the session image stores a packet's length in 16 bits
        if (maxPacketSize < 2 || maxPacketSize > 65535 || (long) capacity * maxPacketSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxPacketSize=" + maxPacketSize);
        }
        this.capacity = capacity;
        this.maxPacketSize = maxPacketSize;
        packetIds = new int[capacity];
        qos = new byte[capacity];
        states = new byte[capacity];
        deadlines = new int[capacity];
        epochs = new int[capacity];
        sendSequences = new int[capacity];
        packetLengths = new int[capacity];
        sendOrderSlots = new int[capacity];
        slab = new byte[capacity * maxPacketSize];
    }

    public int capacity() {
        return capacity;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == capacity;
    }

    /**
     * Takes a free slot for a new record, last in send order, with an empty packet: the slot
     * index, or TABLE_FULL, PACKET_ID_IN_USE, INVALID_PACKET_ID, INVALID_QOS, INVALID_STATE.
     */
    public int reserve(int packetId, int qosLevel, int state, int epoch) {
        if (packetId < 1 || packetId > 65535) {
            return SessionStatus.INVALID_PACKET_ID;
        }
        if (qosLevel < 0 || qosLevel > 2) {
            return SessionStatus.INVALID_QOS;
        }
        if (!QosStates.isOutgoingRecordState(state)) {
            return SessionStatus.INVALID_STATE;
        }
        if (find(packetId) >= 0) {
            return SessionStatus.PACKET_ID_IN_USE;
        }
        if (size == capacity) {
            return SessionStatus.TABLE_FULL;
        }
        int slot = 0;
        while (NO_PACKET_ID != packetIds[slot]) {
            slot++;
        }
        packetIds[slot] = packetId;
        qos[slot] = (byte) qosLevel;
        states[slot] = (byte) state;
        deadlines[slot] = 0;
        epochs[slot] = epoch;
        sendSequences[slot] = nextSendSequence++;
        packetLengths[slot] = 0;
        sendOrderSlots[size++] = slot;
        return slot;
    }

    /** {@link #reserve} and copy the packet bytes into the slot: the slot, or a failure status. */
    public int add(int packetId, int qosLevel, int state, int epoch, byte[] packet, int offset, int length) {
        if (length < 0 || length > maxPacketSize) {
            return SessionStatus.PACKET_TOO_LARGE;
        }
        int slot = reserve(packetId, qosLevel, state, epoch);
        if (slot < 0) {
            return slot;
        }
        System.arraycopy(packet, offset, slab, slot * maxPacketSize, length);
        packetLengths[slot] = length;
        return slot;
    }

    /** The slot of the live record with this id, or NOT_FOUND. */
    public int find(int packetId) {
        if (NO_PACKET_ID == packetId) {
            return SessionStatus.NOT_FOUND;
        }
        for (int slot = 0; slot < capacity; slot++) {
            if (packetId == packetIds[slot]) {
                return slot;
            }
        }
        return SessionStatus.NOT_FOUND;
    }

    /**
     * Applies {@link QosTransitions#next} to the record in {@code slot}; a record whose next state
     * is FREE is released. Returns the packed transition result.
     */
    public int transition(int slot, int event) {
        int result = QosTransitions.next(states[slot], event);
        int nextState = QosTransitions.nextState(result);
        if (QosActions.REPUBLISH_AS_NEW == QosTransitions.action(result)) {
            republished++;
        }
        if (QosStates.FREE == nextState) {
            release(slot);
        } else {
            states[slot] = (byte) nextState;
        }
        return result;
    }

    /** {@link #transition} for the record with this id; an unknown id is in state FREE. */
    public int onEvent(int packetId, int event) {
        int slot = find(packetId);
        if (slot < 0) {
            return QosTransitions.next(QosStates.FREE, event);
        }
        return transition(slot, event);
    }

    /** Frees the slot and its packet id; a free slot is left as it is. */
    public void release(int slot) {
        if (NO_PACKET_ID == packetIds[slot]) {
            return;
        }
        packetIds[slot] = NO_PACKET_ID;
        states[slot] = QosStates.FREE;
        packetLengths[slot] = 0;
        int index = 0;
        while (slot != sendOrderSlots[index]) {
            index++;
        }
        System.arraycopy(sendOrderSlots, index + 1, sendOrderSlots, index, size - index - 1);
        size--;
    }

    /** Releases every record. */
    public void clear() {
        Arrays.fill(packetIds, NO_PACKET_ID);
        Arrays.fill(states, (byte) QosStates.FREE);
        Arrays.fill(packetLengths, 0);
        size = 0;
    }

    /** The slot of the {@code index}-th live record in send order (0 = oldest), for re-sends. */
    public int slotInSendOrder(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index=" + index);
        }
        return sendOrderSlots[index];
    }

    /** The awaiting-ack record whose deadline comes first (wrap-safe), or NOT_FOUND. */
    public int earliestDeadlineSlot() {
        int earliest = SessionStatus.NOT_FOUND;
        for (int index = 0; index < size; index++) {
            int slot = sendOrderSlots[index];
            if (QosStates.awaitsAck(states[slot])
                    && (earliest < 0 || Millis.isBefore(deadlines[slot], deadlines[earliest]))) {
                earliest = slot;
            }
        }
        return earliest;
    }

    public int packetId(int slot) {
        return packetIds[slot];
    }

    public int qos(int slot) {
        return qos[slot];
    }

    public int state(int slot) {
        return states[slot];
    }

    public int deadline(int slot) {
        return deadlines[slot];
    }

    public void setDeadline(int slot, int deadlineMillis) {
        deadlines[slot] = deadlineMillis;
    }

    /** The connection epoch the record was last sent on (the client counts connections). */
    public int epoch(int slot) {
        return epochs[slot];
    }

    public void setEpoch(int slot, int epoch) {
        epochs[slot] = epoch;
    }

    /** The number given to the record when it was added; later records have later numbers. */
    public int sendSequence(int slot) {
        return sendSequences[slot];
    }

    /** PUBLISH records sent again as new messages because the broker had lost the session. */
    public long republishedCount() {
        return republished;
    }

    /** The slab holding every slot's packet bytes: send from it, encode into it. */
    public byte[] slab() {
        return slab;
    }

    public int packetOffset(int slot) {
        return slot * maxPacketSize;
    }

    public int packetLength(int slot) {
        return packetLengths[slot];
    }

    /** Sets the length of the packet the client encoded into the slot: OK or PACKET_TOO_LARGE. */
    public int setPacketLength(int slot, int length) {
        if (length < 0 || length > maxPacketSize) {
            return SessionStatus.PACKET_TOO_LARGE;
        }
        packetLengths[slot] = length;
        return SessionStatus.OK;
    }
}
