package dev.tern.boards.virtual;

/**
 * Real byte timing on a UART: at {@code baud} bits per second and {@code bitsPerByte} bits on
 * the wire per byte (start + data + parity + stop: 10 for 8N1), a byte takes
 * {@code bitsPerByte / baud} seconds. {@link #allowance(long)} says how many bytes may leave by
 * a given instant; a line that was idle does not bank time (a UART cannot send in the past).
 * A pacer with baud 0 lets everything through. Not thread-safe.
 */
final class BytePacer {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long nanosPerByte;
    private long nextByteAt;
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

    /** How many bytes may be sent at {@code nowNanos} (up to {@code wanted}). */
    int allowance(final long nowNanos, final int wanted) {
        if (nanosPerByte == 0 || wanted == 0) {
            return wanted;
        }
        if (idle) {
            // the line was idle: the next byte may start now, not in the past
            nextByteAt = nowNanos;
            idle = false;
        }
        final long ready = nowNanos - nextByteAt;
        if (ready < 0) {
            return 0;
        }
        return (int) Math.min(wanted, ready / nanosPerByte + 1);
    }

    /** {@code count} bytes were sent (at most what {@link #allowance} allowed). */
    void sent(final int count) {
        nextByteAt += count * nanosPerByte;
    }

    /** Nothing more is waiting: the line goes idle. */
    void idle() {
        idle = true;
    }

    /** Nanoseconds from {@code nowNanos} until the next byte may go (0 when it may go now). */
    long waitNanos(final long nowNanos) {
        return nanosPerByte == 0 || idle ? 0 : Math.max(0, nextByteAt - nowNanos);
    }
}
