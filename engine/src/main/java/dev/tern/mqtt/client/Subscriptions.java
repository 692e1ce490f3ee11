package dev.tern.mqtt.client;

import dev.tern.mqtt.codec.SubscribeCodec;

/**
 * The topic filters the application subscribed to, with the QoS it asked for and the QoS the
 * broker granted (0x80 for a failure, {@link #NOT_GRANTED} before the SUBACK). Fixed capacity;
 * filter bytes live in one slab. The engine re-sends them all when the broker has no session.
 *
 * <pre>
 *  filterBytes: [filter 0 ][filter 1   ][filter 2]...        (packed, in subscription order)
 *  offsets[i], lengths[i] -> filter i;  options[i] (MQTT 5 subscription options: the requested QoS in
 *  the low two bits, then No Local, Retain As Published, Retain Handling), grantedQos[i], packetIds[i]
 * </pre>
 */
final class Subscriptions {

    /** No SUBACK has granted this filter yet. */
    static final int NOT_GRANTED = -1;
    /** SUBACK return code for a refused filter. */
    static final int FAILURE = 0x80;

    private final byte[] filterBytes;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] options;
    private final int[] grantedQos;
    private final int[] packetIds;
    private int count;
    private int usedBytes;

    Subscriptions(int capacity, int filterBytesCapacity) {
        filterBytes = new byte[filterBytesCapacity];
        offsets = new int[capacity];
        lengths = new int[capacity];
        options = new int[capacity];
        grantedQos = new int[capacity];
        packetIds = new int[capacity];
    }

    int count() {
        return count;
    }

    /** The index of an identical filter, or -1. */
    int find(byte[] filter, int offset, int length) {
        for (int i = 0; i < count; i++) {
            if (lengths[i] == length && sameBytes(filter, offset, offsets[i], length)) {
                return i;
            }
        }
        return -1;
    }

    /** Adds (or updates the options of) a filter: its index, or -1 when there is no room. */
    int put(byte[] filter, int offset, int length, int subscriptionOptions) {
        int index = find(filter, offset, length);
        if (index < 0) {
            if (count == offsets.length || usedBytes + length > filterBytes.length) {
                return -1;
            }
            index = count++;
            offsets[index] = usedBytes;
            lengths[index] = length;
            System.arraycopy(filter, offset, filterBytes, usedBytes, length);
            usedBytes += length;
        }
        options[index] = subscriptionOptions;
        grantedQos[index] = NOT_GRANTED;
        return index;
    }

    /** Removes filter {@code index}, keeping the others packed and in order. */
    void remove(int index) {
        int removedOffset = offsets[index];
        int removedLength = lengths[index];
        System.arraycopy(filterBytes, removedOffset + removedLength, filterBytes, removedOffset,
                usedBytes - removedOffset - removedLength);
        usedBytes -= removedLength;
        for (int i = index; i < count - 1; i++) {
            offsets[i] = offsets[i + 1] - removedLength;
            lengths[i] = lengths[i + 1];
            options[i] = options[i + 1];
            grantedQos[i] = grantedQos[i + 1];
            packetIds[i] = packetIds[i + 1];
        }
        count--;
    }

    /** The subscription whose SUBSCRIBE has this packet id, or -1. */
    int indexOfPacketId(int packetId) {
        for (int i = 0; i < count; i++) {
            if (packetIds[i] == packetId) {
                return i;
            }
        }
        return -1;
    }

    byte[] filterBytes() {
        return filterBytes;
    }

    int[] offsets() {
        return offsets;
    }

    int[] lengths() {
        return lengths;
    }

    int requestedQos(int index) {
        return options[index] & SubscribeCodec.OPTIONS_QOS_MASK;
    }

    /** The MQTT 5 subscription options byte (the requested QoS and the flags). */
    int options(int index) {
        return options[index];
    }

    int grantedQos(int index) {
        return grantedQos[index];
    }

    void grant(int index, int qos) {
        grantedQos[index] = qos;
    }

    int packetId(int index) {
        return packetIds[index];
    }

    void setPacketId(int index, int packetId) {
        packetIds[index] = packetId;
    }

    private boolean sameBytes(byte[] filter, int offset, int storedOffset, int length) {
        for (int i = 0; i < length; i++) {
            if (filter[offset + i] != filterBytes[storedOffset + i]) {
                return false;
            }
        }
        return true;
    }
}
