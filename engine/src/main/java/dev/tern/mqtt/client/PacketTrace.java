package dev.tern.mqtt.client;

/**
 * Sees every packet the engine sends and receives, so that the application can log the
 * handshake as the tutorial prints it: {@code send: publish (id=17, qos=2, dup=0, 42 B)},
 * {@code receive: pubrec (id=17)}, {@code send: pubrel (id=17)}, {@code receive: pubcomp (id=17)}.
 * {@link TraceLine} formats one such line without allocating.
 */
public interface PacketTrace {

    /** A trace that ignores everything. */
    PacketTrace NONE = new PacketTrace() {
        @Override
        public void onPacket(boolean sent, int type, int packetId, int qos, boolean dup, int length) {
        }
    };

    /**
     * @param sent     true for a packet written to the transport, false for one received
     * @param type     a {@link dev.tern.mqtt.codec.PacketType} value
     * @param packetId the packet id, or 0 when the packet has none
     * @param qos      PUBLISH only; otherwise 0
     * @param dup      PUBLISH only
     * @param length   the whole packet in bytes
     */
    void onPacket(boolean sent, int type, int packetId, int qos, boolean dup, int length);
}
