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
 */
public record LineStats(long toBoard, long toBoardDropped, long toBoardFlipped,
                        long toHost, long toHostDropped, long toHostFlipped) {
}
