package dev.tern.proxy;

/**
 * One packet the proxy forwarded (or cut on), as tests assert on it.
 *
 * @param connection which client connection through the proxy, counting from 1
 * @param direction  which way it travelled
 * @param type       its control packet type
 * @param flags      the low four bits of its first byte (for PUBLISH: DUP, QoS, RETAIN)
 * @param packetId   its packet identifier, or -1 for packets that have none
 * @param bytes      the whole packet
 */
public record SeenPacket(int connection, Direction direction, PacketType type, int flags, int packetId,
                         byte[] bytes) {

    public boolean dup() {
        return type == PacketType.PUBLISH && (flags & 0x08) != 0;
    }

    public int qos() {
        return type == PacketType.PUBLISH ? (flags >> 1) & 0x03 : -1;
    }

    @Override
    public String toString() {
        return "#" + connection + " " + direction + " " + type
                + (packetId >= 0 ? " id=" + packetId : "")
                + (type == PacketType.PUBLISH ? " qos=" + qos() + " dup=" + (dup() ? 1 : 0) : "");
    }
}
