package dev.tern.bench.clients;

import java.util.ArrayList;
import java.util.List;

import dev.tern.bench.MqttVersion;

/**
 * A client the suites measure, with the worker main that runs it in a JVM of its own for each
 * MQTT version it speaks (Paho and HiveMQ: their v3 and v5 clients; Tern: one engine).
 */
public enum Contender {
    /** The Tern engine, session in RAM only (storage null). */
    TERN("tern", TernWorker.class, TernWorker.class, "ram"),
    /** The Tern engine, session saved to an in-memory flash before each acknowledged step, as on a board. */
    TERN_FLASH("tern+flash", TernWorker.class, TernWorker.class, "flash"),
    PAHO("paho", PahoWorker.class, Paho5Worker.class, null),
    HIVEMQ("hivemq", HiveMqWorker.class, HiveMq5Worker.class, null),
    /** mosquitto's C client ({@code mosquitto_pub -l}, libmosquitto): publish only. */
    MOSQUITTO_PUB("mosquitto_pub", MosquittoPubWorker.class, MosquittoPubWorker.class, null),
    /** Pre-encoded MQTT 3.1.1 packets on a plain socket: publish only. */
    WIRE("wire", WirePublisher.class, null, null);

    private final String label;
    private final Class<?> main311;
    private final Class<?> main5;
    private final String firstArgument;

    Contender(String label, Class<?> main311, Class<?> main5, String firstArgument) {
        this.label = label;
        this.main311 = main311;
        this.main5 = main5;
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

    /** Whether the client can speak {@code mqtt} (the wire baseline only 3.1.1). */
    public boolean speaks(MqttVersion mqtt) {
        return mqtt == MqttVersion.V5 ? main5 != null : main311 != null;
    }

    /** The worker main that runs the client in {@code mqtt}. */
    public Class<?> main(MqttVersion mqtt) {
        if (!speaks(mqtt)) {
            throw new IllegalArgumentException(label + " does not speak MQTT " + mqtt.label());
        }
        return mqtt == MqttVersion.V5 ? main5 : main311;
    }

    /** Messages it has unacknowledged at most: {@link Worker#WINDOW}, mosquitto_pub its own default. */
    public int window() {
        return this == MOSQUITTO_PUB ? MosquittoPubWorker.INFLIGHT : Worker.WINDOW;
    }

    /** Whether it can receive (the wire baseline and mosquitto_pub only publish). */
    public boolean receives() {
        return this != WIRE && this != MOSQUITTO_PUB;
    }

    /** The worker's arguments for one measurement. */
    public List<String> arguments(MqttVersion mqtt, String op, int qos, String host, int port, String topic, long warmup,
                                  long messages, long timeoutSeconds) {
        List<String> args = new ArrayList<>();
        if (firstArgument != null) {
            args.add(firstArgument);
        }
        if (this != WIRE) {
            args.add(mqtt.label());
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
        throw new IllegalArgumentException("no client '" + label + "' (tern, tern+flash, paho, hivemq, mosquitto_pub, wire)");
    }
}
