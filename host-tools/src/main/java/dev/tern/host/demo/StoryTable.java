package dev.tern.host.demo;

import java.util.ArrayList;
import java.util.List;

/** The story's live table: per sensor and QoS, sent, received, lost, duplicates, late, and why. */
public final class StoryTable {

    private StoryTable() {
    }

    public static List<String> render(List<QosOutcome> outcomes) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-12s %3s %5s %9s %5s %11s %12s", "sensor", "QoS", "sent", "received", "lost",
                "duplicates", "after fault"));
        for (QosOutcome o : outcomes) {
            lines.add(String.format("%-12s %3d %5d %9d %5d %11d %12d", o.sensor(), o.qos(), o.sent(), o.received(), o.lost(),
                    o.duplicates(), o.late()));
        }
        for (QosOutcome o : outcomes) {
            for (String reason : o.reasons()) {
                lines.add(o.sensor() + " (QoS " + o.qos() + "): " + reason);
            }
        }
        return lines;
    }

    /** The table, and under it the keys when a person at the terminal can press them. */
    public static List<String> render(List<QosOutcome> outcomes, KeyPresses keys) {
        List<String> lines = render(outcomes);
        if (keys.active()) {
            lines.add("keys: o outage   r broker restart   p power cut   q quit");
        }
        return lines;
    }
}
