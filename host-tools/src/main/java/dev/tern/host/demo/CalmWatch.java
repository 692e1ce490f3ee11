package dev.tern.host.demo;

import java.time.Duration;

import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.host.cli.StopSignal;

/** The calm demo's readings: the table kept up to date until Ctrl-C, --duration or the board failing. */
final class CalmWatch {

    private CalmWatch() {
    }

    /**
     * @param duration how long to watch, or null: until Ctrl-C
     * @return true when Ctrl-C ended it
     */
    static boolean watch(LiveScreen screen, StopSignal stop, VirtualBoard board, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        Duration every = screen.tickEvery();
        while (true) {
            Duration wait = every;
            if (duration != null) {
                Duration left = duration.minusNanos(System.nanoTime() - start);
                if (left.isNegative() || left.isZero()) {
                    return false;
                }
                wait = left.compareTo(every) < 0 ? left : every;
            }
            if (stop.await(wait)) {
                return true;
            }
            if (board.failure() != null) {
                return false;
            }
            if (duration == null || System.nanoTime() - start < duration.toNanos()) {
                screen.tick();
            }
        }
    }
}
