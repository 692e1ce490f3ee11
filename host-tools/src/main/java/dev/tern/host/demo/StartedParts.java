package dev.tern.host.demo;

import java.util.ArrayDeque;
import java.util.Deque;

/** What the demo started (broker, subscriber, proxy, board, console), closed in reverse order. */
final class StartedParts implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final LiveScreen screen;

    StartedParts(LiveScreen screen) {
        this.screen = screen;
    }

    /** Keeps {@code part} to close at the end; returns it. */
    <T extends AutoCloseable> T add(T part) {
        started.push(part);
        return part;
    }

    /** A failure is said, not thrown, so the rest still closes. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception | Error e) {
                screen.say("demo: closing " + next.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }
}
