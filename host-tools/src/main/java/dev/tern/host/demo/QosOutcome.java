package dev.tern.host.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What happened to one sensor's readings, at the end or at one instant of the demo.
 *
 * @param sent          readings the board took: its highest sequence number seen (they count from 1)
 * @param received      deliveries, duplicates included
 * @param lostSeqs      sequence numbers up to {@code sent} that never arrived
 * @param lostInFault   of those, how many were taken while each kind of fault lasted
 * @param lostOutside   of those, how many were taken while no fault lasted
 * @param undelivered   readings the board took after the last one that arrived (still in the board at the end)
 * @param duplicates    deliveries of a sequence number that had arrived already (the board's DUP=1 does not
 *                      show here: each hop sets its own DUP flag; the board's trace shows it)
 * @param late          deliveries held back by a fault: they arrived more than a second after the
 *                      board took them (held in its session or the broker's queue)
 */
public record QosOutcome(String sensor, int qos, long sent, int received, List<Long> lostSeqs,
        Map<Fault, Integer> lostInFault, int lostOutside, long undelivered, int duplicates, int late) {

    public int lost() {
        return lostSeqs.size();
    }

    /** Why, in words, for the table and the summary ("lost: published at QoS 0 while the link was down"). */
    public List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        lostInFault.forEach((fault, count) -> reasons.add(count + " lost: " + lossReason(fault)));
        if (lostOutside > 0) {
            reasons.add(lostOutside + " lost outside any fault");
        }
        if (undelivered > 0) {
            reasons.add(undelivered + " taken by the board after the last that arrived: still in the board");
        }
        if (duplicates > 0) {
            reasons.add(duplicates + " duplicate(s): " + (qos == 0 ? "a sequence number taken again (a QoS 0 seq is saved"
                    + " with the next save, so a reboot may repeat it)" : "re-sent by the board (DUP=1) because its"
                    + " acknowledgement never came back; the broker passed the copy on"));
        }
        if (late > 0) {
            reasons.add(late + " arrived after the fault: kept in the " + (qos == 0 ? "board's offline queue" : "session")
                    + " and delivered once the path was back");
        }
        return reasons;
    }

    private String lossReason(Fault fault) {
        return switch (fault) {
            case OUTAGE -> "published at QoS " + qos + " while the link was down";
            case RESTART -> "published at QoS " + qos + " while the broker restarted";
            case POWERCUT -> "at QoS " + qos + ", in the board's RAM when the power went";
        };
    }
}
