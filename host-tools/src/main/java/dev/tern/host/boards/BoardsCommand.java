package dev.tern.host.boards;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardDefinitionException;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.definition.SessionLife;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.Json;
import dev.tern.host.cli.NumberConverter;
import dev.tern.host.cli.TernException;
import picocli.CommandLine;
import dev.tern.host.flash.FlashSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tern boards [ID]}: the board definitions Tern knows, one described in full. */
@Command(name = "boards",
        mixinStandardHelpOptions = true,
        header = "List the supported boards, or describe one in full.",
        description = {
            "Without an id: one line per board (MCU, flash, RAM, how it is flashed, whether tern flash can flash it yet, and why not). "
                + "With an id: every setting of its board.properties (flash layout, slots, console, "
                + "bootloader entry, engine sizing)."
        })
public final class BoardsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "A board id, e.g. stm32f746g-disco.")
    String id;

    @Option(names = "--json", description = "Print JSON, for scripts.")
    boolean json;

    private final BoardLoader loader = new BoardLoader();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (id == null) {
            list(out);
        } else {
            describe(out, load(id));
        }
        return ExitCodes.OK;
    }

    private BoardDefinition load(String boardId) {
        if (!loader.list().contains(boardId)) {
            throw new TernException(ExitCodes.USAGE, "no board '" + boardId + "'; known boards: "
                    + String.join(", ", loader.list()) + " (run 'tern boards' for the list)");
        }
        try {
            return loader.load(boardId);
        } catch (BoardDefinitionException e) {
            throw new TernException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    private void list(PrintWriter out) {
        List<BoardDefinition> boards = loader.list().stream().map(this::load).toList();
        if (json) {
            out.println(boards.stream().map(b -> Json.object(summary(b))).toList().toString());
            return;
        }
        String format = "%-18s %-38s %8s %8s  %-14s  %s%n";
        out.printf(format, "ID", "MCU", "FLASH", "RAM", "FLASHED WITH", "TERN FLASH");
        for (BoardDefinition board : boards) {
            Map<String, Object> s = summary(board);
            out.printf(format, s.get("id"), s.get("mcu"), kib((Long) s.get("flashBytes")), kib((Long) s.get("ramBytes")),
                    s.get("protocol"), FlashSupport.whyNot(board).isEmpty() ? "yes" : "not yet");
        }
        out.println();
        for (BoardDefinition board : boards) {
            FlashSupport.whyNot(board).ifPresent(why -> out.println(board.id() + ": not yet flashed by tern flash: " + why + "."));
        }
        out.println();
        out.println("Run 'tern boards ID' for a board's flash layout, slots, console and engine sizing.");
    }

    private static Map<String, Object> summary(BoardDefinition board) {
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("id", board.id());
        summary.put("name", board.name());
        summary.put("mcu", board.mcu().part());
        summary.put("flashBytes", board.flash().geometry().size());
        summary.put("ramBytes", board.ramSize());
        summary.put("protocol", board.bootloader().protocol().key());
        Optional<String> whyNot = FlashSupport.whyNot(board);
        summary.put("ternFlash", whyNot.isEmpty());
        summary.put("ternFlashNot", whyNot.orElse(""));
        return summary;
    }

    private void describe(PrintWriter out, BoardDefinition board) {
        Map<String, Object> settings = new TreeMap<>();
        board.toProperties().forEach((key, value) -> settings.put(key.toString(), json ? jsonValue(value.toString()) : value.toString()));
        List<SessionLife.Projection> lives = List.of(SessionLife.project(board, 1), SessionLife.project(board, 2));
        if (json) {
            for (SessionLife.Projection life : lives) {
                String prefix = "sessionLife.qos" + life.qos() + ".";
                settings.put(prefix + "years", round(life.years(), 1));
                settings.put(prefix + "bytesPerMessage", life.bytesPerMessage());
                settings.put(prefix + "publishLength", life.publishLength());
                settings.put(prefix + "checkpointUnits", life.checkpointUnits());
            }
            settings.put("ternFlash", FlashSupport.whyNot(board).isEmpty());
            settings.put("ternFlashNot", FlashSupport.whyNot(board).orElse(""));
            out.println(Json.object(settings));
            return;
        }
        out.println(board.id() + ": " + board.name());
        out.println("  tern flash: " + FlashSupport.whyNot(board).map(why -> "not yet: " + why).orElse("yes"));
        for (Map.Entry<String, Object> setting : settings.entrySet()) {
            out.println("  " + setting.getKey() + " = " + setting.getValue());
        }
        out.println("  (engine static RAM " + board.engineRamBytes() + " B of a " + board.engineRamBudget()
                + " B budget)");
        out.println("  (session: " + board.sessionEraseUnits() + " units of " + kib(board.sessionPageSize()) + " in "
                + board.sessionDevice().name() + ", " + board.sessionEndurance() + " erase cycles each, erase "
                + millis(board.sessionEraseTime().typicalNanos()) + " typical / " + millis(board.sessionEraseTime().maxNanos())
                + " max)");
        for (SessionLife.Projection life : lives) {
            out.println(String.format(java.util.Locale.ROOT, "  (session life at %d sensors x 1 reading/s, QoS %d: %.1f years;"
                    + " %d B journal per %d B PUBLISH with its seq, spread evenly over %d units, checkpoint %d units)",
                    SessionLife.SENSORS, life.qos(), life.years(), life.bytesPerMessage(), life.publishLength(),
                    life.units(), life.checkpointUnits()));
        }
        out.println("  (life = endurance / (journal bytes per message / usable bytes per unit x checkpoint overhead"
                + " / units x 3 x 31,557,600 messages a year); PUBLISH: " + SessionLife.SENSOR_TOPIC + " "
                + SessionLife.SENSOR_PAYLOAD + "; seq: the " + SessionLife.SENSOR_SEQUENCE_RECORD
                + " B application-data record SensorApp stores with each reading)");
    }

    /** For --json: a number (decimal, 0x hex, or a size such as 32K: in bytes) or a boolean as such, else the text. */
    private static Object jsonValue(String text) {
        if ("true".equals(text) || "false".equals(text)) {
            return Boolean.valueOf(text);
        }
        if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
            try {
                return new NumberConverter().convert(text);
            } catch (CommandLine.TypeConversionException notANumber) {
                return text;
            }
        }
        return text;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.0f ms", nanos / 1e6);
    }

    private static String kib(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }
}
