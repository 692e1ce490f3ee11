package dev.tern.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * Closes what a test run left open when the JVM exits: a test aborted half-way, a fixture that
 * was never closed. Fixtures register when they start and unregister when closed normally, so
 * this only ever touches processes and folders that a fixture of this JVM created.
 */
final class LastResortCleanup {

    private static final List<AutoCloseable> OPEN = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LastResortCleanup::closeAll, "tern-test-support-cleanup"));
    }

    private LastResortCleanup() {
    }

    static void register(final AutoCloseable resource) {
        synchronized (OPEN) {
            OPEN.add(resource);
        }
    }

    static void unregister(final AutoCloseable resource) {
        synchronized (OPEN) {
            OPEN.removeIf(open -> open == resource);
        }
    }

    private static void closeAll() {
        final List<AutoCloseable> newestFirst;
        synchronized (OPEN) {
            newestFirst = new ArrayList<>(OPEN);
        }
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            final AutoCloseable resource = newestFirst.get(i);
            try {
                resource.close();
            } catch (final Exception | Error e) {
                System.err.println("tern test-support: could not close " + resource + " at JVM exit: " + e);
            }
        }
    }
}
