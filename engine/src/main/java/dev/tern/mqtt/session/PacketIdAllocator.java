package dev.tern.mqtt.session;

/**
 * Hands out packet ids 1..65535 in turn, wrapping from 65535 to 1 (0 is not a packet id), and
 * skips every id that is live in the outgoing table (PUBLISH, SUBSCRIBE and UNSUBSCRIBE share
 * one id space), so a new flow never collides with one still in flight: also after a wrap-around
 * and after a session restored from storage, whose records are in the table before the first
 * allocation.
 */
public final class PacketIdAllocator {

    private static final int MAX_PACKET_ID = 65535;

    private final OutgoingTable table;
    private int nextCandidate = 1;

    public PacketIdAllocator(OutgoingTable table) {
        if (null == table) {
            throw new IllegalArgumentException("table=null");
        }
        this.table = table;
    }

    /** A packet id that is not live in the table (1..65535), or ALL_IDS_IN_USE. */
    public int allocate() {
        for (int tries = 0; tries < MAX_PACKET_ID; tries++) {
            int candidate = nextCandidate;
            nextCandidate = MAX_PACKET_ID == candidate ? 1 : candidate + 1;
            if (table.find(candidate) < 0) {
                return candidate;
            }
        }
        return SessionStatus.ALL_IDS_IN_USE;
    }

    /** The id the next {@link #allocate()} tries first; the session store persists it. */
    public int nextCandidate() {
        return nextCandidate;
    }

    /** Restores the next candidate from storage; an id outside 1..65535 restarts at 1. */
    public void restoreNextCandidate(int packetId) {
        nextCandidate = packetId < 1 || packetId > MAX_PACKET_ID ? 1 : packetId;
    }
}
