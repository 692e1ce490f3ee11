package dev.tern.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rounds of one figure: median, min and max, and every round's value for the RESULT line. */
public final class Spread {

    private final List<Double> values = new ArrayList<>();

    public void add(double value) {
        values.add(value);
    }

    public int count() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public double min() {
        return sorted().get(0);
    }

    public double max() {
        return sorted().get(values.size() - 1);
    }

    /** {@code min–max} with the given number of decimals. */
    public String range(int decimals) {
        return format(min(), decimals) + "-" + format(max(), decimals);
    }

    public Map<String, Object> toMap(int decimals) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("median", round(median(), decimals));
        map.put("min", round(min(), decimals));
        map.put("max", round(max(), decimals));
        List<Object> rounds = new ArrayList<>();
        for (double value : values) {
            rounds.add(round(value, decimals));
        }
        map.put("rounds", rounds);
        return map;
    }

    public static String format(double value, int decimals) {
        return decimals == 0 ? Long.toString(Math.round(value)) : String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }

    private static Object round(double value, int decimals) {
        if (decimals == 0) {
            return Math.round(value);
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private List<Double> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no rounds");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
