package dev.tern.host.flash;

import static dev.tern.host.flash.protocol.FlashAddress.hex;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.definition.FlashProtocol;
import dev.tern.boards.definition.Region;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.host.cli.BoardCatalog;
import dev.tern.host.cli.ColorChoice;
import dev.tern.host.cli.Durations;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.Json;
import dev.tern.host.cli.PortChoice;
import dev.tern.host.cli.SerialOptions;
import dev.tern.host.cli.TernException;
import dev.tern.host.flash.an3155.An3155Client;
import dev.tern.host.flash.esp.EspStub;
import dev.tern.host.flash.esp.EspStubChoice;
import dev.tern.host.flash.esp.EspStubFinder;
import dev.tern.host.flash.protocol.BootloaderException;
import dev.tern.host.flash.protocol.BootloaderSession;
import dev.tern.host.flash.protocol.FlashMismatchException;
import dev.tern.host.flash.protocol.NoBootloaderAnswerException;
import dev.tern.host.monitor.Monitor;
import dev.tern.host.monitor.MonitorSettings;
import dev.tern.host.serial.LineSettings;
import dev.tern.host.serial.SerialLink;
import dev.tern.host.serial.SerialLinks;
import dev.tern.host.serial.SerialPortException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tern flash IMAGE --port P}: a signed image (and config page) into a board's flash over its ROM bootloader. */
@Command(name = "flash",
        mixinStandardHelpOptions = true,
        header = "Write a signed image (and the config page) into a board over its serial bootloader, then start it.",
        description = {
            "Checks the image first (MCUboot format, SHA-256, --key signature, fits the app slot), gets the board into "
                + "its ROM bootloader (AN3155, or the ESP32's ROM loader as esptool speaks it), checks the chip id, erases and "
                + "writes only the pages whose content "
                + "differs (compared by checksum), verifies, writes the config page from --set/--config and the TLS credentials region from --ca, "
                + "--device-cert, --device-key and --broker-pin, and starts the application with GO.",
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 flashed; 1 failure (wrong chip, image too large, a block refused, a line",
            "  that loses or corrupts bytes beyond the retries);",
            "  2 usage or input (bad option, unknown config key or value, an image, key,",
            "  config or credentials file that cannot be read or does not hold what it",
            "  should); 3 port or bootloader not reachable;",
            "  4 corrupt or badly signed image, verify mismatch, or the board's secure boot",
            "  refused the image; 130 Ctrl-C (once writing began the board holds a partial",
            "  image: flash again)."
        })
public final class FlashCommand implements Callable<Integer> {

    private static final Duration BOOT_WATCH = Duration.ofSeconds(3);

    @Spec
    CommandSpec spec;

    @Mixin
    SerialOptions serial;

    @Parameters(paramLabel = "IMAGE", description = "The signed image ('tern image sign').")
    Path imageFile;

    @Option(names = "--board", paramLabel = "ID",
            description = "The board definition ('tern boards'). Default: $TERN_BOARD, then board= in tern.properties, then "
                    + "virtual on a socket:// port or a pseudo-terminal (where 'tern sim' is); a serial device needs it named.")
    String boardId;

    @Option(names = "--enter", paramLabel = "HOW",
            description = "How to get into the bootloader, in the board definitions' words: console-command (send "
                    + "'bootloader' to the running firmware; the default where the board has it), dtr-rts-auto-reset "
                    + "(RTS=BOOT0, DTR=NRST), boot-pin-reset, boot-mode-switch or sync-after-reset (done by hand or "
                    + "by the board: tern only syncs).")
    String enter;

    @Option(names = "--verify", paramLabel = "HOW",
            description = "crc (GET_CHECKSUM; the default where the bootloader has it), read (read back), none.")
    String verify;

    @Option(names = "--erase", paramLabel = "WHAT", defaultValue = "pages",
            description = "pages (only those that change; default) or all (mass erase, everything rewritten).")
    String erase;

    @Option(names = "--stub", paramLabel = "FILE",
            description = "ESP32: write through this esptool flasher stub (esptool's targets/stub_flasher/2/esp32.json). "
                    + "Default: $TERN_ESP_STUB, then the esptool installed here (pip, PlatformIO, ESP-IDF, Debian, PATH).")
    Path stubFile;

    @Option(names = "--no-stub", description = "ESP32: write through the ROM loader alone (1 KB blocks), no flasher stub.")
    boolean noStub;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A config page setting, e.g. sensor.temperature.qos=2 (repeatable; overrides --config).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Config page settings, key=value lines.")
    Path configFile;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "Install TLS credentials: the CA certificate(s) (PEM) the board verifies the broker with, "
                    + "into the board's credentials region (not the config page).")
    Path caFile;

    @Option(names = "--device-cert", paramLabel = "FILE",
            description = "With --ca: the board's certificate (PEM; its chain, the board's own first) for mutual TLS.")
    Path deviceCertFile;

    @Option(names = "--device-key", paramLabel = "FILE",
            description = "With --device-cert: its private key (PEM, PKCS#8 or openssl's EC/RSA form, unencrypted).")
    Path deviceKeyFile;

    @Option(names = "--broker-pin", paramLabel = "SHA256",
            description = "With --ca: also pin the broker's public key (SHA-256 of its SubjectPublicKeyInfo, 64 hex digits).")
    String brokerPin;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Check the image's signature with this key (PEM) before flashing; repeatable.")
    List<Path> keyFiles = new ArrayList<>();

    @Option(names = "--any-payload",
            description = "Flash an image whose payload is not a Tern firmware jar (a jar naming its Tern-Firmware class).")
    boolean anyPayload;

    @Option(names = "--allow-downgrade",
            description = "Flash an image older than the one in the board's app slot (its secure boot may refuse it: "
                    + "downgrade prevention).")
    boolean allowDowngrade;

    @Option(names = "--force", description = "Flash even when the chip id is not the board definition's.")
    boolean force;

    @Option(names = "--no-go", description = "Leave the board in its bootloader instead of starting the application.")
    boolean noGo;

    @Option(names = "--dry-run", description = "Connect, identify and print the plan; erase and write nothing.")
    boolean dryRun;

    @Option(names = "--monitor",
            description = "After GO, go straight into the board's console on the same open port (no boot line lost), "
                    + "as 'tern monitor' shows it; typed lines go to the board when standard input is a terminal.")
    boolean monitor;

    @Option(names = "--until", paramLabel = "REGEX",
            description = "With --monitor: exit 0 when a console line contains a match (e.g. 'boot: image').")
    Pattern until;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "With --monitor: stop after this long (30s, 2m); exit 1 if --until's line did not come.")
    Duration monitorTimeout;

    @Option(names = "--retry-wait", paramLabel = "DURATION", converter = Durations.class, defaultValue = "2200ms",
            description = "On a noisy line, how long to stay quiet before sending a command again whose answer was lost "
                    + "or garbled (a little over the bootloader's inter-byte timeout); default: ${DEFAULT-VALUE}. Each "
                    + "command is sent at most " + An3155Client.LINE_ATTEMPTS + " times.")
    Duration retryWait;

    @Option(names = "--json", description = "Print the summary as JSON (progress goes to stderr).")
    boolean json;

    /** The board's ROM is an ESP32's (its sync advice differs). */
    private boolean esp;

    @Override
    public Integer call() {
        boolean eraseAll = parseErase(erase);
        Flasher.Verify verifyAsked = parseVerify(verify);
        PortChoice port = serial.choice();
        BoardChoice boardChoice = BoardChoice.of(boardId, port.port(), serial.context, serial.profile(), new BoardLoader().list());
        BoardDefinition board = loadBoard(boardChoice.id());
        FlashImage image = FlashImage.load(imageFile, board, keyFiles, anyPayload);
        ConfigSettings config = ConfigSettings.of(configFile, sets, board.id());
        CredentialsFiles credentials = CredentialsFiles.of(caFile, deviceCertFile, deviceKeyFile, brokerPin);
        BootloaderEntry entry = BootloaderEntry.of(enter == null ? BootloaderEntry.defaultFor(board) : BootloaderEntry.parse(enter),
                board.bootloader().protocol());
        esp = board.bootloader().protocol() == FlashProtocol.ESP_ROM_SERIAL;
        FlashGeometry geometry = board.flash().geometry();
        List<FlashPlan.Segment> segments = new ArrayList<>();
        segments.add(new FlashPlan.Segment("image", board.appSlot().address(), image.bytes()));
        if (!config.isEmpty()) {
            Region region = board.configPage();
            int pageSize = geometry.pageSize(geometry.pageAt(region.address()));
            segments.add(new FlashPlan.Segment("config", region.address(), config.encodePage((int) Math.min(pageSize, region.size()))));
        }
        if (credentials != null) {
            Region region = board.credentialsRegion();
            segments.add(new FlashPlan.Segment("credentials", region.address(), credentials.encodeRegion(region)));
        }
        FlashPlan plan;
        try {
            plan = FlashPlan.of(geometry, segments);
        } catch (IllegalArgumentException e) {
            throw new TernException(ExitCodes.FAILURE, e.getMessage());
        }

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progressOut = json ? spec.commandLine().getErr() : out;
        FlashProgress progress = System.console() != null && !json && barAllowed()
                ? FlashProgress.bar(progressOut, TerminalColumns.of(System.getenv())) : FlashProgress.plain(progressOut);
        if (!port.typed()) {
            progress.step("port " + port.port() + " (" + port.source() + ")");
        }
        if (!boardChoice.typed()) {
            progress.step("board " + board.id() + " (" + boardChoice.source() + ")");
        }
        progress.step("image " + imageFile + ": " + image.describe() + ", app slot " + hex(board.appSlot().address())
                + " (" + FlashProgress.size(board.appSlot().size()) + ")");
        if (!config.isEmpty()) {
            progress.step("config page " + hex(board.configPage().address()) + ": " + config.size() + " setting"
                    + (config.size() == 1 ? "" : "s"));
        }
        if (credentials != null) {
            progress.step("credentials " + hex(board.credentialsRegion().address()) + ": " + credentials.describe());
        }

        if ((until != null || monitorTimeout != null) && !monitor) {
            throw new ParameterException(spec.commandLine(), "--until and --timeout watch the console: they need --monitor");
        }
        boolean monitorAfter = monitor && !noGo && !dryRun;
        EspStub stub = chooseStub(progress);
        Flasher.Result result;
        LineSettings consoleLine = BootloaderSessions.consoleLine(board, serial.baud());
        HeardLink link;
        try {
            link = new HeardLink(open(serial.port()));
        } catch (IOException e) {
            throw failure(e, entry, null);
        }
        try (InterruptNotice interrupted = InterruptNotice.install(spec.commandLine().getErr(), board.id())) {
            LineSettings bootloaderLine = lineOf(board.bootloader().line(), BootloaderSessions.syncBaud(board, serial.baud()));
            BootloaderSession session = BootloaderSessions.open(board, link, retryWait, serial.baud(), stub, progress::step);
            Flasher flasher = new Flasher(session, board, plan, image.image().version(), progress).withInterruptNotice(interrupted);
            result = flasher.run(new Flasher.Options(entry, link, consoleLine, bootloaderLine, verifyAsked, eraseAll, force,
                    dryRun, noGo, allowDowngrade, monitorAfter ? Duration.ZERO : BOOT_WATCH));
            if (!monitorAfter) {
                link.close();
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(link);
            throw failure(e, entry, link);
        }
        if (json) {
            out.println(Json.object(result.asMap(serial.port(), board.id())));
        } else {
            progress.step(result.summary());
        }
        out.flush();
        if (monitorAfter) {
            return monitorOn(link, consoleLine);
        }
        return ExitCodes.OK;
    }

    /** The ESP32's flasher stub (null: the ROM alone), chosen before the port is opened: a bad stub file leaves the board untouched. */
    private EspStub chooseStub(FlashProgress progress) {
        if (!esp) {
            if (stubFile != null || noStub) {
                throw new ParameterException(spec.commandLine(), "--stub and --no-stub are for an ESP32 board's ROM loader");
            }
            return null;
        }
        return EspStubChoice.choose(stubFile, noStub, new EspStubFinder(serial.context.environment(), serial.context.home()),
                progress::step);
    }

    /** The console on the port still open from flashing, so the boot lines right after GO are shown. */
    private int monitorOn(SerialLink link, LineSettings consoleLine) {
        try {
            link.configure(consoleLine);
        } catch (IOException e) {
            closeQuietly(link);
            throw failure(e, null, null);
        }
        boolean terminal = System.console() != null;
        MonitorSettings settings = MonitorSettings.defaults()
                .withLine(consoleLine)
                .withColors(ColorChoice.AUTO.colors(terminal, System.getenv()))
                .withUntil(until)
                .withTimeout(monitorTimeout);
        Monitor monitorRun = new Monitor(settings, spec.commandLine().getOut(), spec.commandLine().getErr());
        if (terminal) {
            monitorRun.typedInput(System.in);
        }
        return monitorRun.run(link);
    }

    private static void closeQuietly(SerialLink link) {
        try {
            link.close();
        } catch (IOException e) {
            // the failure that brought us here is the one to report
        }
    }

    /** The exit code and message of what went wrong while the port was open ({@code heard}: what came back, or null). */
    private TernException failure(Exception error, BootloaderEntry entry, HeardLink heard) {
        if (error instanceof TernException tern) {
            return tern;
        }
        if (error instanceof NoBootloaderAnswerException noAnswer && noAnswer.atSync() && heard != null) {
            return new TernException(ExitCodes.UNREACHABLE, error.getMessage() + ": " + SyncAdvice.of(entry, heard, esp), error);
        }
        if (error instanceof SerialPortException || error instanceof NoBootloaderAnswerException) {
            String said = heard == null ? null : heard.lastTextLine();
            return new TernException(ExitCodes.UNREACHABLE, error.getMessage() + (said == null ? "" : "; before that it said: '"
                    + said + "'"), error);
        }
        if (error instanceof FlashMismatchException) {
            return new TernException(ExitCodes.VERIFICATION_FAILED, error.getMessage(), error);
        }
        if (error instanceof BootloaderException) {
            return new TernException(ExitCodes.FAILURE, error.getMessage(), error);
        }
        if (error instanceof IOException) {
            return new TernException(ExitCodes.FAILURE, serial.port() + ": " + error.getMessage(), error);
        }
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(error);
    }

    /** {@code TERN_PLAIN_PROGRESS} set: plain lines even on a terminal (for a terminal log). */
    private static boolean barAllowed() {
        return System.getenv("TERN_PLAIN_PROGRESS") == null;
    }

    private static SerialLink open(String port) throws IOException {
        try {
            return SerialLinks.open(port);
        } catch (IllegalArgumentException e) {
            throw new TernException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    static LineSettings lineOf(dev.tern.boards.definition.SerialLine line, Integer baud) {
        LineSettings settings = LineSettings.of(line);
        return baud == null ? settings : settings.withBaud(baud);
    }

    private static BoardDefinition loadBoard(String id) {
        BoardDefinition board = BoardCatalog.load(id);
        FlashSupport.refuseUnsupported(board);
        return board;
    }

    private static boolean parseErase(String text) {
        return switch (text) {
            case "pages" -> false;
            case "all" -> true;
            default -> throw new TernException(ExitCodes.USAGE, "--erase must be pages or all, not '" + text + "'");
        };
    }

    /** Null for the default: crc where the bootloader has GET_CHECKSUM, else read. */
    private static Flasher.Verify parseVerify(String text) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "crc" -> Flasher.Verify.DIGEST;
            case "read" -> Flasher.Verify.READ;
            case "none" -> Flasher.Verify.NONE;
            default -> throw new TernException(ExitCodes.USAGE, "--verify must be crc, read or none, not '" + text + "'");
        };
    }
}
