package dev.tern.bench.footprint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;

import dev.tern.bench.MqttVersion;
import dev.tern.bench.ResultLine;
import dev.tern.bench.Spread;
import dev.tern.bench.SuiteArguments;
import dev.tern.bench.Table;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.testsupport.ForkedJvm;
import dev.tern.testsupport.MosquittoBroker;

/**
 * {@code bench/run footprint [--quick]}: the retained heap of Tern's engine for every bundled
 * board, and of Tern, Paho and HiveMQ connected to mosquitto with 16 QoS 1 messages in flight
 * (each in a JVM of its own, {@link FootprintProbe}); then the class bytes of Tern's engine and
 * firmware jar against the peers' jars and their runtime dependencies. Quick: one round of each
 * connected client; full: 3 rounds, median and range.
 */
public final class FootprintBench {

    /** Issue 11's goal: the engine, its session store included, in 16 KiB at the virtual board's sizing. */
    static final long VIRTUAL_GOAL_BYTES = 16 * 1024;

    static final String USAGE = "[--quick] [--rounds N]";
    /** JOL: self-attach for its agent; magic field offsets to read the fields of hidden classes (lambdas). */
    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-Djdk.attach.allowAttachSelf=true", "-Djol.magicFieldOffset=true");
    static final List<String> CLIENTS = List.of("tern", "tern5", "paho", "hivemq");
    /** The codec's classes only MQTT 5 needs: properties, the v5 DISCONNECT/AUTH, reason codes (also naming 3.1.1's CONNACK codes). */
    static final List<String> V5_ONLY_CODEC = List.of("Properties", "PropertyCheck", "PropertyId", "PropertyWriter",
            "DisconnectCodec", "ReasonCode");
    /** coreMQTT's code at -Os, 3.1.1 release to its MQTT 5 release (issue 12): 7.0 KB to 18.9 KB. */
    static final double COREMQTT_GROWTH = 18.9 / 7.0;
    static final String CODEC = "dev/tern/mqtt/codec/";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(90);

    /** The HiveMQ client's runtime dependencies (its pom), each found by a class it holds. */
    static final Map<String, String> HIVEMQ_DEPENDENCIES = new LinkedHashMap<>();

    static {
        HIVEMQ_DEPENDENCIES.put("rxjava", "io.reactivex.Flowable");
        HIVEMQ_DEPENDENCIES.put("reactive-streams", "org.reactivestreams.Publisher");
        HIVEMQ_DEPENDENCIES.put("netty-buffer", "io.netty.buffer.ByteBuf");
        HIVEMQ_DEPENDENCIES.put("netty-codec", "io.netty.handler.codec.ByteToMessageDecoder");
        HIVEMQ_DEPENDENCIES.put("netty-common", "io.netty.util.concurrent.EventExecutor");
        HIVEMQ_DEPENDENCIES.put("netty-handler", "io.netty.handler.ssl.SslHandler");
        HIVEMQ_DEPENDENCIES.put("netty-resolver", "io.netty.resolver.AddressResolver");
        HIVEMQ_DEPENDENCIES.put("netty-transport", "io.netty.channel.Channel");
        HIVEMQ_DEPENDENCIES.put("netty-transport-native-unix-common", "io.netty.channel.unix.Socket");
        HIVEMQ_DEPENDENCIES.put("jctools-core", "org.jctools.queues.MpscArrayQueue");
        HIVEMQ_DEPENDENCIES.put("jetbrains-annotations", "org.jetbrains.annotations.NotNull");
        HIVEMQ_DEPENDENCIES.put("dagger", "dagger.Component");
        HIVEMQ_DEPENDENCIES.put("javax.inject", "javax.inject.Inject");
    }

    private FootprintBench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (SuiteArguments.wantsHelp(args)) {
            System.out.println("usage: bench/run footprint " + USAGE);
            return SuiteArguments.EXIT_OK;
        }
        SuiteArguments arguments;
        int rounds;
        try {
            arguments = SuiteArguments.parse(args, "rounds");
            rounds = (int) arguments.number("rounds", 1, 3);
        } catch (IllegalArgumentException e) {
            return SuiteArguments.usageError("footprint", e, USAGE);
        }
        System.out.println("footprint" + (arguments.quick() ? " (quick)" : "") + ": JOL retained heap, each probe in its own JVM "
                + JVM_OPTIONS + "; connected clients: clean session, state in memory, " + FootprintProbe.IN_FLIGHT
                + " QoS 1 PUBLISHes of " + FootprintProbe.PAYLOAD + " B in flight (mosquitto's PUBACKs held by a proxy), "
                + rounds + " round(s)");

