package dev.tern.bench.wear;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tern.bench.MqttVersion;
import dev.tern.bench.ResultLine;
import dev.tern.bench.Spread;
import dev.tern.bench.SuiteArguments;
import dev.tern.bench.Table;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.definition.SessionLife;
import dev.tern.testsupport.MosquittoBroker;

/**
 * {@code bench/run wear [--quick]}: the session journal's wear and flash time on every bundled
 * board's flash model, the engine sized by the board, against mosquitto on 127.0.0.1, QoS 0/1/2
 * both ways, one message at a time. Projected life of each board's session region at 3 sensors x
 * 1 reading/s beside the previous A/B store's (computed). Exit 1 when a board's measured life at
 * QoS 1 or 2 is under {@value #GOAL_YEARS} years, or a cell could not be trusted.
 */
public final class WearBench {

    static final String USAGE = "[--quick] [--messages N] [--boards id,id] [--qos 0,1,2] [--sensor-sequence yes|no]"
            + " [--timeout SECONDS] [" + MqttVersion.OPTION + "]";
    static final double GOAL_YEARS = 10;

    private WearBench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (SuiteArguments.wantsHelp(args)) {
            System.out.println("usage: bench/run wear " + USAGE);
            return SuiteArguments.EXIT_OK;
        }
        SuiteArguments arguments;
        List<WearSettings> cells;
        try {
            arguments = SuiteArguments.parse(args, "messages", "boards", "qos", "sensor-sequence", "timeout", "mqtt");
            cells = plan(arguments);
        } catch (IllegalArgumentException e) {
            return SuiteArguments.usageError("wear", e, USAGE);
        }
        if (!MosquittoBroker.isInstalled()) {
            System.out.println("wear: SKIPPED: mosquitto is not installed (the suite runs the engine against a real"
                    + " broker on 127.0.0.1; install it, e.g. apt-get install mosquitto)");
            System.out.println(ResultLine.of(Map.of("suite", "wear", "skipped", "mosquitto not installed")));
            return SuiteArguments.EXIT_OK;
        }
        System.out.println("wear" + (arguments.quick() ? " (quick)" : "") + ": " + cells.size() + " cells of "
                + cells.get(0).messages() + " messages, one at a time, mosquitto on 127.0.0.1; flash timing ACCOUNTED"
                + " (typical figures, nobody sleeps), every erase counted"
                + (cells.get(0).sensorSequence() ? "; each reading's seq stored in the application data, as SensorApp does" : ""));
        List<WearResult> results = new ArrayList<>();
        Path folder = Files.createTempDirectory("tern-wear-");
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            for (WearSettings cell : cells) {
                Path cellFolder = Files.createDirectory(folder.resolve(cell.board().id() + "-" + (cell.outgoing() ? "out" : "in")
                        + cell.qos() + "-v" + cell.mqtt().level()));
                WearResult result = WearRun.run(cell, broker, cellFolder);
                deleteTree(cellFolder);
                System.out.println("  " + cell.board().id() + " " + cell.direction() + " qos " + cell.qos() + " mqtt "
                        + cell.mqtt().label() + ": "
                        + result.completed() + "/" + cell.messages() + ", " + result.erases() + " erases"
                        + (result.ok() ? "" : "  <-- NOT TRUSTED: " + (result.erases() != result.storeErases()
                        ? "the flash counted " + result.erases() + " erases, the store " + result.storeErases() + "; " : "")
                        + result.problems()));
                results.add(result);
            }
        } finally {
            deleteTree(folder);
        }
        return print(results, arguments.quick());
    }

    static List<WearSettings> plan(SuiteArguments arguments) {
        int messages = (int) arguments.number("messages", 300, 3_000);
        if (messages < 1) {
            throw new IllegalArgumentException("--messages must be at least 1: " + messages);
        }
        Duration timeout = Duration.ofSeconds(arguments.number("timeout", 60, 600));
        boolean sensorSequence = switch (arguments.text("sensor-sequence", "yes")) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("--sensor-sequence is yes or no");
        };
        BoardLoader loader = new BoardLoader();
        String boards = arguments.text("boards", String.join(",", loader.list()));
        List<WearSettings> cells = new ArrayList<>();
        for (String id : boards.split(",")) {
            if (!loader.list().contains(id.trim())) {
                throw new IllegalArgumentException("no board '" + id + "' (known: " + String.join(", ", loader.list()) + ")");
            }
            BoardDefinition board = loader.load(id.trim());
            for (boolean outgoing : new boolean[] {true, false}) {
                for (int qos : arguments.qosLevels()) {
                    for (MqttVersion mqtt : arguments.mqttVersions()) {
                        cells.add(new WearSettings(board, qos, outgoing, messages, sensorSequence, timeout, mqtt));
                    }
                }
            }
        }
        return cells;
    }

    private static int print(List<WearResult> results, boolean quick) {
        Table cells = new Table("board", "direction", "qos", "mqtt", "messages", "erases/1k msg", "bytes/1k msg",
                "flash ms/msg", "longest stall ms", "p99 stall ms", "unit erases max", "mean", "erases = store's");
        List<Object> runs = new ArrayList<>();
        for (WearResult r : results) {
            cells.row(r.settings().board().id(), r.settings().direction(), r.settings().qos(), r.settings().mqtt().label(),
                    r.completed(),
                    Spread.format(r.erasesPer1000(), 1), Spread.format(r.bytesPer1000(), 0),
                    Spread.format(r.busyMillisPerMessage(), 3), Spread.format(r.stalls().longestNanos() / 1e6, 1),
                    Spread.format(r.stalls().percentileNanos(99) / 1e6, 1), r.maxUnitErases(),
                    Spread.format(r.meanUnitErases(), 3), r.erases() == r.storeErases() ? "yes" : "NO");
            runs.add(r.toMap());
        }
        System.out.println();
        cells.print(System.out);
        System.out.println("stall: the flash busy time charged inside one engine call (poll() or publish()), from the"
                + " flash clock's deltas around each call; p99 over the calls that used the flash.");

        Table life = new Table("board", "mqtt", "session region", "QoS 1 years", "QoS 2 years", "A/B store region (computed)",
                "A/B QoS 1 years", "A/B QoS 2 years", "goal");
        List<Object> lives = new ArrayList<>();
        boolean goalMet = true;
        for (BoardDefinition board : boards(results)) {
            for (MqttVersion mqtt : versions(results)) {
                WearResult qos1 = find(results, board, mqtt, 1);
                WearResult qos2 = find(results, board, mqtt, 2);
                LegacyStoreLife.Old old = LegacyStoreLife.of(board);
                boolean met = (qos1 == null || qos1.projectedYears() >= GOAL_YEARS)
                        && (qos2 == null || qos2.projectedYears() >= GOAL_YEARS);
                goalMet &= met;
                life.row(board.id(), mqtt.label(), board.sessionEraseUnits() + " x " + board.sessionPageSize() / 1024 + "K, "
                                + board.sessionEndurance() + " cycles", years(qos1), years(qos2), old.describe(),
                        shortLife(old.years(1)), shortLife(old.years(2)),
                        met ? ">= " + (int) GOAL_YEARS + " y" : "BELOW " + (int) GOAL_YEARS + " y");
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("board", board.id());
                entry.put("mqtt", mqtt.label());
                entry.put("units", board.sessionEraseUnits());
                entry.put("unitSize", board.sessionPageSize());
                entry.put("endurance", board.sessionEndurance());
                entry.put("qos1Years", qos1 == null ? null : WearResult.round(qos1.projectedYears(), 2));
                entry.put("qos2Years", qos2 == null ? null : WearResult.round(qos2.projectedYears(), 2));
                entry.put("analyticQos1Years", WearResult.round(SessionLife.project(board, 1).years(), 2));
                entry.put("analyticQos2Years", WearResult.round(SessionLife.project(board, 2).years(), 2));
                entry.put("abStoreUnits", old.units());
                entry.put("abStoreUnitSize", old.unitSize());
                entry.put("abStoreEndurance", old.endurance());
                entry.put("abStoreQos1Years", old.years(1));
                entry.put("abStoreQos2Years", old.years(2));
                entry.put("goalMet", met);
                lives.add(entry);
            }
        }
        System.out.println();
        life.print(System.out);
        System.out.println("life (measured, the engine publishing) = (endurance - lead) / (erases per message / units"
                + " x 3 sensors x 1 reading/s x 31,557,600 s a year); erases per message counted between the run's first and"
                + " last erase (whole units only); lead = max - mean erases per unit measured: the"
                + " journal erases each unit once per lap of the ring, so every unit wears at the mean rate and the most-erased"
                + " stays its lead ahead. A run shorter than a lap does not include the checkpoint overhead (about "
                + "1% on these regions, see tern boards ID).");
        System.out.println("A/B store (c4efc11, computed from its rule, not run): each save erases every unit of one"
                + " of two areas, so each unit once per 2 saves; the old engine saved 2 times per QoS 1 message (publish,"
                + " PUBACK) and 3 per QoS 2 (publish, PUBREC, PUBCOMP): years = endurance / (0.5 x saves x 94,672,800).");
        boolean trusted = results.stream().allMatch(WearResult::ok);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("suite", "wear");
        result.put("quick", quick);
        result.put("goalYears", GOAL_YEARS);
        result.put("ok", trusted && goalMet);
        result.put("cells", runs);
        result.put("life", lives);
        System.out.println(ResultLine.of(result));
        return trusted && goalMet ? SuiteArguments.EXIT_OK : SuiteArguments.EXIT_GUARANTEE_BROKEN;
    }

    /** A life far under a year: in years and in hours. */
    private static String shortLife(double years) {
        return String.format(Locale.ROOT, "%.6f (%.1f h)", years, years * SessionLife.SECONDS_PER_YEAR / 3600);
    }

    private static String years(WearResult result) {
        return result == null ? "-" : Spread.format(result.projectedYears(), 1);
    }

    private static List<BoardDefinition> boards(List<WearResult> results) {
        List<BoardDefinition> boards = new ArrayList<>();
        for (WearResult r : results) {
            if (!boards.contains(r.settings().board())) {
                boards.add(r.settings().board());
            }
        }
        return boards;
    }

    private static List<MqttVersion> versions(List<WearResult> results) {
        return results.stream().map(r -> r.settings().mqtt()).distinct().toList();
    }

    private static WearResult find(List<WearResult> results, BoardDefinition board, MqttVersion mqtt, int qos) {
        for (WearResult r : results) {
            if (r.settings().board().equals(board) && r.settings().mqtt() == mqtt && r.settings().outgoing()
                    && r.settings().qos() == qos) {
                return r;
            }
        }
        return null;
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
