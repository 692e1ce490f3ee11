package dev.tern.bench.alloc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tern.bench.MqttVersion;
import dev.tern.bench.ResultLine;
import dev.tern.bench.Spread;
import dev.tern.bench.SuiteArguments;
import dev.tern.bench.Table;
import dev.tern.bench.clients.BenchBroker;
import dev.tern.bench.clients.Contender;
import dev.tern.bench.clients.Forks;
import dev.tern.bench.clients.WirePublisher;
import dev.tern.bench.clients.WorkerLine;
import dev.tern.testsupport.MosquittoBroker;

/**
 * {@code bench/run alloc [--quick]}: bytes allocated per message by all threads of the client's
 * JVM, publishing and receiving at QoS 0, 1 and 2, for Tern, Paho and HiveMQ. Each measurement is
 * a worker JVM of its own ({@link Forks#JVM_OPTIONS}): warm-up messages first, then a window of
 * messages over which every thread's allocated bytes are counted (see
 * {@code AllThreadsAllocation}); the part of the thread that drives the client (calls publish,
 * Tern's poll) is shown apart. Receivers are fed by the wire publisher from this JVM.
 * Rounds go round-robin over the clients so that a slow spell of the machine hits them alike.
 * Clients speak MQTT 3.1.1, 5 ({@code --mqtt 5}: Tern's engine, Paho's and HiveMQ's v5 clients)
 * or both, the versions' rows side by side; the feeder stays 3.1.1.
 * Exit 1 when a worker failed.
 */
public final class AllocBench {

    static final String USAGE = "[--quick] [--messages N] [--warmup N] [--rounds N] [--qos 0,1,2]"
            + " [--clients tern,paho,hivemq] [--ops publish,receive] [" + MqttVersion.OPTION + "]";

    private AllocBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    record Key(Contender client, MqttVersion mqtt, String op, int qos) {
    }

