package dev.tern.mqtt.client;

import dev.tern.mqtt.codec.PacketType;

/**
 * Formats one packet-trace line into a reusable ASCII buffer, allocating nothing:
 *
 * <pre>
 *   send: publish (id=17, qos=2, dup=0, 42 B)
 *   receive: pubrec (id=17)
 *   send: pingreq
 * </pre>
 */
public final class TraceLine {

    /** Long enough for the longest line: "receive: unsubscribe (id=65535, qos=2, dup=1, 268435460 B)". */
    public static final int MAX_LENGTH = 64;

    private final byte[] line = new byte[MAX_LENGTH];
    private int length;

    /** Formats a line for {@link PacketTrace#onPacket}'s arguments; returns its length. */
    public int format(boolean sent, int type, int packetId, int qos, boolean dup, int packetLength) {
        length = 0;
        append(sent ? "send: " : "receive: ");
        append(PacketType.name(type));
        if (PacketType.PUBLISH == type) {
            append(" (");
            if (qos > 0) {
                append("id=");
                appendNumber(packetId);
                append(", ");
            }
            append("qos=");
            appendNumber(qos);
            append(dup ? ", dup=1, " : ", dup=0, ");
            appendNumber(packetLength);
            append(" B)");
        } else if (packetId > 0) {
            append(" (id=");
            appendNumber(packetId);
            append(")");
        }
        return length;
    }

    /** The bytes of the last line formatted, from 0 to {@link #length()}. */
    public byte[] bytes() {
        return line;
    }

    public int length() {
        return length;
    }

    private void append(String text) {
        for (int i = 0; i < text.length() && length < MAX_LENGTH; i++) {
            line[length++] = (byte) text.charAt(i);
        }
    }

    private void appendNumber(int value) {
        if (value < 0) {
            append("-");
            value = -value;
        }
        int start = length;
        do {
            if (length == MAX_LENGTH) {
                return;
            }
            line[length++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte swap = line[i];
            line[i] = line[j];
            line[j] = swap;
        }
    }
}
