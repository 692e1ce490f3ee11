package dev.tern.bench.wear;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tern.boards.definition.SessionLife;

/**
 * What one cell measured. Flash figures are deltas from the moment the engine was connected (and
 * subscribed), so the connect and first checkpoint are not charged to the messages.
 *
 * @param completed    messages that went all the way (acknowledged to the engine, or delivered by it)
 * @param erases       erases the flash model counted in the region
 * @param storeErases  erases the session store counted itself
 * @param unitErases   erases per unit of the region at the end of the cell (from a blank region)
 */
record WearResult(WearSettings settings, long completed, long erases, long storeErases, long bytesProgrammed,
                  long busyNanos, CallStalls stalls, EraseSpan span, int[] unitErases, String problems) {

    boolean ok() {
        return problems.isEmpty() && completed == settings.messages() && erases == storeErases;
    }

    double erasesPer1000() {
        return 1000.0 * erases / settings.messages();
    }

    double bytesPer1000() {
        return 1000.0 * bytesProgrammed / settings.messages();
    }

    /**
     * Region erases per message: between the run's first and last erase when there were two or more
     * (whole units filled by the messages between them: no part-filled unit at either end skews it),
     * else over the whole run.
     */
    double erasesPerMessage() {
        return span.messages() > 0 ? (double) span.erases() / span.messages() : (double) erases / settings.messages();
    }

    double busyMillisPerMessage() {
        return busyNanos / 1e6 / settings.messages();
    }

    int maxUnitErases() {
        int max = 0;
        for (int count : unitErases) {
            max = Math.max(max, count);
        }
        return max;
    }

    double meanUnitErases() {
        long sum = 0;
        for (int count : unitErases) {
            sum += count;
        }
        return (double) sum / unitErases.length;
    }

    /**
     * Years until the most-erased unit reaches the endurance at this cell's rate: the journal erases
     * each unit once per lap of the ring, so every unit wears at (erases per message) / (units) and the
     * most-erased one stays its measured lead (max - mean erases per unit) ahead of the mean.
     */
    double projectedYears() {
        double unitErasesPerMessage = erasesPerMessage() / unitErases.length;
        return SessionLife.years(settings.board().sessionEndurance(), unitErasesPerMessage,
                maxUnitErases() - meanUnitErases());
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("board", settings.board().id());
        map.put("direction", settings.direction());
        map.put("qos", settings.qos());
        map.put("mqtt", settings.mqtt().label());
        map.put("messages", settings.messages());
        map.put("sensorSequence", settings.sensorSequence());
        map.put("completed", completed);
        map.put("erases", erases);
        map.put("storeErases", storeErases);
        map.put("bytesProgrammed", bytesProgrammed);
        map.put("erasesPer1000Messages", round(erasesPer1000(), 2));
        map.put("erasesPerMessageBetweenFirstAndLastErase", span.messages() > 0 ? round(erasesPerMessage(), 6) : null);
        map.put("bytesPer1000Messages", round(bytesPer1000(), 0));
        map.put("flashBusyMsPerMessage", round(busyMillisPerMessage(), 4));
        map.put("engineCalls", stalls.calls());
        map.put("callsUsingFlash", stalls.flashCalls());
        map.put("longestStallMs", round(stalls.longestNanos() / 1e6, 3));
        map.put("p99StallMs", round(stalls.percentileNanos(99) / 1e6, 3));
        map.put("units", unitErases.length);
        map.put("maxUnitErases", maxUnitErases());
        map.put("meanUnitErases", round(meanUnitErases(), 4));
        if (settings.outgoing() && settings.qos() > 0) {
            double years = projectedYears();
            map.put("projectedYears", Double.isInfinite(years) ? null : round(years, 2));
        }
        map.put("ok", ok());
        map.put("problems", problems);
        return map;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
