package dev.tern.testsupport;

import java.time.Duration;

/** A sleep between two polls of a bounded wait. */
final class Pause {

    private Pause() {
    }

    /** Sleeps; false (and the interrupt flag set again) when the thread was interrupted. */
    static boolean of(final Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