    static int run(String[] args) {
        if (SuiteArguments.wantsHelp(args)) {
            System.out.println("usage: bench/run alloc " + USAGE);
            return SuiteArguments.EXIT_OK;
        }
        SuiteArguments arguments;
        long messages;
        long warmup;
        int rounds;
        List<Integer> qosLevels;
        List<Contender> clients = new ArrayList<>();
        List<String> ops;
        List<MqttVersion> versions;
        try {
            arguments = SuiteArguments.parse(args, "messages", "warmup", "rounds", "qos", "clients", "ops", "mqtt");
            versions = arguments.mqttVersions();
            messages = arguments.number("messages", 1_000, 10_000);
            warmup = arguments.number("warmup", 1_000, 5_000);
            rounds = (int) arguments.number("rounds", 3, 5);
            qosLevels = arguments.qosLevels();
            for (String label : arguments.text("clients", "tern,paho,hivemq").split(",")) {
                Contender contender = Contender.byLabel(label.trim());
                if (contender == Contender.WIRE || contender == Contender.MOSQUITTO_PUB) {
                    throw new IllegalArgumentException(contender.label() + " has no allocation figure: it is not a JVM client");
                }
                clients.add(contender);
            }
            ops = List.of(arguments.text("ops", "publish,receive").split(","));
            for (String op : ops) {
                if (!op.equals("publish") && !op.equals("receive")) {
                    throw new IllegalArgumentException("--ops takes publish and receive: " + op);
                }
            }
        } catch (IllegalArgumentException e) {
            return SuiteArguments.usageError("alloc", e, USAGE);
        }
        long timeoutSeconds = arguments.quick() ? 120 : 600;
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        System.out.println("alloc" + (arguments.quick() ? " (quick)" : "") + ": " + messages + " messages of 64 bytes after "
                + warmup + " warm-up, " + rounds + " rounds, window 16, MQTT " + versions.stream().map(MqttVersion::label).toList()
                + ", mosquitto on loopback; worker JVMs "
                + String.join(" ", Forks.JVM_OPTIONS) + ", java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
        Map<Key, Spread> bytes = new LinkedHashMap<>();
        Map<Key, Spread> drivingBytes = new LinkedHashMap<>();
        Map<Key, Integer> died = new LinkedHashMap<>();
        Map<Key, Long> counted = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        try (MosquittoBroker broker = BenchBroker.start()) {
            for (int round = 1; round <= rounds; round++) {
                for (String op : ops) {
                    for (int qos : qosLevels) {
                        for (Key key : keys(clients, versions, op, qos)) {
                            Contender client = key.client();
                            String topic = "bench/alloc/r" + round + "-" + op + qos + "-" + client.name().toLowerCase()
                                    + "-v" + key.mqtt().level();
                            String label = client.label() + " mqtt " + key.mqtt().label();
                            try {
                                WorkerLine line = measure(broker, client, key.mqtt(), op, qos, topic, warmup, messages,
                                        timeoutSeconds, timeout);
                                double perMessage = (double) line.number("bytes") / line.number("counted");
                                bytes.computeIfAbsent(key, k -> new Spread()).add(perMessage);
                                double drivingPerMessage = (double) line.number("drivingThreadBytes") / line.number("counted");
                                drivingBytes.computeIfAbsent(key, k -> new Spread()).add(drivingPerMessage);
                                died.merge(key, (int) line.number("died"), Integer::sum);
                                counted.merge(key, line.number("counted"), Long::sum);
                                System.out.println("  round " + round + " " + label + " " + op + " qos " + qos
                                        + ": " + Spread.format(perMessage, 1) + " bytes/message over "
                                        + line.number("counted") + " messages (driving thread "
                                        + Spread.format(drivingPerMessage, 1) + ")"
                                        + (line.number("died") > 0 ? ", " + line.number("died") + " threads died" : ""));
                            } catch (RuntimeException | java.io.IOException e) {
                                failures.add(label + " " + op + " qos " + qos + " round " + round + ": "
                                        + firstLine(e));
                                System.out.println("  round " + round + " " + label + " " + op + " qos " + qos
                                        + ": FAILED " + e.getMessage());
                            }
                        }
                    }
                }
            }
        }
        print(bytes, drivingBytes, died, counted, failures, arguments.quick(), messages, warmup, rounds,
                (System.nanoTime() - started) / 1e9);
        return failures.isEmpty() ? SuiteArguments.EXIT_OK : SuiteArguments.EXIT_GUARANTEE_BROKEN;
    }

    /** Each client in each version asked for, the versions of a client side by side. */
    static List<Key> keys(List<Contender> clients, List<MqttVersion> versions, String op, int qos) {
        List<Key> keys = new ArrayList<>();
        for (Contender client : clients) {
            for (MqttVersion mqtt : versions) {
                keys.add(new Key(client, mqtt, op, qos));
            }
        }
        return keys;
    }

    private static WorkerLine measure(MosquittoBroker broker, Contender client, MqttVersion mqtt, String op, int qos,
                                      String topic, long warmup, long messages, long timeoutSeconds, Duration timeout)
            throws java.io.IOException {
        List<String> workerArgs = client.arguments(mqtt, op, qos, broker.host(), broker.port(), topic, warmup, messages,
                timeoutSeconds);
        if (op.equals("publish")) {
            return Forks.run(client.main(mqtt), workerArgs, timeout);
        }
        try (Forks.Background receiver = Forks.start(client.main(mqtt), workerArgs, timeout)) {
            WirePublisher.feed(broker.host(), broker.port(), topic + "/data", qos, warmup + messages,
                    (int) timeoutSeconds);
            WorkerLine line = receiver.await(timeout);
            if (qos > 0 && line.number("delivered") != warmup + messages) {
                throw new IllegalStateException("delivered " + line.number("delivered") + " of " + (warmup + messages));
            }
            return line;
        }
    }

    private static void print(Map<Key, Spread> bytes, Map<Key, Spread> drivingBytes, Map<Key, Integer> died, Map<Key, Long> counted,
                              List<String> failures, boolean quick, long messages, long warmup, int rounds,
                              double seconds) {
        Table table = new Table("client", "mqtt", "session", "op", "qos", "bytes/msg", "min-max", "driving thread",
                "threads died", "rounds");
        List<Object> runs = new ArrayList<>();
        for (Map.Entry<Key, Spread> entry : bytes.entrySet()) {
            Key key = entry.getKey();
            Spread spread = entry.getValue();
            String storage = key.client().session();
            table.row(key.client().label(), key.mqtt().label(), storage, key.op(), key.qos(), Spread.format(spread.median(), 1),
                    spread.range(1), Spread.format(drivingBytes.get(key).median(), 1), died.get(key), spread.count());
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("client", key.client().label());
            run.put("mqtt", key.mqtt().label());
            run.put("session", storage);
            run.put("op", key.op());
            run.put("qos", key.qos());
            run.put("bytesPerMessage", spread.toMap(1));
            run.put("drivingThreadBytesPerMessage", drivingBytes.get(key).toMap(1));
            run.put("threadsDied", died.get(key));
            run.put("messagesCounted", counted.get(key));
            runs.add(run);
        }
        System.out.println();
        table.print(System.out);
        if (!failures.isEmpty()) {
            System.out.println("FAILED: " + String.join("; ", failures));
        }
        Map<String, Object> result = Forks.resultHead("alloc", quick, failures.isEmpty(), messages, warmup, rounds);
        Forks.putMachine(result, seconds);
        result.put("runs", runs);
        result.put("failures", failures);
        System.out.println(ResultLine.of(result));
    }

    static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