        List<Map<String, String>> boards = interleave(probe("boards", MqttVersion.V3_1_1.label()),
                probe("boards", MqttVersion.V5.label()));
        long virtualRetained = -1;
        Map<String, Long> retained311 = new HashMap<>();
        Table boardTable = new Table("board", "mqtt", "slots", "max packet", "estimate B", "retained B", "vs 3.1.1",
                "budget B", "retained/budget %");
        List<Object> boardJson = new ArrayList<>();
        for (Map<String, String> board : boards) {
            long retained = Long.parseLong(board.get("owned"));
            long budget = Long.parseLong(board.get("budget"));
            if ("virtual".equals(board.get("board"))) {
                virtualRetained = Math.max(virtualRetained, retained);
            }
            String mqtt = board.get("mqtt");
            if (MqttVersion.V3_1_1.label().equals(mqtt)) {
                retained311.put(board.get("board"), retained);
            }
            Long base = retained311.get(board.get("board"));
            boardTable.row(board.get("board"), mqtt, board.get("slots"), board.get("max_packet"), board.get("estimate"),
                    retained, base == null ? "-" : Spread.format((double) retained / base, 3), budget,
                    String.valueOf(Math.round(1000.0 * retained / budget) / 10.0));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("board", board.get("board"));
            entry.put("mqtt", mqtt);
            entry.put("outgoing_slots", Integer.parseInt(board.get("slots")));
            entry.put("max_packet_size", Integer.parseInt(board.get("max_packet")));
            entry.put("estimate_bytes", Long.parseLong(board.get("estimate")));
            entry.put("retained_bytes", retained);
            entry.put("jol_total_bytes", Long.parseLong(board.get("jol")));
            entry.put("budget_bytes", budget);
            boardJson.add(entry);
        }
        System.out.println();
        System.out.println("engine per board with its session store (nothing connected; session flash not counted, it is flash):");
        boardTable.print(System.out);
        boolean goalMet = virtualRetained >= 0 && virtualRetained <= VIRTUAL_GOAL_BYTES;
        System.out.println("goal: at most " + VIRTUAL_GOAL_BYTES + " B (16 KiB) retained at the virtual board's sizing, either version: "
                + (goalMet ? "met (" + virtualRetained + " B)" : "MISSED (" + virtualRetained + " B)"));

