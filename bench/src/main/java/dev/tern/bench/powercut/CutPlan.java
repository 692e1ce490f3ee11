package dev.tern.bench.powercut;

import java.util.Random;

/**
 * Where one life's power cut is aimed: at an instant between flash operations (after a number
 * of polls), after a number of bytes programmed or erased from boot (lands in a record program
 * or a unit erase, whichever is under way), after a number of bytes into the next checkpoint, or
 * after a number of bytes from the end of the next checkpoint.
 * Where it lands is observed, not assumed ({@link Landing}).
 */
record CutPlan(Kind kind, long amount) {

    enum Kind { INSTANT, BYTES, INTO_CHECKPOINT, AFTER_CHECKPOINT }

    /**
     * One plan: 1/4 instants, 1/2 byte budgets over two erase units and some records, 1/4 into a
     * checkpoint. A checkpoint comes once per lap of the log round the region, and one cut short
     * is tried again at the next save, which the next life's early cuts would all hit: after a cut
     * inside one, the next plan aims 1/4 into its retry (a compaction cut again), 1/4 at an instant
     * and 1/2 at a byte budget counted from the retry's end, so it commits and the other
     * categories keep their share.
     */
    static CutPlan choose(Random random, int unitSize, boolean lastCutInCheckpoint) {
        if (lastCutInCheckpoint) {
            int pick = random.nextInt(4);
            if (pick == 0) {
                return new CutPlan(Kind.INTO_CHECKPOINT, random.nextInt(unitSize + 2048));
            }
            if (pick == 1) {
                return new CutPlan(Kind.INSTANT, 1 + random.nextInt(400));
            }
            return new CutPlan(Kind.AFTER_CHECKPOINT, random.nextInt(2 * unitSize + 1024));
        }
        int pick = random.nextInt(8);
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
