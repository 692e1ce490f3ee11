package dev.tern.bench.powercut;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tern.bench.ResultLine;
import dev.tern.bench.SuiteArguments;
import dev.tern.bench.Table;
import dev.tern.testsupport.HiveMqBroker;
import dev.tern.testsupport.MosquittoBroker;
import dev.tern.testsupport.TestBroker;

/**
 * {@code bench/run powercut [--quick]}: the virtual board running the real sensor firmware
 * (temperature at QoS 1, pressure at QoS 2, persistent session) has its power cut at random
 * instants and inside session writes to flash, 200 times (quick: 20), and is powered on again
 * each time. Exit 1 when a QoS 1/2 seq is lost or reused, a QoS 2 reading duplicated, or a
 * boot cannot use its stored session.
 */
public final class PowerCutBench {

    static final String USAGE = "[--quick] [--cuts N] [--seed S] [--broker mosquitto|hivemq]";

    private PowerCutBench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (SuiteArguments.wantsHelp(args)) {
            System.out.println("usage: bench/run powercut " + USAGE);
            return SuiteArguments.EXIT_OK;
        }
        SuiteArguments arguments;
        String brokerName;
        try {
            arguments = SuiteArguments.parse(args, "cuts", "seed", "broker");
            brokerName = arguments.text("broker", "mosquitto");
            if (!brokerName.equals("mosquitto") && !brokerName.equals("hivemq")) {
                throw new IllegalArgumentException("--broker is mosquitto or hivemq: " + brokerName);
            }
        } catch (IllegalArgumentException e) {
            return SuiteArguments.usageError("powercut", e, USAGE);
        }
        int cuts = (int) arguments.number("cuts", 20, 200);
        long seed = arguments.number("seed", 11, 11);
        System.out.println("powercut" + (arguments.quick() ? " (quick)" : "") + ": " + cuts + " power cuts, seed " + seed
                + ", " + brokerName + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        PowerCutResult result;
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("tern-powercut-");
        try (TestBroker broker = brokerName.equals("hivemq") ? HiveMqBroker.start() : MosquittoBroker.start()) {
            result = PowerCutRun.run(cuts, seed, broker, folder);
        } finally {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(folder)) {
                for (java.nio.file.Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(file);
                }
            }
        }
        print(result, arguments.quick(), brokerName);
        return result.ok() ? SuiteArguments.EXIT_OK : SuiteArguments.EXIT_GUARANTEE_BROKEN;
    }

    private static void print(PowerCutResult r, boolean quick, String brokerName) {
        System.out.println();
        new Table("cuts", "at an instant", "inside a flash write", "torn copies seen", "boots", "restored", "none stored",
                "unusable", "silent")
                .row(r.cuts(), r.instantCuts(), r.flashCuts(), r.tornCopiesSeen(), r.boots(), r.bootsRestored(),
                        r.bootsNoneStored(), r.bootsUnusable(), r.bootsSilent())
                .print(System.out);
        System.out.println();
        Table sensors = new Table("sensor", "qos", "received", "highest seq", "lost", "duplicated", "repeated", "guarantee");
        for (Readings.Report s : r.sensors()) {
            boolean holds = s.lost() == 0 && s.repeated() == 0 && (s.qos() < 2 || s.duplicated() == 0);
            sensors.row(s.sensor(), s.qos(), s.received(), s.highest(), s.lost(), s.duplicated(), s.repeated(),
                    holds ? (s.qos() == 2 ? "none lost, none duplicated" : "none lost") : "BROKEN (first lost " + s.firstLost() + ")");
        }
        sensors.print(System.out);
        if (!r.problems().isEmpty()) {
            System.out.println("problems: " + r.problems());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("suite", "powercut");
        result.put("quick", quick);
        result.put("broker", brokerName);
        result.putAll(r.toMap());
        System.out.println(ResultLine.of(result));
    }
}