        Map<String, List<Map<String, String>>> connected = new LinkedHashMap<>();
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            for (int round = 0; round < rounds; round++) {
                for (String client : CLIENTS) {
                    connected.computeIfAbsent(client, c -> new ArrayList<>())
                            .addAll(probe(client, broker.host(), String.valueOf(broker.port())));
                }
            }
        }
        Table clientTable = new Table("client", "in flight", "retained B (median)", "min", "max", "JOL whole graph B (median)");
        Map<String, Object> clientJson = new LinkedHashMap<>();
        for (Map.Entry<String, List<Map<String, String>>> entry : connected.entrySet()) {
            List<Long> owned = column(entry.getValue(), "owned");
            List<Long> jol = column(entry.getValue(), "jol");
            clientTable.row(entry.getKey(), entry.getValue().get(0).get("in_flight"), median(owned), owned.get(0),
                    owned.get(owned.size() - 1), median(jol));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("in_flight", Integer.parseInt(entry.getValue().get(0).get("in_flight")));
            json.put("retained_bytes_median", median(owned));
            json.put("retained_bytes", owned);
            json.put("jol_total_bytes_median", median(jol));
            json.put("jol_total_bytes", jol);
            clientJson.put(entry.getKey(), json);
        }
        System.out.println();
        System.out.println("connected, " + FootprintProbe.IN_FLIGHT + " in flight (retained: strongly reachable from the client object"
                + " through instance fields, not entering JVM-wide state: threads, thread groups, class loaders, classes, modules,"
                + " protection domains, zip files, java.util.logging, resource bundles, references (the Cleaner's list),"
                + " method handles; JOL whole graph: GraphLayout.parseInstance(client), everything reachable, which from a"
                + " client's threads and sockets is most of the JVM):");
        clientTable.print(System.out);

        Map<String, ClassBytes> code = classBytes();
        ClassBytes codec = code.get(CODEC_ROW);
        ClassBytes codecV5 = code.get(CODEC_V5_ROW);
        double codecGrowth = (double) codec.classBytes() / (codec.classBytes() - codecV5.classBytes());
        Table codeTable = new Table("code", "jars", "classes", "class bytes", "jar bytes");
        Map<String, Object> codeJson = new LinkedHashMap<>();
        for (Map.Entry<String, ClassBytes> entry : code.entrySet()) {
            ClassBytes bytes = entry.getValue();
            codeTable.row(entry.getKey(), bytes.jars(), bytes.classes(), bytes.classBytes(),
                    bytes.jarBytes() == 0 ? "-" : String.valueOf(bytes.jarBytes()));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("jars", bytes.jars());
            json.put("classes", bytes.classes());
            json.put("class_bytes", bytes.classBytes());
            json.put("jar_bytes", bytes.jarBytes());
            codeJson.put(entry.getKey(), json);
        }
        System.out.println();
        System.out.println("code (class bytes: uncompressed .class entries; jar bytes: the files):");
        codeTable.print(System.out);
        System.out.println("codec, all classes / without the classes only MQTT 5 uses: x" + Spread.format(codecGrowth, 2)
                + " (a lower bound of what MQTT 5 added: the shared codecs hold v5 branches too); coreMQTT 3.1.1 -> 5 at -Os:"
                + " 7.0 KB -> 18.9 KB = x" + Spread.format(COREMQTT_GROWTH, 2));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("suite", "footprint");
        result.put("quick", arguments.quick());
        result.put("rounds", rounds);
        result.put("in_flight", FootprintProbe.IN_FLIGHT);
        result.put("payload_bytes", FootprintProbe.PAYLOAD);
        result.put("boards", boardJson);
        result.put("virtual_goal_bytes", VIRTUAL_GOAL_BYTES);
        result.put("virtual_goal_met", goalMet);
        result.put("connected", clientJson);
        result.put("code", codeJson);
        result.put("codec_growth_lower_bound", Math.round(codecGrowth * 100) / 100.0);
        result.put("coremqtt_growth", Math.round(COREMQTT_GROWTH * 100) / 100.0);
        System.out.println(ResultLine.of(result));
        return goalMet ? SuiteArguments.EXIT_OK : SuiteArguments.EXIT_GUARANTEE_BROKEN;
    }

    /** Tern's engine classes and firmware jar, Paho's jar, HiveMQ's jar alone and with its runtime dependencies. */
    static Map<String, ClassBytes> classBytes() {
        Map<String, ClassBytes> code = new LinkedHashMap<>();
        Path firmware = ClassBytes.jarOf(MqttClient.class);
        code.put("tern engine (dev/tern/mqtt in the firmware jar)", ClassBytes.of(firmware, "dev/tern/mqtt/"));
        code.put(CODEC_ROW, ClassBytes.of(firmware, CODEC));
        code.put(CODEC_V5_ROW, ClassBytes.ofClasses(firmware, CODEC, V5_ONLY_CODEC));
        code.put("tern firmware jar (engine, HAL, sensor app)", ClassBytes.of(firmware, ""));
        code.put("paho mqttv3 1.2.5", ClassBytes.of(ClassBytes.jarOf(MqttAsyncClient.class), ""));
        Path hivemq = ClassBytes.jarOf("com.hivemq.client.mqtt.MqttClient");
        code.put("hivemq-mqtt-client 1.3.10", ClassBytes.of(hivemq, ""));
        List<Path> withDependencies = new ArrayList<>();
        withDependencies.add(hivemq);
        for (String type : HIVEMQ_DEPENDENCIES.values()) {
            withDependencies.add(ClassBytes.jarOf(type));
        }
        code.put("hivemq-mqtt-client + runtime deps", ClassBytes.of(withDependencies));
        return code;
    }

    /** Runs the probe in a JVM of its own and returns its FOOTPRINT lines as key=value maps. */
    static List<Map<String, String>> probe(String... args) {
        ForkedJvm.Result run = ForkedJvm.run(JVM_OPTIONS, System.getProperty("java.class.path"), FootprintProbe.class,
                List.of(args), PROBE_TIMEOUT);
        List<Map<String, String>> lines = new ArrayList<>();
        for (String line : run.stdout().split("\n")) {
            if (line.startsWith(FootprintProbe.PREFIX)) {
                Map<String, String> values = new HashMap<>();
                for (String pair : line.substring(FootprintProbe.PREFIX.length()).trim().split(" ")) {
                    int eq = pair.indexOf('=');
                    values.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                lines.add(values);
            }
        }
        if (run.exitCode() != 0 || lines.isEmpty()) {
            throw new IllegalStateException("footprint probe " + String.join(" ", args) + " failed (exit " + run.exitCode()
                    + "):\n" + run.stdout() + run.stderr());
        }
        return lines;
    }

    static final String CODEC_ROW = "tern codec (dev/tern/mqtt/codec), 3.1.1 and 5";
    static final String CODEC_V5_ROW = "  of which only MQTT 5 uses (" + String.join(", ", V5_ONLY_CODEC) + ")";

    /** The rows of {@code a} and {@code b} alternating: each board's versions side by side. */
    static List<Map<String, String>> interleave(List<Map<String, String>> a, List<Map<String, String>> b) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                rows.add(a.get(i));
            }
            if (i < b.size()) {
                rows.add(b.get(i));
            }
        }
        return rows;
    }

    static List<Long> column(List<Map<String, String>> lines, String key) {
        List<Long> values = new ArrayList<>();
        for (Map<String, String> line : lines) {
            values.add(Long.parseLong(line.get(key)));
        }
        values.sort(null);
        return values;
    }

    static long median(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
