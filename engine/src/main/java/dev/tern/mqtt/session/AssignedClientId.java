package dev.tern.mqtt.session;

/**
 * The Client Identifier an MQTT 5 broker assigned (CONNACK Assigned Client Identifier, 3.2.2.3.7)
 * to a client that connected with an empty one: part of the session, because a persistent session
 * is found again only under this id after a reboot. Room fixed at construction (0 for a client
 * that has its own id); {@link #changes()} lets the journal tell a new id from the one on flash.
 */
public final class AssignedClientId {

    private final byte[] bytes;
    private int length;
    private int changes;

    AssignedClientId(int room) {
        bytes = new byte[room];
    }

    /** Bytes the id may have at most. */
    public int room() {
        return bytes.length;
    }

    /** Bytes of the id; 0: none assigned. */
    public int length() {
        return length;
    }

    /** The id in its first {@link #length()} bytes; valid until the next change. */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * Keeps {@code source[offset .. offset+length)} as the id: OK (also when it is the id already
     * kept, which is then no change), or ASSIGNED_ID_TOO_LONG with the id kept so far unchanged.
     */
    public int set(byte[] source, int offset, int length) {
        if (length > bytes.length) {
            return SessionStatus.ASSIGNED_ID_TOO_LONG;
        }
        if (!equals(source, offset, length)) {
            System.arraycopy(source, offset, bytes, 0, length);
            this.length = length;
            changes++;
        }
        return SessionStatus.OK;
    }

    /** The id was read into {@link #bytes()} from the journal: {@code length} bytes of it count. */
    void restored(int length) {
        this.length = length;
        changes++;
    }

    /** Forgets the id (a new session). */
    public void clear() {
        if (length != 0) {
            length = 0;
            changes++;
        }
    }

    /** Grows by one at every change of the id. */
    public int changes() {
        return changes;
    }

    private boolean equals(byte[] source, int offset, int sourceLength) {
        if (sourceLength != length) {
            return false;
        }
        for (int index = 0; index < length; index++) {
            if (bytes[index] != source[offset + index]) {
                return false;
            }
        }
        return true;
    }
}
