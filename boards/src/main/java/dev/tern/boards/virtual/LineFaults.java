package dev.tern.boards.virtual;

import java.util.SplittableRandom;

/**
 * Line faults injected on the console, in both directions: each byte is dropped with
 * probability {@code dropRate}, else one of its bits is flipped with probability
 * {@code flipRate}, while the line runs at {@code fromBaud} or faster (0: at any speed; a
 * USB-serial adapter or cable that is fine at 115200 may lose bytes at 921600). Each direction
 * draws from its own generator seeded from {@code seed}, so the n-th byte in a direction meets
 * the same fate in every run with that seed.
 */
public record LineFaults(double dropRate, double flipRate, long seed, int fromBaud) {

    /** A clean line. */
    public static final LineFaults NONE = new LineFaults(0, 0, 0);

    public LineFaults {
        if (!(dropRate >= 0 && dropRate <= 1 && flipRate >= 0 && flipRate <= 1) || fromBaud < 0) {
            throw new IllegalArgumentException("rates must be in [0, 1] and fromBaud >= 0: dropRate=" + dropRate + ", flipRate="
                    + flipRate + ", fromBaud=" + fromBaud);
        }
    }

    /** Faults at every speed. */
    public LineFaults(final double dropRate, final double flipRate, final long seed) {
        this(dropRate, flipRate, seed, 0);
    }

    /** The same faults, only while the line runs at {@code baud} or faster. */
    public LineFaults atOrAbove(final int baud) {
        return new LineFaults(dropRate, flipRate, seed, baud);
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

        /** The byte as it arrives (0..255), or {@link #DROPPED}, on a line at any speed. */
        int apply(final int b) {
            return apply(b, Integer.MAX_VALUE);
        }

        /** The byte as it arrives (0..255), or {@link #DROPPED}, on a line running at {@code baud} (0: unpaced). */
        int apply(final int b, final int baud) {
            bytes++;
            if (!faults.any()) {
                return b & 0xFF;
            }
            // always the same draws per byte, so a byte's fate does not depend on the one before
            final double drop = random.nextDouble();
            final double flip = random.nextDouble();
            final int bit = random.nextInt(8);
            if (baud < faults.fromBaud) {
                return b & 0xFF;
            }
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
