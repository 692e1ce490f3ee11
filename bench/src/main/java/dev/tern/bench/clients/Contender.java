package dev.tern.bench.clients;

import java.util.ArrayList;
import java.util.List;

/** A client the suites measure, with the worker main that runs it in a JVM of its own. */
public enum Contender {
    /** The Tern engine, session in RAM only (storage null). */
    TERN("tern", TernWorker.class, "ram"),
    /** The Tern engine, session saved to an in-memory flash before each acknowledged step, as on a board. */
    TERN_FLASH("tern+flash", TernWorker.class, "flash"),
    PAHO("paho", PahoWorker.class, null),
    HIVEMQ("hivemq", HiveMqWorker.class, null),
    /** Pre-encoded packets on a plain socket: publish only. */
    WIRE("wire", WirePublisher.class, null);

    private final String label;
    private final Class<?> main;
    private final String firstArgument;

    Contender(String label, Class<?> main, String firstArgument) {
        this.label = label;
        this.main = main;
        this.firstArgument = firstArgument;
    }

    public String label() {
        return label;
    }

    /** Where the client keeps its session: Tern in RAM or in-memory flash, the peers in memory. */
    public String session() {
        return switch (this) {
            case TERN -> "ram";
            case TERN_FLASH -> "flash";
            case WIRE -> "none";
            default -> "memory";
        };
    }

    public Class<?> main() {
        return main;
    }

    /** The worker's arguments for one measurement. */
    public List<String> arguments(String op, int qos, String host, int port, String topic, long warmup, long messages,
                                  long timeoutSeconds) {
        List<String> args = new ArrayList<>();
        if (firstArgument != null) {
            args.add(firstArgument);
        }
        args.addAll(List.of(op, Integer.toString(qos), host, Integer.toString(port), topic, Long.toString(warmup),
                Long.toString(messages), Long.toString(timeoutSeconds)));
        return args;
    }

    public static Contender byLabel(String label) {
        for (Contender contender : values()) {
            if (contender.label.equals(label)) {
                return contender;
            }
        }
        throw new IllegalArgumentException("no client '" + label + "' (tern, tern+flash, paho, hivemq, wire)");
    }
}
