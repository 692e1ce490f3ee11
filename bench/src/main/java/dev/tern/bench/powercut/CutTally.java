package dev.tern.bench.powercut;

/** Where the cuts of a run landed. */
final class CutTally {

    private int programs;
    private int erases;
    private int checkpointPrograms;
    private int checkpointErases;
    private int between;
    private int notReached;

    void count(Landing landing) {
        switch (landing.where()) {
            case PROGRAM -> {
                if (landing.inCheckpoint()) {
                    checkpointPrograms++;
                } else {
                    programs++;
                }
            }
            case ERASE -> {
                if (landing.inCheckpoint()) {
                    checkpointErases++;
                } else {
                    erases++;
                }
            }
            case BETWEEN_OPERATIONS -> between++;
        }
    }

    /** A byte budget or checkpoint the life did not reach in its time: cut at an instant instead. */
    void budgetNotReached() {
        notReached++;
    }

    int cuts() {
        return programs + erases + checkpointPrograms + checkpointErases + between;
    }

    /** Cuts inside a record program outside checkpoints. */
    int programs() {
        return programs;
    }

    /** Cuts inside a unit erase outside checkpoints. */
    int erases() {
        return erases;
    }

    /** Cuts inside a checkpoint (compaction), in a program or in the erase of one of its units. */
    int checkpoints() {
        return checkpointPrograms + checkpointErases;
    }

    int checkpointPrograms() {
        return checkpointPrograms;
    }

    int checkpointErases() {
        return checkpointErases;
    }

    /** Cuts between flash operations. */
    int between() {
        return between;
    }

    int notReached() {
        return notReached;
    }
}
