package dev.tern.bench.throughput;

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
import dev.tern.bench.clients.WireSubscriber;
import dev.tern.bench.clients.WorkerLine;
import dev.tern.testsupport.MosquittoBroker;

/**
 * {@code bench/run throughput [--quick]}: messages per second from a publisher to a subscriber
 * through mosquitto on loopback, at QoS 0, 1 and 2, for Tern (session in RAM, and in in-memory
 * flash), Paho, HiveMQ, mosquitto's C client ({@code mosquitto_pub -l}, window 16 as the others),
 * and the wire baseline (pre-encoded 3.1.1 packets on a plain socket, same window). Each client
 * publishes in MQTT 3.1.1, 5 ({@code --mqtt 5}: Tern's engine, Paho's and HiveMQ's v5 clients,
 * {@code mosquitto_pub -V mqttv5}) or both, the versions' rows side by side; the wire baseline
 * stays 3.1.1.
 * The subscriber is the same for all: {@link WireSubscriber}, a plain-socket subscriber in a JVM
 * of its own started once, subscribed at QoS 2 to every run's topic (so it receives at the
 * run's QoS, min(publish, 2)). The rate is the messages that arrived divided by the
 * time from the publisher's first measured publish to the subscriber's last arrival
 * ({@code System.nanoTime} in both processes: CLOCK_MONOTONIC, one clock on Linux), after a
 * warm-up the subscriber does not see. Exit 1 when a run failed or, at QoS 1/2, not every
 * message arrived, or one arrived twice.
 */
public final class ThroughputBench {

    static final String USAGE = "[--quick] [--messages N] [--warmup N] [--rounds N] [--qos 0,1,2]"
            + " [--clients tern,tern+flash,paho,hivemq,mosquitto_pub,wire] [" + MqttVersion.OPTION + "]";
    static final String ALL_CLIENTS = "tern,tern+flash,paho,hivemq,mosquitto_pub,wire";

    private ThroughputBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    record Key(Contender client, MqttVersion mqtt, int qos) {
    }

