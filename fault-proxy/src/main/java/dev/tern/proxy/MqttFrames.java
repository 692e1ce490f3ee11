package dev.tern.proxy;

import java.util.Optional;

/**
 * Finds MQTT packet boundaries in a byte stream (fixed header: type/flags byte, then a remaining
 * length of 1 to 4 bytes, 7 bits each, least significant first). Enough framing for a proxy; it
 * does not validate packets beyond that.
 */
final class MqttFrames {

    private MqttFrames() {
    }

    /** Length of the whole packet starting at {@code offset}, or empty when more bytes are needed. */
    static Optional<Integer> packetLength(byte[] buffer, int offset, int available) {
        int multiplier = 1;
        int remaining = 0;
        for (int i = 1; i <= 4; i++) {
            if (i >= available) {
                return Optional.empty();
            }
            int digit = buffer[offset + i] & 0xFF;
            remaining += (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0) {
                return Optional.of(1 + i + remaining);
            }
            multiplier *= 128;
        }
        throw new IllegalStateException("remaining length longer than 4 bytes: not an MQTT stream");
    }

    /** The packet identifier of a packet that carries one, else -1. */
    static int packetId(byte[] packet) {
        PacketType type = PacketType.ofFirstByte(packet[0] & 0xFF);
        int headerLength = 1;
        while ((packet[headerLength] & 0x80) != 0) {
            headerLength++;
        }
        headerLength++;
        int at;
        switch (type) {
            case PUBLISH -> {
                if (((packet[0] >> 1) & 0x03) == 0) {
                    return -1;
                }
                int topicLength = ((packet[headerLength] & 0xFF) << 8) | (packet[headerLength + 1] & 0xFF);
                at = headerLength + 2 + topicLength;
            }
            case PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK -> at = headerLength;
            default -> {
                return -1;
            }
        }
        if (at + 1 >= packet.length) {
            return -1;
        }
        return ((packet[at] & 0xFF) << 8) | (packet[at + 1] & 0xFF);
    }
}
