package dev.tern.bench.chaos;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How often each numbered message (1..capacity) arrived: the distinct ones, the extra copies,
 * and numbers that were never sent. Safe to record from a client's callback thread.
 */
final class ArrivalCounter {

    private final AtomicIntegerArray counts;
    private final AtomicLong distinct = new AtomicLong();
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final AtomicLong highest = new AtomicLong();

    ArrivalCounter(int capacity) {
        counts = new AtomicIntegerArray(capacity + 1);
    }

    /** Records one arrival of message {@code seq} (the payload's decimal number). */
    void record(long seq) {
        arrivals.incrementAndGet();
        if (seq < 1 || seq >= counts.length()) {
            unexpected.incrementAndGet();
            return;
        }
        highest.accumulateAndGet(seq, Math::max);
        if (counts.getAndIncrement((int) seq) == 0) {
            distinct.incrementAndGet();
        }
    }

    /** Parses an ASCII decimal payload and records it; anything else counts as unexpected. */
    void recordPayload(byte[] buffer, int offset, int length) {
        record(parse(buffer, offset, length));
    }

    /** The number an ASCII decimal payload carries, or -1 for anything else. */
    static long parse(byte[] buffer, int offset, int length) {
        long seq = 0;
        if (length < 1 || length > 18) {
            seq = -1;
        }
        for (int i = offset; seq >= 0 && i < offset + length; i++) {
            int digit = buffer[i] - '0';
            seq = digit < 0 || digit > 9 ? -1 : seq * 10 + digit;
        }
        return seq;
    }

    /** Messages that arrived at least once. */
    long distinct() {
        return distinct.get();
    }

    /** Copies beyond the first, over all messages. */
    long duplicated() {
        return arrivals.get() - unexpected.get() - distinct.get();
    }

    /** The highest number that arrived. */
    long highest() {
        return highest.get();
    }

    long unexpected() {
        return unexpected.get();
    }

    /** Among messages 1..sent, how many never arrived. */
    long lost(long sent) {
        long lost = 0;
        for (int seq = 1; seq <= sent; seq++) {
            if (counts.get(seq) == 0) {
                lost++;
            }
        }
        return lost;
    }

    /** The first {@code max} numbers among 1..sent that never arrived, for the report. */
    String firstLost(long sent, int max) {
        StringBuilder out = new StringBuilder();
        int found = 0;
        for (int seq = 1; seq <= sent && found < max; seq++) {
            if (counts.get(seq) == 0) {
                out.append(found++ == 0 ? "" : ",").append(seq);
            }
        }
        return out.toString();
    }
}
