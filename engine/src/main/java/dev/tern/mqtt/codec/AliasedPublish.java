package dev.tern.mqtt.codec;

/**
 * Writes a stored MQTT 5 PUBLISH again with a Topic Alias (3.3.2.3.4), for sending: the outgoing
 * table keeps the full-topic PUBLISH (a re-send after a reconnect must not rely on an alias,
 * [MQTT-3.3.2-7]); at send time the client writes it into the send buffer either with its Topic
 * Name and the alias (the alias is new on this connection) or with an empty Topic Name and the
 * alias (the broker knows it). First byte (DUP, QoS, RETAIN), Packet Identifier, the other
 * properties and the payload are kept; the Topic Alias property goes after them:
 *
 * <pre>
 *   stored:   type+flags | RL  | topic len | topic | [packet id] | prop len P   | props   | payload
 *   written:  type+flags | RL' | topic len | topic | [packet id] | prop len P+3 | props 0x23 alias(u16) | payload
 *             or         | RL' | 0x00 0x00 |       | [packet id] | prop len P+3 | props 0x23 alias(u16) | payload
 * </pre>
 *
 * No copy beyond the destination; {@code dst} must not overlap the stored packet.
 */
public final class AliasedPublish {

    /** The Topic Alias property: identifier and two-byte value. */
    static final int ALIAS_PROPERTY_LENGTH = 1 + Uint16.SIZE;

    private AliasedPublish() {
    }

    /**
     * Writes the PUBLISH at {@code stored[storedOffset .. + storedLength)} into
     * {@code dst[offset .. offset + capacity)} with Topic Alias {@code alias}, with its Topic Name
     * when {@code withTopic}, else with an empty one. Nothing is written on failure.
     *
     * @return the size written, or {@link CodecStatus#VALUE_OUT_OF_RANGE} (alias outside 1..65535, not
     *     a PUBLISH), {@link CodecStatus#INVALID_REMAINING_LENGTH} / {@link CodecStatus#FIELD_EXCEEDS_PACKET}
     *     (the stored bytes are not one whole PUBLISH), {@link CodecStatus#EMPTY_TOPIC} or
     *     {@link CodecStatus#DUPLICATE_PROPERTY} (the stored PUBLISH has an alias already),
     *     {@link CodecStatus#REMAINING_LENGTH_TOO_LARGE}, {@link CodecStatus#INSUFFICIENT_CAPACITY}
     */
    public static int encode(byte[] dst, int offset, int capacity, byte[] stored, int storedOffset, int storedLength,
            int alias, boolean withTopic) {
        if (alias < 1 || alias > Uint16.MAX_VALUE || storedLength < FixedHeader.MIN_SIZE
                || PacketType.PUBLISH != FixedHeader.type(stored[storedOffset])) {
            return CodecStatus.VALUE_OUT_OF_RANGE;
        }
        int end = storedOffset + storedLength;
        int remainingLength = RemainingLength.read(stored, storedOffset + FixedHeader.REMAINING_LENGTH_OFFSET,
                storedLength - FixedHeader.REMAINING_LENGTH_OFFSET);
        if (remainingLength < 0 || FixedHeader.packetSize(remainingLength) != storedLength
                || remainingLength < Uint16.SIZE) {
            return CodecStatus.INVALID_REMAINING_LENGTH;
        }
        int topicAt = storedOffset + 1 + RemainingLength.size(remainingLength);
        int topicLength = Uint16.read(stored, topicAt);
        int qos = (stored[storedOffset] & FixedHeader.QOS_MASK) >>> FixedHeader.QOS_SHIFT;
        int packetIdAt = topicAt + Uint16.SIZE + topicLength;
        int propertyLengthAt = packetIdAt + (qos > 0 ? Uint16.SIZE : 0);
        if (propertyLengthAt >= end) {
            return CodecStatus.FIELD_EXCEEDS_PACKET;
        }
        if (0 == topicLength) {
            return CodecStatus.EMPTY_TOPIC;
        }
        int propertyLength = Properties.readLength(stored, propertyLengthAt, end);
        if (propertyLength < 0) {
            return CodecStatus.FIELD_EXCEEDS_PACKET;
        }
        int propertiesAt = propertyLengthAt + RemainingLength.size(propertyLength);
        if (Properties.contains(stored, propertiesAt, propertyLength, PropertyId.TOPIC_ALIAS)) {
            return CodecStatus.DUPLICATE_PROPERTY;
        }
        int payloadAt = propertiesAt + propertyLength;
        int newPropertyLength = propertyLength + ALIAS_PROPERTY_LENGTH;
        long newRemainingLength = (long) remainingLength - (withTopic ? 0 : topicLength)
                - Properties.encodedSize(propertyLength) + Properties.encodedSize(newPropertyLength);
        int size = FixedHeader.sizeWithin(dst, offset, capacity, newRemainingLength);
        if (size < 0) {
            return size;
        }
        int position = offset + FixedHeader.write(dst, offset, PacketType.PUBLISH,
                FixedHeader.flags(stored[storedOffset]), (int) newRemainingLength);
        position = Uint16.writePrefixed(dst, position, stored, topicAt + Uint16.SIZE, withTopic ? topicLength : 0);
        if (qos > 0) {
            position = Uint16.write(dst, position, Uint16.read(stored, packetIdAt));
        }
        position += RemainingLength.write(dst, position, newPropertyLength);
        System.arraycopy(stored, propertiesAt, dst, position, propertyLength);
        position += propertyLength;
        dst[position++] = (byte) PropertyId.TOPIC_ALIAS;
        position = Uint16.write(dst, position, alias);
        System.arraycopy(stored, payloadAt, dst, position, end - payloadAt);
        return size;
    }
}
