package dev.tern.mqtt.client;

import dev.tern.hal.Transport;

/**
 * Bytes encoded but not yet taken by the transport. Packets are encoded straight into
 * {@link #bytes()} at {@link #end()} and {@link #commit committed}; {@link #flush} writes what the
 * transport takes now, never blocking.
 *
 * <pre>
 *   0        start                end              capacity
 *   |  sent  |  waiting for write  |  free: room()   |
 * </pre>
 */
final class SendBuffer {

    private final byte[] bytes;
    private int start;
    private int end;

    SendBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    byte[] bytes() {
        return bytes;
    }

    /** Where the next packet is encoded. */
    int end() {
        return end;
    }

    /** Free bytes after {@link #end()}, after moving what waits to the front if that makes more. */
    int room() {
        if (start > 0 && start == end) {
            start = 0;
            end = 0;
        } else if (start > 0 && bytes.length - end < bytes.length / 2) {
            System.arraycopy(bytes, start, bytes, 0, end - start);
            end -= start;
            start = 0;
        }
        return bytes.length - end;
    }

    void commit(int length) {
        end += length;
    }

    boolean isEmpty() {
        return start == end;
    }

    /** Writes what the transport takes: the count written (0 if none), or a negative transport status. */
    int flush(Transport transport) {
        int total = 0;
        while (start < end) {
            int written = transport.write(bytes, start, end - start);
            if (written < 0) {
                return written;
            }
            if (written == 0) {
                break;
            }
            start += written;
            total += written;
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
        return total;
    }

    void clear() {
        start = 0;
        end = 0;
    }
}
