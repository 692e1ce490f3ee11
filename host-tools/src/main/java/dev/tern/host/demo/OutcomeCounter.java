package dev.tern.host.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts one sensor's {@link QosOutcome} from its arrivals, the fault windows and the host times
 * the board was (re)started. Pure: the same inputs give the same outcome.
 *
 * <p>Readings the board took after the last one that arrived are not lost but undelivered: still
 * on their way, or stuck in the board when the demo ended.
 *
 * <p>A lost reading is placed in time between the arrivals of its nearest received neighbours
 * (the last lower and the first higher sequence number): when that span touches a fault window
 * the loss belongs to that fault, else it happened outside any fault. A delivery is late when it
 * arrived more than {@link #LATE_MILLIS} after the board took it; the board's clock restarts
 * with each boot, so the delay is measured against the quickest delivery of the same boot.
 */
public final class OutcomeCounter {

    static final long LATE_MILLIS = 1000;

    private OutcomeCounter() {
    }

    /**
     * @param arrivals   this sensor's deliveries, in arrival order
     * @param windows    the fault windows so far (an open one lasts until now)
     * @param bootStarts host times (ms since the readings' origin) of each power-on or reset, ascending
     * @param boardSeq   the last sequence number the board says it took (its status), 0 when unknown
     */
    public static QosOutcome count(String sensor, int qos, List<Arrival> arrivals, List<FaultWindow> windows,
            List<Long> bootStarts, long boardSeq) {
        TreeMap<Long, Long> firstArrival = new TreeMap<>();
        int duplicates = 0;
        for (Arrival arrival : arrivals) {
            long seq = arrival.reading().seq();
            if (firstArrival.containsKey(seq)) {
                duplicates++;
            } else {
                firstArrival.put(seq, arrival.atMillis());
            }
        }
        long highestReceived = firstArrival.isEmpty() ? 0 : firstArrival.lastKey();
        long sent = Math.max(highestReceived, boardSeq);
        List<Long> lost = new ArrayList<>();
        Map<Fault, Integer> lostInFault = new EnumMap<>(Fault.class);
        int lostOutside = 0;
        for (long seq = 1; seq <= highestReceived; seq++) {
            if (firstArrival.containsKey(seq)) {
                continue;
            }
            lost.add(seq);
            Map.Entry<Long, Long> before = firstArrival.lowerEntry(seq);
            Map.Entry<Long, Long> after = firstArrival.higherEntry(seq);
            Fault fault = faultDuring(windows, before == null ? 0 : before.getValue(), after.getValue());
            if (fault == null) {
                lostOutside++;
            } else {
                lostInFault.merge(fault, 1, Integer::sum);
            }
        }
        return new QosOutcome(sensor, qos, sent, arrivals.size(), lost, lostInFault, lostOutside, sent - highestReceived,
                duplicates, late(arrivals, bootStarts));
    }

    private static Fault faultDuring(List<FaultWindow> windows, long from, long to) {
        for (FaultWindow window : windows) {
            if (window.overlaps(from, to)) {
                return window.fault();
            }
        }
        return null;
    }

    /** Deliveries that arrived more than LATE_MILLIS after the board took them. */
    static int late(List<Arrival> arrivals, List<Long> bootStarts) {
        Map<Integer, Long> quickest = new TreeMap<>();
        for (Arrival arrival : arrivals) {
            if (arrival.reading().time() >= 0) {
                long offset = arrival.atMillis() - arrival.reading().time();
                quickest.merge(boot(offset, bootStarts), offset, Math::min);
            }
        }
        int late = 0;
        for (Arrival arrival : arrivals) {
            if (arrival.reading().time() >= 0) {
                long offset = arrival.atMillis() - arrival.reading().time();
                if (offset - quickest.get(boot(offset, bootStarts)) > LATE_MILLIS) {
                    late++;
                }
            }
        }
        return late;
    }

    /**
     * Which boot took a reading: arrival minus board clock is when that boot's clock started
     * (plus the delay), so it is the last boot that started no later than that.
     */
    private static int boot(long offset, List<Long> bootStarts) {
        int boot = 0;
        for (int i = 0; i < bootStarts.size(); i++) {
            if (bootStarts.get(i) <= offset) {
                boot = i;
            }
        }
        return boot;
    }
}
