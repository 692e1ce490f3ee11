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
 */
public record LineStats(long toBoard, long toBoardDropped, long toBoardFlipped,
                        long toHost, long toHostDropped, long toHostFlipped, long wireNanos) {
}
