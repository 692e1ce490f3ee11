package dev.tern.bench.clients;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The send window a worker keeps itself around a client library: at most {@link Worker#WINDOW}
 * messages handed to the library and not yet completed, and the first failure the library
 * reported. Nothing here allocates per message.
 */
final class PublishWindow {

    private final AtomicLong completed = new AtomicLong();
    private long handed;
    private volatile Throwable failure;

    /** Takes a place in the window for one more message: false when the window is full. */
    boolean take() {
        if (handed - completed.get() >= Worker.WINDOW) {
            return false;
        }
        handed++;
        return true;
    }

    /** One message completed (on the library's thread); {@code error} is null when it succeeded. */
    void complete(Throwable error) {
        if (error != null) {
            failure = error;
        }
        completed.incrementAndGet();
        Worker.wake();
    }

    /** The library failed outside a message (the connection was lost). */
    void fail(Throwable cause) {
        failure = cause;
    }

    /** Waits until a message completes; throws what failed, naming {@code client}, if anything did. */
    void idle(String client) {
        if (failure != null) {
            throw new IllegalStateException(client + " failed: " + failure, failure);
        }
        Worker.awaitChange(completed);
    }

    long completed() {
        return completed.get();
    }
}
