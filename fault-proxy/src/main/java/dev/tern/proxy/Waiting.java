package dev.tern.proxy;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A bounded wait on a condition, checked every few milliseconds. */
final class Waiting {

    private Waiting() {
    }

    static boolean until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
