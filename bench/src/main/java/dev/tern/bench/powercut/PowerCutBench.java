package dev.tern.bench.powercut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.tern.bench.MqttVersion;
import dev.tern.bench.ResultLine;
import dev.tern.bench.SuiteArguments;
import dev.tern.bench.Table;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.TestBroker;

/**
 * {@code bench/run powercut [--quick]}, two parts:
 * <ul>
 * <li>the virtual board running the real sensor firmware (temperature at QoS 1, pressure at
 * QoS 2, persistent session) has its power cut at random instants and inside session writes to
 * its QSPI dataFlash, 200 times (quick: 20), and is powered on again each time;</li>
 * <li>on each board's flash model, the engine in process ({@link BoardCutRun}) cut 1,000 times
 * per board (quick: 50) inside record programs, unit erases, checkpoints and between operations.</li>
 * </ul>
 * The engine speaks MQTT 3.1.1 unless {@code --mqtt 5} or {@code --mqtt both} (each part in
 * both, the versions' rows side by side; the firmware gets its {@code mqtt.version} key).
 * Exit 1 when a QoS 1/2 message is lost, a QoS 2 message duplicated, or a boot cannot use its
 * stored session.
 */
public final class PowerCutBench {

    static final String USAGE = "[--quick] [--cuts N (firmware run; 0 skips it)] [--board-cuts N] "
            + "[--boards all|none|ID,ID...] [--seed S] [--broker mosquitto|hivemq] [" + MqttVersion.OPTION + "]";

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
        BrokerKind brokerKind;
        String brokerName;
        List<String> boards;
        List<MqttVersion> versions;
        try {
            arguments = SuiteArguments.parse(args, "cuts", "board-cuts", "boards", "seed", "broker", "mqtt");
            brokerKind = arguments.broker();
            versions = arguments.mqttVersions();
            brokerName = brokerKind.name().toLowerCase(Locale.ROOT);
            boards = boards(arguments.text("boards", "all"));
        } catch (IllegalArgumentException e) {
            return SuiteArguments.usageError("powercut", e, USAGE);
        }
        int cuts = (int) arguments.number("cuts", 20, 200);
        int boardCuts = (int) arguments.number("board-cuts", 50, 1000);
        long seed = arguments.number("seed", 11, 11);
        System.out.println("powercut" + (arguments.quick() ? " (quick)" : "") + ": firmware run " + cuts
                + " power cuts; " + boardCuts + " cuts on each of " + boards + "; seed " + seed + ", " + brokerName
                + ", MQTT " + versions.stream().map(MqttVersion::label).toList() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
        List<PowerCutResult> firmware = new ArrayList<>();
        List<BoardCutResult> results = new ArrayList<>();
        Path folder = Files.createTempDirectory("tern-powercut-");
        try (TestBroker broker = brokerKind.start()) {
            for (MqttVersion mqtt : versions) {
                if (cuts > 0) {
                    firmware.add(PowerCutRun.run(mqtt, cuts, seed, broker, folder));
                }
            }
            for (String board : boards) {
                for (MqttVersion mqtt : versions) {
                    results.add(BoardCutRun.run(new BoardLoader().load(board), mqtt, boardCuts, seed, broker, folder));
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        boolean ok = firmware.stream().allMatch(PowerCutResult::ok) && results.stream().allMatch(BoardCutResult::ok);
        if (!firmware.isEmpty()) {
            printFirmware(firmware);
        }
        if (!results.isEmpty()) {
            System.out.println();
            System.out.println("each board's flash model, in process: " + boardCuts + " cuts per board");
            BoardCutTables.print(results, System.out);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("suite", "powercut");
        result.put("quick", arguments.quick());
        result.put("broker", brokerName);
        // one version keeps the RESULT line's earlier shape (an object per board); both: a list per board
        if (firmware.size() == 1) {
            result.put("firmware", firmware.get(0).toMap());
        } else if (!firmware.isEmpty()) {
            result.put("firmware", firmware.stream().map(PowerCutResult::toMap).toList());
        }
        Map<String, Object> byBoard = new LinkedHashMap<>();
        for (BoardCutResult r : results) {
            if (versions.size() == 1) {
                byBoard.put(r.board(), r.toMap());
            } else {
                @SuppressWarnings("unchecked")
                List<Object> runs = (List<Object>) byBoard.computeIfAbsent(r.board(), b -> new ArrayList<Object>());
                runs.add(r.toMap());
            }
        }
        result.put("boards", byBoard);
        result.put("ok", ok);
        System.out.println(ResultLine.of(result));
        return ok ? SuiteArguments.EXIT_OK : SuiteArguments.EXIT_GUARANTEE_BROKEN;
    }

    private static List<String> boards(String option) {
        List<String> known = new BoardLoader().list();
        if (option.equals("all")) {
            return known;
        }
        if (option.equals("none")) {
            return List.of();
        }
        List<String> chosen = List.of(option.split(","));
        for (String board : chosen) {
            if (!known.contains(board)) {
                throw new IllegalArgumentException("--boards: no board '" + board + "' (known: " + known + ")");
            }
        }
        return chosen;
    }

    private static void printFirmware(List<PowerCutResult> results) {
        System.out.println();
        System.out.println("the virtual board running the sensor firmware (session journal on its QSPI dataFlash,"
                + " flash timing real: erases and programs sleep their typical time)");
        Table cuts = new Table("mqtt", "cuts", "at an instant", "inside a flash write", "boots", "restored", "none stored",
                "unusable", "silent", "torn tail", "bad CRC");
        for (PowerCutResult r : results) {
            cuts.row(r.mqtt().label(), r.cuts(), r.instantCuts(), r.flashCuts(), r.boots(), r.bootsRestored(),
                    r.bootsNoneStored(), r.bootsUnusable(), r.bootsSilent(), r.restoredTornTail(), r.restoredBadCrc());
        }
        cuts.print(System.out);
        System.out.println();
        Table sensors = new Table("sensor", "qos", "mqtt", "received", "highest seq", "lost", "duplicated", "repeated",
                "guarantee");
        for (int sensor = 0; sensor < results.get(0).sensors().size(); sensor++) {
            for (PowerCutResult r : results) {
                Readings.Report s = r.sensors().get(sensor);
                boolean holds = s.lost() == 0 && s.repeated() == 0 && (s.qos() < 2 || s.duplicated() == 0);
                sensors.row(s.sensor(), s.qos(), r.mqtt().label(), s.received(), s.highest(), s.lost(), s.duplicated(),
                        s.repeated(), holds ? (s.qos() == 2 ? "none lost, none duplicated" : "none lost")
                                : "BROKEN (first lost " + s.firstLost() + ")");
            }
        }
        sensors.print(System.out);
        for (PowerCutResult r : results) {
            if (!r.problems().isEmpty()) {
                System.out.println("problems (MQTT " + r.mqtt().label() + "): " + r.problems());
            }
        }
    }
}
