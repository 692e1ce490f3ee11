package dev.tern.host.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.host.cli.BoardCatalog;
import dev.tern.host.cli.ColorChoice;
import dev.tern.host.cli.Durations;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.IoErrors;
import dev.tern.host.cli.PortChoice;
import dev.tern.host.cli.SerialOptions;
import dev.tern.host.cli.Setting;
import dev.tern.host.cli.TernException;
import dev.tern.host.serial.LineSettings;
import dev.tern.host.serial.SerialPortException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tern monitor --port P}: the board's console, for people and for scripts. */
@Command(name = "monitor",
        mixinStandardHelpOptions = true,
        header = "Watch a board's console: its log lines, colored by level; typed lines go to the board.",
        description = {
            "Shows each line the board sends. Lines you type are sent to the board when you press Enter, "
                + "ended by CR LF (the terminal stays in its normal line mode; Ctrl-C leaves it as it was). "
                + "When standard input ends (a script that pipes nothing, or Ctrl-D), typing ends and "
                + "monitoring goes on.",
            "",
            "When the port vanishes (board reset over USB, cable pulled, 'tern sim' restarted), the monitor "
                + "says so, tries it again every 500 ms and goes on when it is back. A port that does not "
                + "exist at the start is an error (exit 3) unless --wait-for-port.",
            "",
            "Filters (--filter, repeatable or comma-separated) show only some lines:",
            "  a level (E W I D T, or error warn info debug trace) shows that level and more severe: "
                + "'--filter W' shows warnings and errors; T (the packet trace) is the least severe;",
            "  a tag (boot, cfg, session, mqtt, app, cmd, fault; rom: an ESP32 ROM's banner at reset) shows the lines with"
                + " that tag: "
                + "'--filter mqtt --filter cmd' shows the mqtt and cmd lines; another word is an error;",
            "  both together must both match: '--filter W,mqtt' shows mqtt's warnings and errors;",
            "  lines with no level (the boot stage's 'boot: image ... verified') pass a level filter; "
                + "lines with no tag fail a tag filter. The log file always gets every line.",
            "",
            "Colors (errors red, warnings yellow, debug and trace dim, boot lines bold) only when standard "
                + "output is a terminal and NO_COLOR is not set, unless --color=always.",
            "",
            "The line is the board's console (--board: its speed and format; the ROM banner an ESP32 prints at reset"
                + " comes at that speed too), else 115200 8N1; --baud sets the speed (a socket:// port ignores it: the far"
                + " end owns the line).",
            "",
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 the --until line came; or --timeout passed and no --until was given; or stopped",
            "    (Ctrl-C is the normal end of a monitor: exit 0, as pio device monitor's quit)",
            "  1 --timeout passed without a line matching --until; the log file could not be written",
            "  2 usage (a bad option, baud, duration, regex or --filter tag; a --log-file that",
            "    cannot be written)",
            "  3 the port does not exist or is busy; or it vanished with --no-reconnect",
        })
public final class MonitorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SerialOptions serial;

    @Option(names = "--board", paramLabel = "ID",
            description = "The board on the port: the monitor sets the line to its console's speed and format. Default:"
                    + " $TERN_BOARD, then board= in tern.properties; with neither, 115200 8N1.")
    String boardId;

    @Option(names = {"-t", "--timestamps"},
            description = "Prefix each line with the host time its first byte arrived (HH:mm:ss.SSS).")
    boolean timestamps;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Append every line (unfiltered) to FILE with its date and time, flushed line by line.")
    Path logFile;

    @Option(names = "--filter", paramLabel = "LEVEL|TAG", split = ",",
            description = "Show only these lines (see above): a level (E W I D T) shows it and worse, a word a tag.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--hex",
            description = "A hex and ASCII dump of the bytes, 16 a row (for when the bootloader is talking).")
    boolean hex;

    @Option(names = "--until", paramLabel = "REGEX",
            description = "Exit 0 when a line contains a match (Java regex), after showing it.")
    Pattern until;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "Stop after this long (500ms, 30s, 2m): exit 1 if --until's line did not come, else 0.")
    Duration timeout;

    @Option(names = "--no-reconnect", negatable = false,
            description = "When the port vanishes, exit 3 instead of waiting for it to come back.")
    boolean noReconnect;

    @Option(names = "--wait-for-port",
            description = "When the port does not exist yet, wait for it (e.g. a board being plugged in) instead of exit 3.")
    boolean waitForPort;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (a terminal and no NO_COLOR), always or never. Default: ${DEFAULT-VALUE}.")
    String color;

    /** Standard input unless a test gives its own. */
    InputStream typedInput;
    /** The environment (NO_COLOR) unless a test gives its own. */
    Map<String, String> environment = System.getenv();
    /** Whether standard output is a terminal, unless a test decides. */
    BooleanSupplier terminal = () -> System.console() != null;

    /** The port options, whose defaults a test may point elsewhere. */
    public SerialOptions serialOptions() {
        return serial;
    }

    @Override
    public Integer call() throws IOException {
        Optional<Setting> board = Setting.typedOrSaved(boardId, BoardCatalog.ENVIRONMENT, "board", serial.context, serial.profile());
        MonitorSettings settings = settings(board.map(chosen -> BoardCatalog.load(chosen.value())).orElse(null));
        Monitor monitor = new Monitor(settings, spec.commandLine().getOut(), spec.commandLine().getErr())
                .typedInput(typedInput == null ? System.in : typedInput);
        PortChoice port = serial.choice();
        if (!port.typed()) {
            spec.commandLine().getErr().println("monitor: port " + port.port() + " (" + port.source() + ")");
        }
        if (board.isPresent() && board.get().source() != null) {
            spec.commandLine().getErr().println("monitor: board " + board.get().value() + " (" + board.get().source() + ")");
        }
        try {
            return monitor.runOnPort(port.port(), waitForPort);
        } catch (SerialPortException e) {
            throw new TernException(ExitCodes.UNREACHABLE, e.getMessage() + " (or give --wait-for-port to wait for it)", e);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, serial.port());
        }
    }

    /**
     * The line the monitor sets the port to: {@code board}'s console (null: none named, 115200 8N1),
     * at {@code baud} when given.
     */
    static LineSettings consoleLine(BoardDefinition board, Integer baud) {
        LineSettings line = board == null ? LineSettings.of8N1(MonitorSettings.DEFAULT_BAUD) : LineSettings.of(board.console());
        return baud == null ? line : line.withBaud(baud);
    }

    private MonitorSettings settings(BoardDefinition board) {
        if (hex && (until != null || !filters.isEmpty())) {
            throw new ParameterException(spec.commandLine(),
                    "--hex shows bytes, not lines: it cannot be combined with --until or --filter");
        }
        ColorChoice colors = switch (color) {
            case "auto" -> ColorChoice.AUTO;
            case "always" -> ColorChoice.ALWAYS;
            case "never" -> ColorChoice.NEVER;
            default -> throw new ParameterException(spec.commandLine(),
                    "--color must be auto, always or never, not '" + color + "'");
        };
        LineFilter filter;
        try {
            filter = LineFilter.of(filters);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (logFile != null) {
            IoErrors.checkWritable("--log-file", logFile);
        }
        LineSettings line = consoleLine(board, serial.baud());
        return MonitorSettings.defaults()
                .withLine(line)
                .withTimestamps(timestamps)
                .withColors(!hex && colors.colors(terminal.getAsBoolean(), environment))
                .withFilter(filter)
                .withHex(hex)
                .withLogFile(logFile)
                .withUntil(until)
                .withTimeout(timeout)
                .withReconnect(!noReconnect);
    }
}