    static int run(String[] args) {
        if (SuiteArguments.wantsHelp(args)) {
            System.out.println("usage: bench/run throughput " + USAGE);
            return SuiteArguments.EXIT_OK;
        }
        SuiteArguments arguments;
        long messages;
        long warmup;
        int rounds;
        List<Integer> qosLevels = new ArrayList<>();
        List<Contender> clients = new ArrayList<>();
        List<MqttVersion> versions;
        try {
            arguments = SuiteArguments.parse(args, "messages", "warmup", "rounds", "qos", "clients", "mqtt");
            versions = arguments.mqttVersions();
            messages = arguments.number("messages", 5_000, 20_000);
            // the JVM clients' JIT is still compiling after 5,000 messages: Tern's process used 40-47 µs
            // of CPU per message measured after 5,000, 17-19 µs after 50,000 (QoS 1, here)
            warmup = arguments.number("warmup", 20_000, 50_000);
            rounds = (int) arguments.number("rounds", 3, 5);
            qosLevels.addAll(arguments.qosLevels());
            for (String label : arguments.text("clients", ALL_CLIENTS).split(",")) {
                clients.add(Contender.byLabel(label.trim()));
            }
        } catch (IllegalArgumentException e) {
            return SuiteArguments.usageError("throughput", e, USAGE);
        }
        long timeoutSeconds = arguments.quick() ? 120 : 600;
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        System.out.println("throughput" + (arguments.quick() ? " (quick)" : "") + ": " + messages
                + " messages of 64 bytes after " + warmup + " warm-up, " + rounds
                + " rounds, window 16, MQTT "
                + versions.stream().map(MqttVersion::label).toList()
                + ", mosquitto on loopback, subscriber: the wire subscriber (own JVM); worker JVMs "
                + String.join(" ", Forks.JVM_OPTIONS) + ", java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
        Map<Key, Spread> rates = new LinkedHashMap<>();
        Map<Key, Spread> cpuMicrosPerMessage = new LinkedHashMap<>();
        Map<Key, Long> fewestDelivered = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        try (MosquittoBroker broker = BenchBroker.start();
             Forks.Background subscriber = Forks.start(WireSubscriber.class, List.of("2", broker.host(),
                     Integer.toString(broker.port()), "bench/tp/+/data", Long.toString(messages),
                     Long.toString(timeoutSeconds * rounds * qosLevels.size() * clients.size())), timeout)) {
            for (int round = 1; round <= rounds; round++) {
                for (int qos : qosLevels) {
                    for (Key key : keys(clients, versions, qos)) {
                        Contender client = key.client();
                        String label = client.label() + " mqtt " + key.mqtt().label() + " qos " + qos + " round " + round;
                        String run = "r" + round + "-q" + qos + "-" + client.name().toLowerCase() + "-v" + key.mqtt().level();
                        try {
                            WorkerLine published = Forks.run(client.main(key.mqtt()), client.arguments(key.mqtt(), "publish",
                                    qos, broker.host(), broker.port(), "bench/tp/" + run, warmup, messages, timeoutSeconds),
                                    timeout);
                            WorkerLine arrived = subscriber.awaitLine("topic", "bench/tp/" + run + "/data", timeout);
                            long delivered = arrived.number("counted");
                            double seconds = (arrived.number("lastNanos") - published.number("startNanos")) / 1e9;
                            double rate = delivered / seconds;
                            rates.computeIfAbsent(key, k -> new Spread()).add(rate);
                            cpuMicrosPerMessage.computeIfAbsent(key, k -> new Spread())
                                    .add(published.number(WorkerLine.CPU_NANOS) / 1e3 / messages);
                            fewestDelivered.merge(key, delivered, Math::min);
                            String problem = "";
                            if (qos > 0 && delivered != messages) {
                                problem = " NOT ALL DELIVERED";
                            } else if (qos > 0 && arrived.number("duplicates") > 0) {
                                problem = " " + arrived.number("duplicates") + " DUPLICATES";
                            }
                            if (!problem.isEmpty()) {
                                failures.add(label + ":" + problem.toLowerCase());
                            }
                            System.out.println("  round " + round + " " + client.label() + " mqtt " + key.mqtt().label()
                                    + " qos " + qos + ": " + Math.round(rate) + " msg/s, " + delivered + "/" + messages + " delivered" + problem);
                        } catch (RuntimeException e) {
                            failures.add(label + ": " + firstLine(e));
                            System.out.println("  round " + round + " " + label + ": FAILED " + e.getMessage());
                        }
                    }
                }
            }
        }
        print(rates, cpuMicrosPerMessage, fewestDelivered, failures, arguments.quick(), messages, warmup, rounds,
                (System.nanoTime() - started) / 1e9);
        return failures.isEmpty() ? SuiteArguments.EXIT_OK : SuiteArguments.EXIT_GUARANTEE_BROKEN;
    }

    /**
     * The runs at one QoS: each client in each version it speaks, the versions of a client side by
     * side (the wire baseline only in 3.1.1, which it stays even when only 5 is asked for).
     */
    static List<Key> keys(List<Contender> clients, List<MqttVersion> versions, int qos) {
        List<Key> keys = new ArrayList<>();
        for (Contender client : clients) {
            if (!client.speaks(MqttVersion.V5) && !versions.contains(MqttVersion.V3_1_1)) {
                keys.add(new Key(client, MqttVersion.V3_1_1, qos));
            }
            for (MqttVersion mqtt : versions) {
                if (client.speaks(mqtt)) {
                    keys.add(new Key(client, mqtt, qos));
                }
            }
        }
        return keys;
    }

    private static void print(Map<Key, Spread> rates, Map<Key, Spread> cpuMicrosPerMessage, Map<Key, Long> fewestDelivered, List<String> failures,
                              boolean quick, long messages, long warmup, int rounds, double seconds) {
        Table table = new Table("client", "mqtt", "session", "window", "qos", "msg/s", "min-max", "vs wire",
                "publisher CPU us/msg", "delivered (worst round)",
                "rounds");
        List<Object> runs = new ArrayList<>();
        for (Map.Entry<Key, Spread> entry : rates.entrySet()) {
            Key key = entry.getKey();
            Spread spread = entry.getValue();
            Spread wire = rates.get(new Key(Contender.WIRE, MqttVersion.V3_1_1, key.qos()));
            Double ratio = wire == null ? null : spread.median() / wire.median();
            table.row(key.client().label(), key.mqtt().label(), key.client().session(), key.client().window(), key.qos(),
                    Spread.format(spread.median(), 0),
                    spread.range(0), ratio == null ? "-" : Spread.format(ratio, 2),
                    Spread.format(cpuMicrosPerMessage.get(key).median(), 1),
                    fewestDelivered.get(key) + "/" + messages, spread.count());
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("client", key.client().label());
            run.put("mqtt", key.mqtt().label());
            run.put("session", key.client().session());
            run.put("window", key.client().window());
            run.put("qos", key.qos());
            run.put("messagesPerSecond", spread.toMap(0));
            run.put("ratioToWire", ratio == null ? null : Math.round(ratio * 100) / 100.0);
            run.put("publisherCpuMicrosPerMessage", cpuMicrosPerMessage.get(key).toMap(1));
            run.put("fewestDelivered", fewestDelivered.get(key));
            runs.add(run);
        }
        System.out.println();
        table.print(System.out);
        if (!failures.isEmpty()) {
            System.out.println("FAILED: " + String.join("; ", failures));
        }
        Map<String, Object> result = Forks.resultHead("throughput", quick, failures.isEmpty(), messages, warmup, rounds);
        result.put("subscriber", "wire");
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
