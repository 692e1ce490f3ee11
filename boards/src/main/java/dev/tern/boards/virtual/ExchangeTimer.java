package dev.tern.boards.virtual;

/**
 * Where the time of a stop-and-wait exchange goes, as the line's pump sees it: the host sends a
 * burst, the board answers, the host answers that, and so on. Two turnarounds are added up:
 *
 * <pre>
 *  host burst   |====|                     |====|
 *  board reply        ^-- board --^|===|^-host-^
 *                    last byte    first  last
 *                    delivered    byte   byte
 *                                 starts delivered
 * </pre>
 *
 * <ul>
 * <li>board: from the host's last byte delivered to the board to the first byte of its answer
 * starting on the wire: the board's reaction, device time (erase, program) included;</li>
 * <li>host: from the board's last answer byte handed to the host to the next byte from the host
 * seen on the line: the host's reaction, the pty hops and the pump's own polling included.</li>
 * </ul>
 * Also the lateness of the pump's deliveries: how long after a burst's last byte had crossed
 * (by the pacer's schedule) it reached the other side. Called by the pump only; read by anyone.
 */
final class ExchangeTimer {

    private long hostBurstDeliveredAt;
    private long replyDeliveredAt;
    private boolean awaitingReply;
    private boolean awaitingHost;

    private long boardAnswers;
    private long boardAnswerNanos;
    private long hostAnswers;
    private long hostAnswerNanos;
    private long lateNanos;

    /** Bytes from the host were seen on the line (the first of a burst, or more of one). */
    synchronized void hostBytesSeen(final long nowNanos) {
        if (awaitingHost) {
            hostAnswers++;
            hostAnswerNanos += nowNanos - replyDeliveredAt;
            awaitingHost = false;
        }
        awaitingReply = false;
    }

    /** The host's bytes seen so far were all delivered to the board; the last crossed at {@code crossedAt}. */
    synchronized void hostBurstDelivered(final long nowNanos, final long crossedAt) {
        hostBurstDeliveredAt = nowNanos;
        lateNanos += Math.max(0, nowNanos - crossedAt);
        awaitingReply = true;
    }

    /** The board's answer started on the wire at {@code startedAt}. */
    synchronized void replyStarted(final long startedAt) {
        if (awaitingReply) {
            boardAnswers++;
            boardAnswerNanos += Math.max(0, startedAt - hostBurstDeliveredAt);
            awaitingReply = false;
        }
    }

    /** All the board had queued went to the host; its last byte crossed at {@code crossedAt}. */
    synchronized void replyDelivered(final long nowNanos, final long crossedAt) {
        replyDeliveredAt = nowNanos;
        lateNanos += Math.max(0, nowNanos - crossedAt);
        awaitingHost = true;
    }

    synchronized LineStats.Turnarounds totals() {
        return new LineStats.Turnarounds(boardAnswers, boardAnswerNanos, hostAnswers, hostAnswerNanos, lateNanos);
    }
}
