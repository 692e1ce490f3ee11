package dev.tern.mqtt.client;

/**
 * Reconnect delays: exponential from a minimum to a maximum, each moved by a random share of
 * itself (jitter) so that many boards cut off together do not all come back at the same instant.
 * The random numbers come from a xorshift generator seeded from the configuration: deterministic
 * for tests, allocation-free, and independent of the VM's Random.
 */
final class Backoff {

    private final int minMillis;
    private final int maxMillis;
    private final int jitterPercent;
    private long random;
    private int failures;

    Backoff(int minMillis, int maxMillis, int jitterPercent, long seed) {
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.jitterPercent = jitterPercent;
        this.random = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    /** The delay before the next attempt; each call without {@link #reset} doubles the base. */
    int nextDelayMillis() {
        long base = minMillis;
        for (int i = 0; i < failures && base < maxMillis; i++) {
            base *= 2;
        }
        if (base > maxMillis) {
            base = maxMillis;
        }
        failures++;
        long spread = base * jitterPercent / 100;
        long delay = base;
        if (spread > 0) {
            delay = base - spread + (nextRandom() & Long.MAX_VALUE) % (2 * spread + 1);
        }
        return delay < 1 ? 1 : (int) delay;
    }

    /** A connection succeeded: the next failure starts again from the minimum. */
    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }

    private long nextRandom() {
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return x;
    }
}
