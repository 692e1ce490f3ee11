package dev.tern.bench.wear;

/** The messages and erases between the first and the last message of a run that erased a unit. */
final class EraseSpan {

    private long firstMessage = -1;
    private long firstErases;
    private long lastMessage;
    private long lastErases;
    private long seen = -1;

    /** After message {@code message}: the region's erases so far. */
    void note(long message, long erases) {
        if (seen >= 0 && erases > seen) {
            if (firstMessage < 0) {
                firstMessage = message;
                firstErases = erases;
            }
            lastMessage = message;
            lastErases = erases;
        }
        seen = erases;
    }

    /** Messages from the first erasing message to the last (0 when fewer than two erased). */
    long messages() {
        return firstMessage < 0 ? 0 : lastMessage - firstMessage;
    }

    /** Erases done by the messages after the first erasing one, up to the last. */
    long erases() {
        return lastErases - firstErases;
    }
}
