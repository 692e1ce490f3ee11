package dev.tern.bench.powercut;

/**
 * Where a power cut landed: inside a record program or a unit erase (from the flash model's
 * operation at the cut), whether the session store was writing a checkpoint then (its own
 * accessor), or between flash operations (an instant the harness chose).
 */
record Landing(Where where, boolean inCheckpoint) {

    enum Where { PROGRAM, ERASE, BETWEEN_OPERATIONS }

    static final Landing BETWEEN = new Landing(Where.BETWEEN_OPERATIONS, false);
}
