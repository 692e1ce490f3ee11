package dev.tern.boards.virtual;

/**
 * A bounded byte queue between two threads (the line's pump and the board), like a UART's
 * FIFO. Every call returns at once: {@link #put} takes what fits, {@link #take} gives what is
 * there.
 */
final class ByteRing {

    private final byte[] bytes;
    private int head;
    private int count;

    ByteRing(final int capacity) {
        this.bytes = new byte[capacity];
    }

    /** Adds up to {@code length} bytes: the count added (0 when full). */
    synchronized int put(final byte[] from, final int offset, final int length) {
        final int n = Math.min(length, bytes.length - count);
        for (int i = 0; i < n; i++) {
            bytes[(head + count + i) % bytes.length] = from[offset + i];
        }
        count += n;
        return n;
    }

    /** Removes up to {@code length} bytes into {@code into}: the count (0 when empty). */
    synchronized int take(final byte[] into, final int offset, final int length) {
        final int n = Math.min(length, count);
        for (int i = 0; i < n; i++) {
            into[offset + i] = bytes[(head + i) % bytes.length];
        }
        head = (head + n) % bytes.length;
        count -= n;
        return n;
    }

    synchronized int size() {
        return count;
    }

    synchronized int free() {
        return bytes.length - count;
    }

    synchronized void clear() {
        head = 0;
        count = 0;
    }
}
