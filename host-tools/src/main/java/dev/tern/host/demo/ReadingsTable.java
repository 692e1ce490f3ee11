package dev.tern.host.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.tern.boards.firmware.Reading;

/**
 * What arrived per sensor, counted as the readings come in (any thread):
 *
 * <ul>
 * <li>received: every delivery;
 * <li>duplicates: deliveries of a sequence number that had arrived already (whatever their DUP
 *     flag: a DUP=1 copy whose first copy was lost is the first arrival, not a duplicate);
 * <li>gaps: numbers between the lowest and the highest received that never arrived (QoS 0 may
 *     lose some; the count starts at the first number seen, so a demo that joins a board's
 *     running sequence counts nothing before it);
 * <li>the QoS the readings arrived at, and the last value.
 * </ul>
 */
public final class ReadingsTable {

    private final QosPlan plan;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    public ReadingsTable(QosPlan plan) {
        this.plan = plan;
        for (String sensor : plan.sensors()) {
            rows.put(sensor, new Row(sensor));
        }
    }

    /** Counts one delivery; readings of sensors not in the plan are ignored (false). */
    public synchronized boolean add(Reading reading) {
        Row row = rows.get(reading.sensor());
        if (row == null) {
            return false;
        }
        row.add(reading);
        return true;
    }

    /** The counts now, one per sensor in the plan's order. */
    public synchronized List<Counts> counts() {
        List<Counts> counts = new ArrayList<>();
        for (Row row : rows.values()) {
            counts.add(row.counts(plan.qos(row.sensor)));
        }
        return counts;
    }

    /**
     * What is wrong for the demo to pass: a sensor with no readings, a sensor whose readings
     * arrived at another QoS than planned, a duplicate at QoS 2. Empty when all is well.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Counts c : counts()) {
            if (c.received() == 0) {
                problems.add(c.sensor() + ": no reading arrived (planned QoS " + c.plannedQos() + ")");
                continue;
            }
            problems.addAll(qosMismatch(c));
            if (c.plannedQos() == 2 && c.duplicates() > 0) {
                problems.add(c.sensor() + ": " + c.duplicates() + " duplicate(s) at QoS 2, which must deliver exactly once");
            }
        }
        return problems;
    }

    /** Sensors whose readings arrived at another QoS than planned (the story's verdict adds its own). */
    public List<String> qosMismatches() {
        List<String> problems = new ArrayList<>();
        for (Counts c : counts()) {
            if (c.received() > 0) {
                problems.addAll(qosMismatch(c));
            }
        }
        return problems;
    }

    private static List<String> qosMismatch(Counts c) {
        if (c.qosSeen().equals(Set.of(c.plannedQos()))) {
            return List.of();
        }
        return List.of(c.sensor() + ": readings arrived at QoS " + c.qosText() + ", planned " + c.plannedQos());
    }

    /** The table as text lines: a header, then one line per sensor. */
    public List<String> render() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-12s %4s %9s %11s %5s  %s", "sensor", "QoS", "received", "duplicates", "gaps", "last value"));
        for (Counts c : counts()) {
            lines.add(String.format("%-12s %4s %9d %11d %5d  %s", c.sensor(), c.received() == 0 ? "(" + c.plannedQos() + ")" : c.qosText(),
                    c.received(), c.duplicates(), c.gaps(), c.lastValue() == null ? "-" : c.lastValue()));
        }
        return lines;
    }

    /** One sensor's counts at one instant. */
    public record Counts(String sensor, int plannedQos, Set<Integer> qosSeen, int received, int duplicates, long gaps,
            String lastValue) {

        /** The QoS the readings arrived at: {@code 2}, or {@code 1,2} when they differed. */
        public String qosText() {
            StringBuilder text = new StringBuilder();
            for (int qos : new TreeSet<>(qosSeen)) {
                text.append(text.length() == 0 ? "" : ",").append(qos);
            }
            return text.length() == 0 ? "-" : text.toString();
        }
    }

    private static final class Row {
        final String sensor;
        final Set<Long> seen = new HashSet<>();
        final Set<Integer> qos = new TreeSet<>();
        int received;
        int duplicates;
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        String lastValue;

        Row(String sensor) {
            this.sensor = sensor;
        }

        void add(Reading reading) {
            received++;
            qos.add(reading.qos());
            lastValue = reading.value();
            if (!seen.add(reading.seq())) {
                duplicates++;
                return;
            }
            lowest = Math.min(lowest, reading.seq());
            highest = Math.max(highest, reading.seq());
        }

        Counts counts(int plannedQos) {
            long gaps = seen.isEmpty() ? 0 : highest - lowest + 1 - seen.size();
            return new Counts(sensor, plannedQos, Set.copyOf(qos), received, duplicates, gaps, lastValue);
        }
    }
}
