package dev.tern.bench.powercut;

import java.util.BitSet;
import java.util.Map;

/**
 * The numbered messages of one flow as the sending side knows them: accepted (the sender was told
 * the message will be delivered: an id or QUEUED from the engine, PUBCOMP for the broker-side
 * publisher) or uncertain (the power went inside the publish call: it may arrive, at most once at
 * QoS 2, and its number is never used again). Checked against what the receiver counted.
 */
final class Ledger {

    /** What one flow's receiver saw against its sender's ledger. */
    record Check(String flow, int qos, int accepted, int uncertain, int received, int lost, int duplicated,
                 int unexpected, String firstLost) {

        boolean holds() {
            return lost == 0 && unexpected == 0 && (qos < 2 || duplicated == 0);
        }
    }

    private final BitSet accepted = new BitSet();
    private final BitSet uncertain = new BitSet();
    private int next = 1;

    /** The number the next message carries. */
    int next() {
        return next;
    }

    void accepted(int seq) {
        accepted.set(seq);
        next = Math.max(next, seq + 1);
    }

    void uncertain(int seq) {
        uncertain.set(seq);
        next = Math.max(next, seq + 1);
    }

    int acceptedCount() {
        return accepted.cardinality();
    }

    /** Whether every accepted number is among {@code copies}' keys. */
    boolean allArrived(Map<Long, Integer> copies) {
        for (int seq = accepted.nextSetBit(0); seq >= 0; seq = accepted.nextSetBit(seq + 1)) {
            if (!copies.containsKey((long) seq)) {
                return false;
            }
        }
        return true;
    }

    /** {@code copies}: how many times each number arrived. */
    Check check(String flow, int qos, Map<Long, Integer> copies) {
        int lost = 0;
        StringBuilder firstLost = new StringBuilder();
        for (int seq = accepted.nextSetBit(0); seq >= 0; seq = accepted.nextSetBit(seq + 1)) {
            if (!copies.containsKey((long) seq) && lost++ < 10) {
                firstLost.append(firstLost.length() == 0 ? "" : ",").append(seq);
            }
        }
        int received = 0;
        int duplicated = 0;
        int unexpected = 0;
        for (Map.Entry<Long, Integer> entry : copies.entrySet()) {
            received += entry.getValue();
            duplicated += entry.getValue() - 1;
            long seq = entry.getKey();
            if (seq < 1 || seq > Integer.MAX_VALUE || (!accepted.get((int) seq) && !uncertain.get((int) seq))) {
                unexpected++;
            }
        }
        return new Check(flow, qos, accepted.cardinality(), uncertain.cardinality(), received, lost, duplicated,
                unexpected, firstLost.toString());
    }
}
