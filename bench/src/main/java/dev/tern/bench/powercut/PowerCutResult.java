package dev.tern.bench.powercut;

import dev.tern.bench.MqttVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one powercut run measured: the cuts (at an instant between flash operations, or inside a
 * flash write after a chosen number of bytes), what each boot said of the session (restored, and
 * what the restore dropped: torn saves at the tail, saves with a bad CRC), and each sensor's
 * sequence report.
 */
public record PowerCutResult(MqttVersion mqtt, int cuts, int instantCuts, int flashCuts, int restoredTornTail, int restoredBadCrc, int boots,
        int bootsRestored, int bootsNoneStored, int bootsUnusable, int bootsSilent, List<Readings.Report> sensors,
        double seconds, String problems) {

    /** No QoS 1/2 seq lost or reused, no QoS 2 duplicate, every boot found a usable session. */
    public boolean guaranteeHolds() {
        boolean sequences = sensors.stream().allMatch(r -> r.lost() == 0 && r.repeated() == 0
                && (r.qos() < 2 || r.duplicated() == 0) && r.highest() > 0);
        return sequences && bootsUnusable == 0 && bootsSilent == 0;
    }

    public boolean ok() {
        return guaranteeHolds() && problems.isEmpty();
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mqtt", mqtt.label());
        map.put("cuts", cuts);
        map.put("instantCuts", instantCuts);
        map.put("cutsInsideFlashWrites", flashCuts);
        map.put("restoreTornTail", restoredTornTail);
        map.put("restoreBadCrc", restoredBadCrc);
        map.put("boots", boots);
        map.put("bootsRestored", bootsRestored);
        map.put("bootsNoneStored", bootsNoneStored);
        map.put("bootsUnusable", bootsUnusable);
        map.put("bootsSilent", bootsSilent);
        for (Readings.Report r : sensors) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("qos", r.qos());
            s.put("received", r.received());
            s.put("highestSeq", r.highest());
            s.put("lost", r.lost());
            s.put("duplicated", r.duplicated());
            s.put("repeated", r.repeated());
            map.put(r.sensor(), s);
        }
        map.put("seconds", Math.round(seconds * 10) / 10.0);
        map.put("guaranteeHolds", guaranteeHolds());
        map.put("ok", ok());
        map.put("problems", problems);
        return map;
    }
}
