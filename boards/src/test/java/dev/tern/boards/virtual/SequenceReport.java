package dev.tern.boards.virtual;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.tern.boards.firmware.Reading;


/**
 * What one sensor's readings, as a subscriber received them, say about its sequence numbers:
 * the highest, the numbers missing below it, and the numbers received more than once, split in
 * protocol duplicates (the same message again: same payload, which a QoS 1 delivery may bring)
 * and repeats (another reading with the same number: a reboot that restarted the count).
 *
 * <p>The split is by payload, so it is exact only while a reboot cannot produce the same payload
 * again: {@code t} restarts with the board clock and the simulated sensors are seeded, so a
 * firmware that restarts seq at 1 after a reboot can send a byte-identical reading, which is then
 * counted as a duplicate, not a repeat. The QoS 2 check counts both; for QoS 1 a repeat can hide
 * among the duplicates only in that (already failing) case.
 */
record SequenceReport(String sensor, int configuredQos, int received, long highest, List<Long> missing,
        int duplicates, List<Long> repeated, List<Integer> qosSeen, boolean increasing) {

    static SequenceReport of(final String sensor, final int configuredQos, final List<Reading> readings) {
        final Map<Long, List<String>> payloads = new HashMap<>();
        final TreeSet<Integer> qos = new TreeSet<>();
        long highest = 0;
        boolean increasing = true;
        long previous = 0;
        for (final Reading r : readings) {
            payloads.computeIfAbsent(r.seq(), k -> new ArrayList<>()).add(r.payload());
            qos.add(r.qos());
            highest = Math.max(highest, r.seq());
            increasing &= r.seq() > previous;
            previous = r.seq();
        }
        final List<Long> missing = new ArrayList<>();
        for (long seq = 1; seq <= highest; seq++) {
            if (!payloads.containsKey(seq)) {
                missing.add(seq);
            }
        }
        int duplicates = 0;
        final List<Long> repeated = new ArrayList<>();
        for (final Map.Entry<Long, List<String>> e : new java.util.TreeMap<>(payloads).entrySet()) {
            final List<String> copies = e.getValue();
            final long distinct = copies.stream().distinct().count();
            duplicates += copies.size() - (int) distinct;
            if (distinct > 1) {
                repeated.add(e.getKey());
            }
        }
        return new SequenceReport(sensor, configuredQos, readings.size(), highest, missing, duplicates, repeated,
                List.copyOf(qos), increasing);
    }

    @Override
    public String toString() {
        return sensor + " (qos " + configuredQos + "): " + received + " received, highest seq " + highest
                + ", missing " + abbreviate(missing) + ", duplicates (same message again) " + duplicates
                + ", numbers reused by different readings " + abbreviate(repeated) + ", arrived at qos " + qosSeen
                + (increasing ? ", in increasing order" : ", NOT in increasing order");
    }

    private static String abbreviate(final List<Long> values) {
        if (values.size() <= 12) {
            return values.toString();
        }
        return values.subList(0, 12).toString().replace("]", ", ... (" + values.size() + " in all)]");
    }
}
