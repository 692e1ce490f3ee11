package dev.tern.host.demo;

import java.util.ArrayList;
import java.util.List;

/** The story's last words: per QoS, what happened and what it means for choosing a QoS. */
public final class ClosingSummary {

    private ClosingSummary() {
    }

    public static List<String> lines(List<QosOutcome> outcomes, List<FaultWindow> windows) {
        List<String> lines = new ArrayList<>();
        String faults = faultsSeen(windows);
        lines.add(faults.isEmpty() ? "No fault happened." : "Through " + faults + ":");
        for (QosOutcome o : outcomes) {
            lines.add("QoS " + o.qos() + " (" + o.sensor() + "): " + happened(o) + ".");
            lines.add("  " + meaning(o.qos()));
        }
        return lines;
    }

    private static String happened(QosOutcome o) {
        String counts = "sent " + o.sent() + ", received " + o.received() + ": ";
        String lost = o.lost() == 0 ? "nothing lost" : o.lost() + " lost";
        String dups = o.duplicates() == 0 ? "no duplicate" : o.duplicates() + " duplicate(s)";
        String late = o.late() == 0 ? "" : ", " + o.late() + " held during a fault and delivered after it";
        return counts + lost + ", " + dups + late;
    }

    private static String meaning(int qos) {
        return switch (qos) {
            case 0 -> "QoS 0 sends once and forgets: take it where losing a reading now and then is fine (a sensor that"
                    + " publishes often, a steady wired link) and nobody needs what was missed.";
            case 1 -> "QoS 1 re-sends until acknowledged, so nothing is lost but a reading may come twice: the most used"
                    + " QoS, when the application can drop repeats (here by seq) and wants QoS 1's speed.";
            default -> "QoS 2's four-packet handshake (PUBLISH, PUBREC, PUBREL, PUBCOMP) delivers each reading exactly once,"
                    + " even across a power cut inside it: take it when a repeat would do harm and its extra packets are affordable.";
        };
    }

    private static String faultsSeen(List<FaultWindow> windows) {
        List<String> titles = new ArrayList<>();
        for (FaultWindow window : windows) {
            if (!titles.contains(window.fault().title())) {
                titles.add(window.fault().title());
            }
        }
        return String.join(", ", titles);
    }
}
