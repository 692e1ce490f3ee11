package dev.tern.bench.clients;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one machine-readable line a worker or the wire subscriber prints on stdout:
 * {@code WORKER key=value key=value ...} (values have no spaces), read back with {@link #parse}.
 */
public final class WorkerLine {

    public static final String PREFIX = "WORKER ";
    public static final String READY = "READY";

    private final Map<String, String> values = new LinkedHashMap<>();

    public WorkerLine put(String key, Object value) {
        String text = String.valueOf(value);
        if (text.isEmpty() || text.indexOf(' ') >= 0 || key.indexOf('=') >= 0) {
            throw new IllegalArgumentException("key=" + key + " value=" + text);
        }
        values.put(key, text);
        return this;
    }

    public String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key + " in " + this);
        }
        return value;
    }

    /**
     * Key of a publisher's CPU time (user and system, every thread of its process) in the measured
     * window, in ns.
     */
    public static final String CPU_NANOS = "cpuNanos";

    public long number(String key) {
        return Long.parseLong(text(key));
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The last {@code WORKER} line in {@code output}. */
    public static WorkerLine parse(String output) {
        java.util.List<WorkerLine> all = parseAll(output);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no line starting with '" + PREFIX.trim() + "' in:\n" + output);
        }
        return all.get(all.size() - 1);
    }

    /** Every complete {@code WORKER} line in {@code output}, in order. */
    public static java.util.List<WorkerLine> parseAll(String output) {
        java.util.List<WorkerLine> all = new java.util.ArrayList<>();
        String[] lines = output.split("\n", -1);
        for (int n = 0; n < lines.length - 1; n++) { // the last piece is not yet a whole line
            String line = lines[n];
            if (line.startsWith(PREFIX)) {
                WorkerLine found = new WorkerLine();
                for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("not key=value: '" + pair + "' in " + line);
                    }
                    found.values.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                all.add(found);
            }
        }
        return all;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(PREFIX);
        values.forEach((k, v) -> out.append(k).append('=').append(v).append(' '));
        return out.toString().trim();
    }
}
