package dev.tern.mqtt.client;

import dev.tern.mqtt.codec.DecodedPacket;
import dev.tern.mqtt.codec.Properties;
import dev.tern.mqtt.codec.PropertyId;
import dev.tern.mqtt.codec.ReasonCode;

/**
 * The Topic Aliases the broker may use toward this client (3.3.2.3.4): our Topic Alias Maximum
 * (CONNECT) and a fixed slot of {@code topicBytes / maximum} bytes per alias. Per connection
 * [MQTT-3.3.2-7]: {@link #reset} at each new connection.
 *
 * <pre>
 *   int status = aliases.resolve(publish);          // each decoded MQTT 5 PUBLISH
 *   OK:   the topic is topicBuffer()[topicOffset() .. + topicLength())
 *   else: a ClientStatus.violation(reason): send DISCONNECT with ClientStatus.reasonCode(status), close
 *
 *   topic + alias          sets or replaces the alias's topic
 *   empty topic + alias    the alias's topic; unknown alias: Protocol Error (0x82)
 *   alias 0 or above ours  Topic Alias invalid (0x94) [MQTT-3.3.2-9]
 *   topic too long to keep Implementation specific error (0x83): the PUBLISH is valid but this
 *                          client cannot keep its topic (incomingTopicAliasBytes too small)
 * </pre>
 */
public final class IncomingTopicAliases {

    /** {@link #resolve(int, byte[], int, int)}: the PUBLISH carries no Topic Alias property. */
    public static final int NO_ALIAS_PROPERTY = -1;

    private final byte[] topics;
    private final int[] topicLengths;
    private final int slotBytes;
    private final Properties properties = new Properties();
    private byte[] resolvedBuffer;
    private int resolvedOffset;
    private int resolvedLength;

    /** Topic Alias Maximum {@code maximum} (0..65535, 0: none), {@code topicBytes} for all topics together. */
    public IncomingTopicAliases(int maximum, int topicBytes) {
        if (maximum < 0 || maximum > 0xFFFF || topicBytes < 0) {
            throw new IllegalArgumentException("maximum=" + maximum + " topicBytes=" + topicBytes);
        }
        topicLengths = new int[maximum];
        slotBytes = 0 == maximum ? 0 : topicBytes / maximum;
        topics = new byte[slotBytes * maximum];
        reset();
    }

    /** The Topic Alias Maximum to send in CONNECT. */
    public int maximum() {
        return topicLengths.length;
    }

    /** The longest topic an alias can stand for. */
    public int slotBytes() {
        return slotBytes;
    }

    /** A new connection: every alias is unknown again. */
    public void reset() {
        for (int index = 0; index < topicLengths.length; index++) {
            topicLengths[index] = 0;
        }
        resolvedBuffer = null;
        resolvedLength = 0;
    }

    /** {@link #resolve(int, byte[], int, int)} for a decoded MQTT 5 PUBLISH. */
    public int resolve(DecodedPacket publish) {
        properties.wrap(publish);
        int alias = properties.find(PropertyId.TOPIC_ALIAS) ? properties.intValue() : NO_ALIAS_PROPERTY;
        return resolve(alias, publish.buffer(), publish.topicOffset(), publish.topicLength());
    }

    /**
     * Applies a PUBLISH's Topic Alias {@code alias} ({@link #NO_ALIAS_PROPERTY} when absent) and its
     * Topic Name {@code src[topicOffset .. + topicLength)} (may be empty with an alias).
     *
     * @return {@link ClientStatus#OK} (the topic is in {@link #topicBuffer()}), or
     *     {@code ClientStatus.violation(TOPIC_ALIAS_INVALID | PROTOCOL_ERROR | IMPLEMENTATION_SPECIFIC_ERROR)}
     */
    public int resolve(int alias, byte[] src, int topicOffset, int topicLength) {
        if (NO_ALIAS_PROPERTY == alias) {
            return resolved(src, topicOffset, topicLength);
        }
        if (alias < 1 || alias > topicLengths.length) {
            return ClientStatus.violation(ReasonCode.TOPIC_ALIAS_INVALID);
        }
        int slot = (alias - 1) * slotBytes;
        if (0 == topicLength) {
            if (0 == topicLengths[alias - 1]) {
                return ClientStatus.violation(ReasonCode.PROTOCOL_ERROR);
            }
            return resolved(topics, slot, topicLengths[alias - 1]);
        }
        if (topicLength > slotBytes) {
            return ClientStatus.violation(ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
        }
        System.arraycopy(src, topicOffset, topics, slot, topicLength);
        topicLengths[alias - 1] = topicLength;
        return resolved(src, topicOffset, topicLength);
    }

    /** The resolved topic's bytes: the packet's own, or this table's. Valid until the next call. */
    public byte[] topicBuffer() {
        return resolvedBuffer;
    }

    public int topicOffset() {
        return resolvedOffset;
    }

    public int topicLength() {
        return resolvedLength;
    }

    private int resolved(byte[] buffer, int offset, int length) {
        resolvedBuffer = buffer;
        resolvedOffset = offset;
        resolvedLength = length;
        return ClientStatus.OK;
    }
}
