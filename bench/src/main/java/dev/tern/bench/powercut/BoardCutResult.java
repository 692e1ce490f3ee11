package dev.tern.bench.powercut;

import dev.tern.bench.MqttVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one board's power-cut run measured. */
record BoardCutResult(String board, MqttVersion mqtt, String device, int units, int unitSize, CutTally cuts, int boots, int restoresOk,
                      RestoreTotals restores, List<Ledger.Check> flows, int resentByBrokerAfterPubrel,
                      int refusedByStorage, long erases,
                      int maxUnitErases, long flashBusyNanos, double seconds, String problems) {

    /** 0 lost at QoS 1/2, 0 duplicate at QoS 2, every restore usable, nothing dropped for not fitting. */
    boolean guaranteeHolds() {
        return flows.stream().allMatch(Ledger.Check::holds) && restoresOk == boots && restores.doesNotFit() == 0;
    }

    boolean ok() {
        return guaranteeHolds() && problems.isEmpty();
    }

    /** Messages the engine published and received (accepted), all flows. */
    int messages() {
        return flows.stream().mapToInt(Ledger.Check::accepted).sum();
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mqtt", mqtt.label());
        map.put("sessionDevice", device);
        map.put("units", units);
        map.put("unitSize", unitSize);
        map.put("cuts", cuts.cuts());
        map.put("inRecordProgram", cuts.programs());
        map.put("inUnitErase", cuts.erases());
        map.put("inCheckpoint", cuts.checkpoints());
        map.put("inCheckpointProgram", cuts.checkpointPrograms());
        map.put("inCheckpointErase", cuts.checkpointErases());
        map.put("betweenOperations", cuts.between());
        map.put("budgetNotReached", cuts.notReached());
        map.put("boots", boots);
        map.put("restoresOk", restoresOk);
        map.put("restoreTornTail", restores.tornTail());
        map.put("restoreBadCrc", restores.badCrc());
        map.put("restoreDoesNotFit", restores.doesNotFit());
        for (Ledger.Check f : flows) {
            Map<String, Object> flow = new LinkedHashMap<>();
            flow.put("accepted", f.accepted());
            flow.put("uncertain", f.uncertain());
            flow.put("received", f.received());
            flow.put("lost", f.lost());
            flow.put("duplicated", f.duplicated());
            flow.put("unexpected", f.unexpected());
            map.put((f.flow().startsWith("engine") ? "out" : "in") + "Qos" + f.qos(), flow);
        }
        map.put("inQos2ResentByBrokerAfterPubrel", resentByBrokerAfterPubrel);
        map.put("refusedByStorage", refusedByStorage);
        map.put("erases", erases);
        map.put("maxUnitErases", maxUnitErases);
        map.put("erasesPer1000Messages", messages() == 0 ? 0 : Math.round(erases * 10_000.0 / messages()) / 10.0);
        map.put("flashBusyMs", flashBusyNanos / 1_000_000);
        map.put("seconds", Math.round(seconds * 10) / 10.0);
        map.put("guaranteeHolds", guaranteeHolds());
        map.put("ok", ok());
        map.put("problems", problems);
        return map;
    }
}
