package dev.tern.boards.virtual;

/**
 * What crossed the console line and what the {@link LineFaults} did to it, per direction.
 *
 * @param toBoard        bytes the host sent that reached the line (before faults)
 * @param toBoardDropped of those, dropped
 * @param toBoardFlipped of those, delivered with one bit flipped
 * @param toHost         bytes the board sent
 * @param toHostDropped  of those, dropped
 * @param toHostFlipped  of those, delivered with one bit flipped
 * @param wireNanos      the time all those bytes take on the wire, both directions added, each at the
 *                       baud rate the line ran at when it crossed (0 on an unpaced line): the least time
 *                       a half-duplex exchange of them needs
 * @param turnarounds    where the time between the bursts went (see {@link ExchangeTimer})
 */
public record LineStats(long toBoard, long toBoardDropped, long toBoardFlipped,
                        long toHost, long toHostDropped, long toHostFlipped, long wireNanos, Turnarounds turnarounds) {

    /**
     * The turnarounds of stop-and-wait exchanges on the line, added up.
     *
     * @param boardAnswers     host bursts the board answered
     * @param boardAnswerNanos from each burst's last byte delivered to the answer's first byte starting:
     *                         the board's reaction, its device time (erase, program) included
     * @param hostAnswers      board answers the host answered
     * @param hostAnswerNanos  from each answer's last byte handed to the host to the host's next byte seen:
     *                         the host's reaction, the pty hops and the line pump's polling included
     * @param lateNanos        how much later than their last byte's crossing the bursts were delivered
     *                         (the pump's own lag, both directions)
     */
    public record Turnarounds(long boardAnswers, long boardAnswerNanos, long hostAnswers, long hostAnswerNanos,
                              long lateNanos) {

        /** The counts and sums since {@code before}. */
        public Turnarounds since(final Turnarounds before) {
            return new Turnarounds(boardAnswers - before.boardAnswers, boardAnswerNanos - before.boardAnswerNanos,
                    hostAnswers - before.hostAnswers, hostAnswerNanos - before.hostAnswerNanos, lateNanos - before.lateNanos);
        }
    }
}
