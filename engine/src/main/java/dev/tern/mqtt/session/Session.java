package dev.tern.mqtt.session;

/**
 * One MQTT session's client-side state, sized once from the board's configuration: the outgoing
 * inflight table with its packet slab, the packet id allocator over it, the incoming QoS 2 table
 * and the offline queue. {@link SessionStore} saves and restores it as one image.
 */
public final class Session {

    /**
     * Bytes the application keeps in the session (a reading's sequence counters, say): saved with
     * every save and restored with the rest, so a change made before an accepted publish is stored
     * atomically with that publish.
     */
    public static final int APPLICATION_DATA_LENGTH = 32;

    private final byte[] applicationData = new byte[APPLICATION_DATA_LENGTH];

    private final OutgoingTable outgoing;
    private final PacketIdAllocator packetIds;
    private final IncomingQos2Table incoming;
    private final OfflineQueue offlineQueue;
    private final AssignedClientId assignedClientId;

    /** A session whose outgoing pool holds {@code outgoingCapacity} packets of the maximum size. */
    public Session(int outgoingCapacity, int maxPacketSize, int incomingCapacity,
            int offlineQueueBytes, int offlinePolicy) {
        this(new OutgoingTable(outgoingCapacity, maxPacketSize), incomingCapacity, offlineQueueBytes, offlinePolicy, 0);
    }

    /** A session whose outgoing packets share {@code outgoingPoolBytes} (see {@link OutgoingTable}). */
    public Session(int outgoingCapacity, int maxPacketSize, int outgoingPoolBytes, int incomingCapacity,
            int offlineQueueBytes, int offlinePolicy) {
        this(outgoingCapacity, maxPacketSize, outgoingPoolBytes, incomingCapacity, offlineQueueBytes, offlinePolicy, 0);
    }

    /** As above, with room for an {@link AssignedClientId} of up to {@code assignedIdRoom} bytes. */
    public Session(int outgoingCapacity, int maxPacketSize, int outgoingPoolBytes, int incomingCapacity,
            int offlineQueueBytes, int offlinePolicy, int assignedIdRoom) {
        this(new OutgoingTable(outgoingCapacity, maxPacketSize, outgoingPoolBytes), incomingCapacity,
                offlineQueueBytes, offlinePolicy, assignedIdRoom);
    }

    private Session(OutgoingTable outgoing, int incomingCapacity, int offlineQueueBytes, int offlinePolicy,
            int assignedIdRoom) {
        this.outgoing = outgoing;
        packetIds = new PacketIdAllocator(outgoing);
        incoming = new IncomingQos2Table(incomingCapacity);
        offlineQueue = new OfflineQueue(offlineQueueBytes, offlinePolicy);
        assignedClientId = new AssignedClientId(assignedIdRoom);
    }

    public OutgoingTable outgoing() {
        return outgoing;
    }

    public PacketIdAllocator packetIds() {
        return packetIds;
    }

    public IncomingQos2Table incoming() {
        return incoming;
    }

    public OfflineQueue offlineQueue() {
        return offlineQueue;
    }

    /** The Client Identifier the broker assigned this session (MQTT 5, empty configured id). */
    public AssignedClientId assignedClientId() {
        return assignedClientId;
    }

    /** The application's bytes, to read and change in place; saved with the next save. */
    public byte[] applicationData() {
        return applicationData;
    }

    /** Empties every part and restarts packet ids at 1: the state of a new session. */
    public void clear() {
        java.util.Arrays.fill(applicationData, (byte) 0);
        packetIds.restoreNextCandidate(1);
        outgoing.clear();
        incoming.clear();
        offlineQueue.clear();
        assignedClientId.clear();
    }

    /** The largest image {@link SessionImage#encode} can produce for this configuration. */
    public int maxImageLength() {
        return SessionImage.maxLength(outgoing.capacity(), outgoing.maxPacketSize(), incoming.capacity(),
                offlineQueue.capacityBytes());
    }
}
