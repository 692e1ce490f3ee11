package dev.tern.app;

import dev.tern.mqtt.client.IncomingMessage;

/**
 * Commands that came over MQTT, kept until the next step runs them (the engine's callback must
 * not act on the engine): {@code <prefix>/cmd} with the command line as payload, or
 * {@code <prefix>/cmd/<command>} with its arguments as payload. Holds a few; more are dropped
 * with a warning.
 */
final class CommandInbox {

    private static final int CAPACITY = 4;

    private final Log log;
    private final byte[][] lines = new byte[CAPACITY][Commands.MAX_COMMAND];
    private final int[] lengths = new int[CAPACITY];
    private byte[] commandTopic = new byte[0];
    private int head;
    private int size;

    CommandInbox(Log log) {
        this.log = log;
    }

    /** At boot: the topic commands come on ({@code <prefix>/cmd}). */
    void listenOn(byte[] topic) {
        commandTopic = topic;
    }

    /** Keeps the message as a command line if its topic is a command topic; ignores it otherwise. */
    void offer(IncomingMessage message) {
        byte[] buffer = message.topicBuffer();
        int topicOffset = message.topicOffset();
        int topicLength = message.topicLength();
        if (!Ascii.startsWith(buffer, topicOffset, topicLength, commandTopic)) {
            return;
        }
        int rest = topicLength - commandTopic.length;
        if (rest > 0 && '/' != buffer[topicOffset + commandTopic.length]) {
            return; // <prefix>/cmdfoo is not ours
        }
        if (CAPACITY == size) {
            log.line(Log.WARN, "cmd", "command queue full: an MQTT command was dropped");
            return;
        }
        int index = (head + size) % CAPACITY;
        byte[] line = lines[index];
        int n = 0;
        if (rest > 1) {
            n = Ascii.putBytes(line, n, Commands.MAX_COMMAND, buffer, topicOffset + commandTopic.length + 1, rest - 1);
            if (message.payloadLength() > 0) {
                n = Ascii.putByte(line, n, Commands.MAX_COMMAND, ' ');
            }
        }
        n = Ascii.putBytes(line, n, Commands.MAX_COMMAND, message.payloadBuffer(), message.payloadOffset(),
                message.payloadLength());
        lengths[index] = n;
        size++;
    }

    boolean isEmpty() {
        return 0 == size;
    }

    /** The oldest command line (valid until the next {@link #offer}); its length is {@link #firstLength()}. */
    byte[] first() {
        return lines[head];
    }

    int firstLength() {
        return lengths[head];
    }

    /** Forgets the oldest command line. */
    void removeFirst() {
        head = (head + 1) % CAPACITY;
        size--;
    }
}
