package dev.tern.boards.virtual;

import java.util.SplittableRandom;

/**
 * Line faults injected on the console, in both directions: each byte is dropped with
 * probability {@code dropRate}, else one of its bits is flipped with probability
 * {@code flipRate}. Each direction draws from its own generator seeded from {@code seed}, so
 * the n-th byte in a direction meets the same fate in every run with that seed.
 */
public record LineFaults(double dropRate, double flipRate, long seed) {

    /** A clean line. */
    public static final LineFaults NONE = new LineFaults(0, 0, 0);

    public LineFaults {
        if (!(dropRate >= 0 && dropRate <= 1 && flipRate >= 0 && flipRate <= 1)) {
            throw new IllegalArgumentException("rates must be in [0, 1]: dropRate=" + dropRate + ", flipRate=" + flipRate);
        }
    }

    public boolean any() {
        return dropRate > 0 || flipRate > 0;
    }

    /** The faults of one direction ({@code 0} host to board, {@code 1} board to host). */
    Injector injector(final int direction) {
        return new Injector(this, new SplittableRandom(seed * 31 + direction));
    }

    /** Applies the faults to one direction's bytes, in order; counts what it did. Not thread-safe. */
    static final class Injector {

        /** {@link #apply}: the byte was dropped. */
        static final int DROPPED = -1;

        private final LineFaults faults;
        private final SplittableRandom random;
        private long bytes;
        private long dropped;
        private long flipped;

        private Injector(final LineFaults faults, final SplittableRandom random) {
            this.faults = faults;
            this.random = random;
        }

        /** The byte as it arrives (0..255), or {@link #DROPPED}. */
        int apply(final int b) {
            bytes++;
            if (!faults.any()) {
                return b & 0xFF;
            }
            // always two draws per byte, so a byte's fate does not depend on the one before
            final double drop = random.nextDouble();
            final double flip = random.nextDouble();
            final int bit = random.nextInt(8);
            if (drop < faults.dropRate) {
                dropped++;
                return DROPPED;
            }
            if (flip < faults.flipRate) {
                flipped++;
                return (b ^ 1 << bit) & 0xFF;
            }
            return b & 0xFF;
        }

        long bytes() {
            return bytes;
        }

        long dropped() {
            return dropped;
        }

        long flipped() {
            return flipped;
        }
    }
}
