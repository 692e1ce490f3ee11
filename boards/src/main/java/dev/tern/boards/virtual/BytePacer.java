package dev.tern.boards.virtual;

/**
 * Real byte timing on a UART: at {@code baud} bits per second and {@code bitsPerByte} bits on
 * the wire per byte (start + data + parity + stop: 10 for 8N1), a byte takes
 * {@code bitsPerByte / baud} seconds. A byte counts as arrived when its last bit has crossed,
 * as a receiver's "data ready" flag sets after the stop bit, never earlier.
 *
 * <p>The schedule is absolute: bytes queued back to back cross back to back from the instant
 * the first of them could start ({@link #begin}), however late the caller asks
 * ({@link #allowance}); a line that was idle does not bank time (a UART cannot send in the
 * past), and a burst that comes while the previous byte is still crossing starts after it.
 * So N bytes take N byte times, never less, and lateness in asking is not added to the line.
 * A pacer with baud 0 lets everything through. Not thread-safe.
 */
final class BytePacer {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long nanosPerByte;
    /** When the next byte starts crossing (or started, when the caller is late). */
    private long nextStartAt = Long.MIN_VALUE;
    private boolean idle = true;

    BytePacer(final int baud, final int bitsPerByte) {
        if (baud < 0 || bitsPerByte <= 0) {
            throw new IllegalArgumentException("baud=" + baud + ", bitsPerByte=" + bitsPerByte);
        }
        this.nanosPerByte = baud == 0 ? 0 : NANOS_PER_SECOND * bitsPerByte / baud;
    }

    /** How long one byte takes on the wire, 0 when unpaced. */
    long nanosPerByte() {
        return nanosPerByte;
    }

    /**
     * Bytes are waiting to cross at {@code nowNanos}: when the line was idle, the first starts
     * now, or once the last byte sent has crossed if that is later. No effect while busy.
     */
    void begin(final long nowNanos) {
        if (idle) {
            nextStartAt = Math.max(nowNanos, nextStartAt);
            idle = false;
        }
    }

    /** How many of {@code wanted} waiting bytes have fully crossed by {@code nowNanos}. */
    int allowance(final long nowNanos, final int wanted) {
        if (wanted == 0) {
            return 0;
        }
        begin(nowNanos);
        if (nanosPerByte == 0) {
            return wanted;
        }
        final long crossed = (nowNanos - nextStartAt) / nanosPerByte;
        return crossed <= 0 ? 0 : (int) Math.min(wanted, crossed);
    }

    /** {@code count} bytes were delivered (at most what {@link #allowance} allowed). */
    void sent(final int count) {
        nextStartAt += count * nanosPerByte;
    }

    /** The instant the bytes delivered so far have all crossed (meaningful once a burst began). */
    long allCrossedAt() {
        return nextStartAt;
    }

    /** Nothing more is waiting: the line goes idle after the bytes sent so far. */
    void idle() {
        idle = true;
    }

    /**
     * Nanoseconds from {@code nowNanos} until {@code count} more waiting bytes have crossed
     * (0 when they have, when idle, or when unpaced).
     */
    long nanosUntilCrossed(final long nowNanos, final int count) {
        return nanosPerByte == 0 || idle ? 0 : Math.max(0, nextStartAt + count * nanosPerByte - nowNanos);
    }
}
