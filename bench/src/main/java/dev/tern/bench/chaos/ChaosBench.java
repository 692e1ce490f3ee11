package dev.tern.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tern.bench.MqttVersion;
import dev.tern.bench.ResultLine;
import dev.tern.bench.SuiteArguments;
import dev.tern.bench.Table;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.TestBroker;

/**
 * {@code bench/run chaos [--quick]}: the engine's connection to a real mosquitto cut, delayed
 * and split while numbered messages flow, at QoS 0, 1 and 2, both ways. Full: 100,000 messages
 * and at least 1,000 cuts per (direction, QoS, MQTT version); quick: 3,000 and 100. The engine speaks
 * MQTT 3.1.1 unless {@code --mqtt 5} or {@code --mqtt both} (each case in both, side by side). Exit 1 when a QoS
 * guarantee is broken (QoS 2: a loss or a duplicate; QoS 1: a loss) or a run could not be trusted.
 */
public final class ChaosBench {

    static final String USAGE = "[--quick] [--messages N] [--cuts N] [--qos 0,1,2] [--direction both|publish|receive]"
            + " [--broker mosquitto|hivemq] [" + MqttVersion.OPTION + "] [--seed S] [--timeout SECONDS]";

    private ChaosBench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (SuiteArguments.wantsHelp(args)) {
            System.out.println("usage: bench/run chaos " + USAGE);
            return SuiteArguments.EXIT_OK;
        }
        SuiteArguments arguments;
        List<ChaosSettings> runs;
        BrokerKind brokerKind;
        String brokerName;
        try {
            arguments = SuiteArguments.parse(args, "messages", "cuts", "qos", "direction", "seed", "timeout",
                    "broker", "mqtt");
            brokerKind = arguments.broker();
            brokerName = brokerKind.name().toLowerCase(Locale.ROOT);
            runs = plan(arguments);
        } catch (IllegalArgumentException e) {
            return SuiteArguments.usageError("chaos", e, USAGE);
        }
        System.out.println("chaos" + (arguments.quick() ? " (quick)" : "") + ": " + runs.size() + " runs of "
                + runs.get(0).messages() + " messages, " + runs.get(0).cuts() + " cuts each, seed " + arguments.number("seed", 7, 7)
                + ", " + brokerName + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        List<ChaosResult> results = new ArrayList<>();
        try (TestBroker broker = brokerKind.start()) {
            for (ChaosSettings settings : runs) {
                ChaosResult result = ChaosRun.run(settings, broker);
                System.out.println("  " + settings.flow().label() + " qos " + settings.qos() + " mqtt "
                        + settings.mqtt().label() + ": " + result.sent()
                        + " sent, " + result.lost() + " lost (" + result.lostByBroker() + " never sent by the broker), "
                        + result.duplicated() + " duplicated (" + result.resentAfterPubrel()
                        + " more resent by the broker after its PUBREL), " + result.cuts()
                        + " cuts in " + Math.round(result.seconds()) + " s" + (result.ok() ? "" : "  <-- FAILED")
                        + (result.problems().isEmpty() ? "" : " (" + result.problems() + ")")
                        + (result.lost() > 0 ? " first lost: " + result.firstLost() : ""));
                results.add(result);
            }
            if (!results.stream().allMatch(ChaosResult::ok) && broker.logFile() != null) {
                java.nio.file.Path kept = java.nio.file.Files.createTempFile("tern-chaos-mosquitto-", ".log");
                java.nio.file.Files.copy(broker.logFile(), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                System.out.println("  the broker's log kept in " + kept);
            }
        }
        print(results, arguments.quick(), brokerName);
        return results.stream().allMatch(ChaosResult::ok) ? SuiteArguments.EXIT_OK : SuiteArguments.EXIT_GUARANTEE_BROKEN;
    }

    static List<ChaosSettings> plan(SuiteArguments arguments) {
        int messages = (int) arguments.number("messages", 3_000, 100_000);
        int cuts = (int) arguments.number("cuts", 100, 1_000);
        long seed = arguments.number("seed", 7, 7);
        Duration timeout = Duration.ofSeconds(arguments.number("timeout", 120, 3_600));
        List<Flow> flows = switch (arguments.text("direction", "both")) {
            case "both" -> List.of(Flow.ENGINE_TO_SUBSCRIBER, Flow.PUBLISHER_TO_ENGINE);
            case "publish" -> List.of(Flow.ENGINE_TO_SUBSCRIBER);
            case "receive" -> List.of(Flow.PUBLISHER_TO_ENGINE);
            default -> throw new IllegalArgumentException("--direction is both, publish or receive: "
                    + arguments.text("direction", ""));
        };
        List<ChaosSettings> runs = new ArrayList<>();
        for (Flow flow : flows) {
            for (int qos : arguments.qosLevels()) {
                // the versions of one case side by side, drawing their faults from the same seed
                for (MqttVersion mqtt : arguments.mqttVersions()) {
                    runs.add(new ChaosSettings(flow, qos, messages, cuts, seed + 10L * flow.ordinal() + qos, timeout, true,
                            mqtt));
                }
            }
        }
        return runs;
    }

    private static void print(List<ChaosResult> results, boolean quick, String brokerName) {
        Table table = new Table("direction", "qos", "mqtt", "sent", "delivered", "lost", "(by broker)", "duplicated",
                "(broker after PUBREL)", "cuts",
                "reconnects", "delays", "splits", "seconds", "engine guarantee");
        List<Object> runs = new ArrayList<>();
        for (ChaosResult r : results) {
            table.row(r.settings().flow().label(), r.settings().qos(), r.settings().mqtt().label(), r.sent(), r.delivered(),
                    r.lost(), r.lostByBroker(), r.duplicated(), r.resentAfterPubrel(), r.cuts(), r.reconnects(), r.delays(), r.splits(),
                    Math.round(r.seconds()), verdict(r));
            runs.add(r.toMap());
        }
        System.out.println();
        table.print(System.out);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("suite", "chaos");
        result.put("quick", quick);
        result.put("broker", brokerName);
        result.put("ok", results.stream().allMatch(ChaosResult::ok));
        result.put("runs", runs);
        System.out.println(ResultLine.of(result));
    }

    private static String verdict(ChaosResult r) {
        String holds = switch (r.settings().qos()) {
            case 2 -> "none lost, none duplicated";
            case 1 -> "none lost";
            default -> "loss reported";
        };
        if (!r.problems().isEmpty()) {
            return "UNTRUSTED: " + r.problems();
        }
        if (r.cuts() < r.settings().cuts()) {
            return "TOO FEW CUTS";
        }
        if (!r.guaranteeHolds()) {
            return "BROKEN";
        }
        return r.lostByBroker() > 0 && r.settings().qos() > 0
                ? holds + " (the broker lost " + r.lostByBroker() + ": never sent them to the engine)" : holds;
    }
}
