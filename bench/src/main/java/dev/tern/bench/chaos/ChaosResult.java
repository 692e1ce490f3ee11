package dev.tern.bench.chaos;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one chaos run measured. {@code lost}: numbers 1..sent that never arrived; {@code duplicated}:
 * copies beyond the first, the broker's {@code resentAfterPubrel} left out (a QoS 2 message the
 * broker sent the engine again after its own PUBREL for it, {@link dev.tern.bench.ResentAfterPubrel});
 * {@code lostByBroker} (publisher to engine): lost numbers the broker never sent to the engine whole
 * (the proxy saw them all), so the broker, not the engine, lost them; {@code problems}: what made
 * the run itself unreliable (an independent client lost its own connection, a number arrived that
 * was never sent, the run timed out), empty when the figures can be trusted.
 */
public record ChaosResult(ChaosSettings settings, long sent, long delivered, long lost, long lostByBroker, long duplicated,
        int resentAfterPubrel, int cuts, Map<String, Integer> cutsByKind, int expiredCuts, int delays, int splits, int byteByBytePhases,
        long reconnects, long resent, long duplicatesSuppressed, double seconds, String firstLost, String problems) {

    /**
     * The engine's guarantee at the QoS: 2 none lost and none duplicated, 1 none lost, 0 none
     * (loss reported). A loss counts against the engine unless the broker never sent it.
     */
    public boolean guaranteeHolds() {
        return switch (settings.qos()) {
            case 2 -> lostByEngine() == 0 && duplicated == 0;
            case 1 -> lostByEngine() == 0;
            default -> true;
        };
    }

    public long lostByEngine() {
        return lost - lostByBroker;
    }

    /** The guarantee holds, the figures can be trusted and the cuts came as asked. */
    public boolean ok() {
        return guaranteeHolds() && problems.isEmpty() && cuts >= settings.cuts();
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("direction", settings.flow().label());
        map.put("qos", settings.qos());
        map.put("mqtt", settings.mqtt().label());
        map.put("sent", sent);
        map.put("delivered", delivered);
        map.put("lost", lost);
        map.put("lostByBroker", lostByBroker);
        map.put("lostByEngine", lostByEngine());
        map.put("duplicated", duplicated);
        map.put("resentByBrokerAfterPubrel", resentAfterPubrel);
        map.put("cuts", cuts);
        map.put("cutsAsked", settings.cuts());
        map.put("reconnects", reconnects);
        map.put("delays", delays);
        map.put("splits", splits);
        map.put("byteByBytePhases", byteByBytePhases);
        map.put("expiredCuts", expiredCuts);
        map.put("engineResent", resent);
        map.put("engineDuplicatesSuppressed", duplicatesSuppressed);
        map.put("seconds", Math.round(seconds * 10) / 10.0);
        map.put("guaranteeHolds", guaranteeHolds());
        map.put("ok", ok());
        map.put("problems", problems);
        map.put("cutsByKind", cutsByKind);
        return map;
    }
}
