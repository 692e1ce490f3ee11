package dev.tern.mqtt.client;

/**
 * The Topic Aliases this client uses when publishing (3.3.2.3.4): a fixed table of the board's few
 * fixed topics, each given alias number (its index + 1) the first time it is published, kept for the
 * life of the client. Which aliases the broker knows is per connection [MQTT-3.3.2-7]:
 * {@link #reset} at each CONNACK forgets them and takes the broker's Topic Alias Maximum.
 *
 * <pre>
 *   aliases.reset(connackTopicAliasMaximum);            // each CONNACK
 *   int alias = aliases.aliasFor(topic, 0, topicLength);
 *   0 == alias                    PUBLISH with the topic, no alias (table full or above the broker's maximum)
 *   aliases.isEstablished(alias)  PUBLISH with an empty topic and the Topic Alias property
 *   otherwise                     PUBLISH with the topic and the Topic Alias property; once the
 *                                 transport took it, aliases.established(alias)
 * </pre>
 *
 * Topics are never replaced: a topic that finds the table or its bytes full gets no alias.
 */
public final class OutgoingTopicAliases {

    /** No alias: publish with the full topic. */
    public static final int NO_ALIAS = 0;

    private final byte[] topics;
    private final int[] topicOffsets;
    private final int[] topicLengths;
    private final boolean[] established;
    private int assigned;
    private int bytesUsed;
    private int serverMaximum;

    /** {@code aliases} topics (0..65535) sharing {@code topicBytes} bytes; no alias is usable before {@link #reset}. */
    public OutgoingTopicAliases(int aliases, int topicBytes) {
        if (aliases < 0 || aliases > 0xFFFF || topicBytes < 0) {
            throw new IllegalArgumentException("aliases=" + aliases + " topicBytes=" + topicBytes);
        }
        topics = new byte[aliases == 0 ? 0 : topicBytes]; // no aliases (3.1.1): no RAM for their topics
        topicOffsets = new int[aliases];
        topicLengths = new int[aliases];
        established = new boolean[aliases];
    }

    /**
     * A new connection: no alias is established any more, and none above the broker's
     * {@code serverTopicAliasMaximum} (CONNACK, 0 when absent) is used on it.
     */
    public void reset(int serverTopicAliasMaximum) {
        serverMaximum = Math.max(0, serverTopicAliasMaximum);
        for (int index = 0; index < established.length; index++) {
            established[index] = false;
        }
    }

    /**
     * The alias for {@code topic[offset .. offset + length)} on this connection, assigning the next
     * free one to a new topic: 1..maximum, or {@link #NO_ALIAS} when the topic has none usable (the
     * table or its bytes are full, or its alias is above the broker's maximum).
     */
    public int aliasFor(byte[] topic, int offset, int length) {
        int index = indexOf(topic, offset, length);
        if (index < 0) {
            index = assign(topic, offset, length);
        }
        return index >= 0 && index < serverMaximum ? index + 1 : NO_ALIAS;
    }

    /** Whether the broker already knows {@code alias} on this connection: publish with an empty topic. */
    public boolean isEstablished(int alias) {
        return alias > 0 && alias <= established.length && established[alias - 1];
    }

    /** A PUBLISH carrying the topic and {@code alias} was handed to the transport: the broker knows it now. */
    public void established(int alias) {
        if (alias > 0 && alias <= Math.min(assigned, serverMaximum)) {
            established[alias - 1] = true;
        }
    }

    /** Topics given an alias so far (they keep it across connections). */
    /** How many aliases this table can give (0 in MQTT 3.1.1). */
    public int assignedCapacity() {
        return topicLengths.length;
    }

    public int assignedCount() {
        return assigned;
    }

    private int indexOf(byte[] topic, int offset, int length) {
        for (int index = 0; index < assigned; index++) {
            if (sameBytes(index, topic, offset, length)) {
                return index;
            }
        }
        return -1;
    }

    private boolean sameBytes(int index, byte[] topic, int offset, int length) {
        if (topicLengths[index] != length) {
            return false;
        }
        int start = topicOffsets[index];
        for (int i = 0; i < length; i++) {
            if (topics[start + i] != topic[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private int assign(byte[] topic, int offset, int length) {
        if (assigned == topicOffsets.length || length <= 0 || length > topics.length - bytesUsed) {
            return -1;
        }
        System.arraycopy(topic, offset, topics, bytesUsed, length);
        topicOffsets[assigned] = bytesUsed;
        topicLengths[assigned] = length;
        bytesUsed += length;
        return assigned++;
    }
}
