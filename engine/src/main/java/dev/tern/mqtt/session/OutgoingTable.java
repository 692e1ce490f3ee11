package dev.tern.mqtt.session;

import java.util.Arrays;

/**
 * The client's outgoing inflight records (QoS 1/2 PUBLISH, SUBSCRIBE, UNSUBSCRIBE) in parallel
 * primitive arrays of fixed capacity, with the bytes of every stored packet in one shared pool,
 * packed in send order:
 *
 * <pre>
 *  sendOrderSlots: [slot 2, slot 0, slot 5]          oldest record first (size entries)
 *  pool:   [ packet of slot 2 | hole | packet of slot 0 | packet of slot 5 | free ........ ]
 *            ^ packetOffset(2)         (a released record)                 ^ top
 * </pre>
 *
 * A new packet goes at the top. When the space above the top is too small but the free bytes
 * (holes included) are enough, the live packets are first moved down, in send order, to close the
 * holes: so any packet fits while the pool has that many free bytes, and offsets rise with send
 * order at all times. A record is addressed by its slot (0..capacity-1); a packet's offset changes
 * only inside {@link #reserve}. Packets are opaque bytes here; the client encodes straight into
 * {@link #slab()} after {@link #reserve} and sends straight from it.
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
    private final int[] packetOffsets;
    private final int[] sendOrderSlots;
    private final byte[] pool;
    private int size;
    private int usedBytes;
    private int nextSendSequence;
    private long republished;

    /** A table whose pool holds {@code capacity} packets of the maximum size. */
    public OutgoingTable(int capacity, int maxPacketSize) {
        this(capacity, maxPacketSize, poolForFullSlots(capacity, maxPacketSize));
    }

    /** A table whose packets share {@code poolBytes} (at least one packet of the maximum size). */
    public OutgoingTable(int capacity, int maxPacketSize, int poolBytes) {
        if (capacity < 1 || capacity > 65535) {
            throw new IllegalArgumentException("capacity=" + capacity);
        }
        // 65535 at most: the session image stores a packet's length in 16 bits
        if (maxPacketSize < 2 || maxPacketSize > 65535) {
            throw new IllegalArgumentException("maxPacketSize=" + maxPacketSize);
        }
        if (poolBytes < maxPacketSize) {
            throw new IllegalArgumentException("poolBytes=" + poolBytes + " is less than maxPacketSize=" + maxPacketSize);
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
        packetOffsets = new int[capacity];
        sendOrderSlots = new int[capacity];
        pool = new byte[poolBytes];
    }

    private static int poolForFullSlots(int capacity, int maxPacketSize) {
        long bytes = (long) capacity * maxPacketSize;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxPacketSize=" + maxPacketSize);
        }
        return (int) bytes;
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

    /** Bytes of the shared packet pool. */
    public int poolBytes() {
        return pool.length;
    }

    /** Pool bytes not held by a live record's packet (holes included: {@link #reserve} closes them). */
    public int freeBytes() {
        return pool.length - usedBytes;
    }

    /** Whether {@link #reserve} would find a slot and room for a packet of this length. */
    public boolean hasRoomFor(int packetLength) {
        return size < capacity && packetLength >= 0 && packetLength <= maxPacketSize && packetLength <= freeBytes();
    }

    /**
     * Takes a free slot for a new record, last in send order, with {@code packetLength} pool bytes
     * for its packet (to be written at {@link #packetOffset}): the slot index, or TABLE_FULL (no free
     * slot, or not that many free pool bytes), SESSION_PACKET_TOO_LARGE, PACKET_ID_IN_USE,
     * SESSION_INVALID_PACKET_ID, SESSION_INVALID_QOS, INVALID_STATE. May move other records' packets.
     */
    public int reserve(int packetId, int qosLevel, int state, int epoch, int packetLength) {
        if (packetId < 1 || packetId > 65535) {
            return SessionStatus.SESSION_INVALID_PACKET_ID;
        }
        if (qosLevel < 0 || qosLevel > 2) {
            return SessionStatus.SESSION_INVALID_QOS;
        }
        if (!QosStates.isOutgoingRecordState(state)) {
            return SessionStatus.INVALID_STATE;
        }
        if (find(packetId) >= 0) {
            return SessionStatus.PACKET_ID_IN_USE;
        }
        if (packetLength < 0 || packetLength > maxPacketSize) {
            return SessionStatus.SESSION_PACKET_TOO_LARGE;
        }
        if (size == capacity || packetLength > freeBytes()) {
            return SessionStatus.TABLE_FULL;
        }
        int at = top();
        if (pool.length - at < packetLength) {
            at = closeHoles();
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
        packetOffsets[slot] = at;
        packetLengths[slot] = packetLength;
        usedBytes += packetLength;
        sendOrderSlots[size++] = slot;
        return slot;
    }

    /** Where the next packet goes: just after the newest record's packet. */
    private int top() {
        if (0 == size) {
            return 0;
        }
        int newest = sendOrderSlots[size - 1];
        return packetOffsets[newest] + packetLengths[newest];
    }

    /** Moves every live packet down, oldest first, so that no hole is left: the new top. */
    private int closeHoles() {
        int cursor = 0;
        for (int index = 0; index < size; index++) {
            int slot = sendOrderSlots[index];
            // offsets rise with send order, so a packet only ever moves down over bytes already moved
            System.arraycopy(pool, packetOffsets[slot], pool, cursor, packetLengths[slot]);
            packetOffsets[slot] = cursor;
            cursor += packetLengths[slot];
        }
        return cursor;
    }

    /** {@link #reserve} and copy the packet bytes into the slot: the slot, or a failure status. */
    public int add(int packetId, int qosLevel, int state, int epoch, byte[] packet, int offset, int length) {
        int slot = reserve(packetId, qosLevel, state, epoch, length);
        if (slot < 0) {
            return slot;
        }
        System.arraycopy(packet, offset, pool, packetOffsets[slot], length);
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
        usedBytes -= packetLengths[slot];
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
        usedBytes = 0;
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

    /** The pool holding every record's packet bytes: send from it, encode into it. */
    public byte[] slab() {
        return pool;
    }

    /** Where the record's packet starts in {@link #slab()}; valid until the next {@link #reserve}. */
    public int packetOffset(int slot) {
        return packetOffsets[slot];
    }

    public int packetLength(int slot) {
        return packetLengths[slot];
    }
}
