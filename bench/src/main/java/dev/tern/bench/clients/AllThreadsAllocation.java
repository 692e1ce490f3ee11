package dev.tern.bench.clients;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by every thread of this JVM, from HotSpot's per-thread counters
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])}). A window is two
 * snapshots: a thread alive in both counts its difference, a thread born inside the window
 * counts all it allocated (it started from 0). A thread that ended inside the window took its
 * count with it: HotSpot forgets a dead thread, so those bytes are missing; {@link Window#died}
 * says how many such threads there were, and the suites show it next to the figure.
 *
 * <p>Taking a snapshot allocates two long arrays in the calling thread; {@link #overhead()}
 * measures that (two snapshots back to back) so that it can be taken off the window.
 */
final class AllThreadsAllocation {

    private final com.sun.management.ThreadMXBean threads;

    AllThreadsAllocation() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
                || !bean.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM (" + System.getProperty("java.vm.name")
                    + ") cannot count allocated bytes per thread: run on a HotSpot JDK");
        }
        threads = bean;
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int i = 0; i < 20; i++) {
            overhead(); // link and compile the snapshot path before it is measured
        }
    }

    /** Every live thread's id and its allocated bytes so far. */
    record Snapshot(long[] ids, long[] bytes) {
    }

    /** What all threads allocated between two snapshots; {@code ownThread}: the calling thread's part. */
    record Window(long bytes, int died, int born, long ownThread) {
    }

    Snapshot take() {
        long[] ids = threads.getAllThreadIds();
        return new Snapshot(ids, threads.getThreadAllocatedBytes(ids));
    }

    /** The bytes a snapshot itself adds to a window (its arrays), measured just now. */
    long overhead() {
        Snapshot first = take();
        Snapshot second = take();
        return Math.max(0, between(first, second).bytes());
    }

    static Window between(Snapshot before, Snapshot after) {
        long total = 0;
        long own = 0;
        long self = Thread.currentThread().getId();
        int born = 0;
        for (int i = 0; i < after.ids().length; i++) {
            long now = after.bytes()[i];
            if (now < 0) {
                continue; // ended between getAllThreadIds and the read: counted as died below
            }
            int j = indexOf(before.ids(), after.ids()[i]);
            if (j < 0 || before.bytes()[j] < 0) {
                born++;
                total += now;
            } else {
                total += now - before.bytes()[j];
                if (after.ids()[i] == self) {
                    own = now - before.bytes()[j];
                }
            }
        }
        int died = 0;
        for (int j = 0; j < before.ids().length; j++) {
            int i = indexOf(after.ids(), before.ids()[j]);
            if (before.bytes()[j] >= 0 && (i < 0 || after.bytes()[i] < 0)) {
                died++;
            }
        }
        return new Window(total, died, born, own);
    }

    private static int indexOf(long[] ids, long id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }
}
