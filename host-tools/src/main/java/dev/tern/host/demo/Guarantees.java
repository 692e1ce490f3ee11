package dev.tern.host.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * What each QoS promises, checked against what happened: QoS 0 may lose readings, but only while
 * a fault lasts; QoS 1 loses none (it may duplicate); QoS 2 loses none and duplicates none.
 */
public final class Guarantees {

    private static final int SHOWN_SEQS = 8;

    private Guarantees() {
    }

    /** What broke, one line each, naming the sensor, its QoS and the readings; empty when every promise held. */
    public static List<String> broken(List<QosOutcome> outcomes) {
        List<String> broken = new ArrayList<>();
        for (QosOutcome o : outcomes) {
            String who = o.sensor() + " (QoS " + o.qos() + "): ";
            if (o.received() == 0) {
                broken.add(who + "no reading arrived");
                continue;
            }
            if (o.qos() == 0 && o.lostOutside() > 0) {
                broken.add(who + o.lostOutside() + " lost outside any fault window (seq " + seqs(o.lostSeqs())
                        + "); QoS 0 may lose readings only while a fault lasts");
            }
            if (o.qos() >= 1 && o.lost() > 0) {
                broken.add(who + o.lost() + " lost (seq " + seqs(o.lostSeqs()) + "); QoS " + o.qos() + " must lose nothing");
            }
            if (o.qos() >= 1 && o.undelivered() > 0) {
                broken.add(who + o.undelivered() + " taken by the board but not delivered by the end; QoS " + o.qos()
                        + " must deliver every reading");
            }
            if (o.qos() == 2 && o.duplicates() > 0) {
                broken.add(who + o.duplicates() + " duplicate(s); QoS 2 must deliver each reading exactly once");
            }
        }
        return broken;
    }

    private static String seqs(List<Long> seqs) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(SHOWN_SEQS, seqs.size()); i++) {
            shown.add(String.valueOf(seqs.get(i)));
        }
        return String.join(",", shown) + (seqs.size() > SHOWN_SEQS ? ",..." : "");
    }
}
