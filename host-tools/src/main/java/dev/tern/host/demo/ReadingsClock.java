package dev.tern.host.demo;

import java.time.Duration;

/** Since when the board publishes, for the table's heading and the summary. Read from any thread. */
final class ReadingsClock {

    private volatile long startNanos;

    /** The board has booted: its readings begin now. */
    void start() {
        startNanos = System.nanoTime();
    }

    /** Whole seconds of readings so far (0 before {@link #start()}). */
    long seconds() {
        long since = startNanos;
        return since == 0 ? 0 : Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }

    /**
     * The line above the live table.
     *
     * @param story    the story (it ends by itself) rather than the calm demo
     * @param duration the calm demo's --duration, or null (until Ctrl-C)
     * @param mqttVersion the protocol the board speaks: 5 or 3.1.1
     */
    String heading(boolean story, Duration duration, String mqttVersion) {
        String after = "readings over MQTT " + mqttVersion + " after " + seconds() + " s";
        if (story) {
            return after;
        }
        return after + (duration == null ? " (Ctrl-C ends the demo)" : " of " + duration.toSeconds() + " s");
    }
}
