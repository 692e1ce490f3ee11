package dev.tern.bench.powercut;

import java.util.Random;

/**
 * Where one life's power cut is aimed: at an instant between flash operations (after a number
 * of polls), after a number of bytes programmed or erased from boot (lands in a record program
 * or a unit erase, whichever is under way), or after a number of bytes into the next checkpoint.
 * Where it lands is observed, not assumed ({@link Landing}).
 */
record CutPlan(Kind kind, long amount) {

    enum Kind { INSTANT, BYTES, INTO_CHECKPOINT }

    /**
     * One plan: 1/4 instants, 1/2 byte budgets over two erase units and some records, 1/4 into a
     * checkpoint. A checkpoint comes once per lap of the log round the region, and one cut short
     * is tried again at the next save: after a cut inside one, half the plans aim at its retry
     * (a compaction cut again and again), which saves going round the region for each.
     */
    static CutPlan choose(Random random, int unitSize, boolean lastCutInCheckpoint) {
        int pick = lastCutInCheckpoint && random.nextBoolean() ? 7 : random.nextInt(8);
        if (pick < 2) {
            return new CutPlan(Kind.INSTANT, 1 + random.nextInt(400));
        }
        if (pick < 6) {
            return new CutPlan(Kind.BYTES, random.nextInt(2 * unitSize + 1024));
        }
        // a checkpoint starts in a fresh unit: its erase, header, then the session's records
        return new CutPlan(Kind.INTO_CHECKPOINT, random.nextInt(unitSize + 2048));
    }
}
