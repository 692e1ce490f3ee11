package dev.tern.mqtt.session;

/**
 * What the last {@link SessionStore#restore} dropped and why, for the client and the console:
 * counts only, filled in place (no allocation).
 */
public final class RestoreReport {

    private int tornTail;
    private int badCrc;
    private int doesNotFit;
    private int legacyImported;

    void clear() {
        tornTail = 0;
        badCrc = 0;
        doesNotFit = 0;
        legacyImported = 0;
    }

    void countTornTail(int transactions) {
        tornTail += transactions;
    }

    void countBadCrc(int transactions) {
        badCrc += transactions;
    }

    void countDoesNotFit() {
        doesNotFit++;
    }

    void countLegacyImported() {
        legacyImported++;
    }

    /** Uncommitted transactions at the end of the log: a save cut by power, normal after a cut. */
    public int tornTail() {
        return tornTail;
    }

    /** Transactions dropped for a record that fails its CRC (or unreadable framing) with valid data after it. */
    public int badCrc() {
        return badCrc;
    }

    /** Records dropped because this configuration cannot hold them (table full, packet or queue too large). */
    public int doesNotFit() {
        return doesNotFit;
    }

    /** 1 when the session came from the previous A/B store format (imported, then journaled). */
    public int legacyImported() {
        return legacyImported;
    }

    /** Whether anything was dropped (a legacy import alone drops nothing). */
    public boolean droppedAnything() {
        return 0 != badCrc || 0 != doesNotFit;
    }
}
