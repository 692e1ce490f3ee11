package dev.tern.bench.powercut;

import dev.tern.mqtt.session.RestoreReport;

/** The sum of what every boot's session restore reported dropping. */
final class RestoreTotals {

    private int tornTail;
    private int badCrc;
    private int doesNotFit;

    void add(RestoreReport report) {
        tornTail += report.tornTail();
        badCrc += report.badCrc();
        doesNotFit += report.doesNotFit();
    }

    /** Uncommitted saves at the log's tail: what a cut inside a save leaves. */
    int tornTail() {
        return tornTail;
    }

    int badCrc() {
        return badCrc;
    }

    int doesNotFit() {
        return doesNotFit;
    }
}
