package dev.tern.host.sim;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.FlashProtocol;
import dev.tern.boards.flash.TimeFigure;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyFormatException;
import dev.tern.boards.virtual.BoardMode;
import dev.tern.boards.virtual.ConsoleEndpoint;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.boards.virtual.WearReport;
import dev.tern.host.cli.BoardCatalog;
import dev.tern.host.cli.Durations;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.IoErrors;
import dev.tern.host.cli.StopSignal;
import dev.tern.host.cli.TernException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tern sim}: a virtual board in this process, its console on a socket or a pty, until Ctrl-C. */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        header = "Run a virtual board (ROM bootloader, flash, secure boot, the flashed firmware) until Ctrl-C.",
        description = {
            "The board's console, which is also its AN3155 bootloader line, is a TCP server "
                + "(--console socket://127.0.0.1:PORT) or one end of a pseudo-terminal pair (--pty PATH). "
                + "Flash it and watch it as a real board: 'tern flash IMAGE --port socket://127.0.0.1:4000 --board virtual', "
                + "'tern monitor --port socket://127.0.0.1:4000'.",
            "",
            "A pty pair comes from socat: 'socat pty,raw,echo=0,link=/tmp/board pty,raw,echo=0,link=/tmp/host' "
                + "(leave it running), then 'tern sim --pty /tmp/board' and use /tmp/host as the port (8N1: ptys carry no parity).",
            "",
            "The flash file is kept: the next 'tern sim' on it boots what was flashed. Secure boot runs only "
                + "images signed with a key given by --trusted-key (the public key 'tern keygen --public' wrote).",
            "",
            "Flash behaves like the board's parts: every erase and program takes its datasheet time (the board "
                + "waits for it; --flash-timing accounted only counts it), erases are counted per unit in FILE.wear "
                + "(and FILE.dataFlash.wear for the QSPI), units past their endurance fail as worn NOR does. "
                + "Type 'wear' and Enter at the terminal for the wear report; it is also printed when the sim stops.",
        })
public final class SimCommand implements Callable<Integer> {

    static final String DEFAULT_CONSOLE = "socket://127.0.0.1:4000";
    static final String DEFAULT_FLASH = "virtual-board.flash";
    private static final Duration MODE_POLL = Duration.ofMillis(10);

    @Spec
    CommandSpec spec;

    @Option(names = "--board", paramLabel = "ID", defaultValue = "virtual",
            description = "Board to simulate (default ${DEFAULT-VALUE}; an AN3155 board whose flash the ROM bootloader writes, "
                    + "or esp-wrover-kit: an ESP32 whose ROM loader esptool and 'tern flash' speak to).")
    String boardId;

    @Option(names = "--console", paramLabel = "socket://HOST:PORT",
            description = "Serve the console on this TCP address (default " + DEFAULT_CONSOLE + "; port 0: any free port).")
    String console;

    @Option(names = "--pty", paramLabel = "PATH", description = "Use this pseudo-terminal (one end of a socat pair) as the console.")
    Path pty;

    @Option(names = "--baud-pacing", paramLabel = "N",
            description = "Pace the console to N baud (default: the board's console baud, 115200 for virtual; 0: as fast as possible).")
    Integer baudPacing;

    @Option(names = "--trusted-key", paramLabel = "PUB.pem",
            description = "A public key secure boot trusts (repeatable); without one the board boots nothing.")
    List<Path> trustedKeys = new ArrayList<>();

    @Option(names = "--flash", paramLabel = "FILE", defaultValue = DEFAULT_FLASH,
            description = "The board's flash, created erased when missing and kept (default ${DEFAULT-VALUE}).")
    Path flashFile;

    @Option(names = {"--boot0", "--download-mode"},
            description = "Start with the boot pin set: BOOT0 high on an STM32, GPIO0 low on an ESP32 (download mode); "
                    + "the board waits in its ROM loader. At a terminal, 'bootloader' and 'reset' press the buttons later.")
    boolean boot0;

    @Option(names = "--reset-rollback",
            description = "Forget the versions the board booted (FILE.rollback) before it starts, so an image of a lower "
                    + "version boots again, as after a new board.")
    boolean resetRollback;

    @Option(names = "--get-checksum",
            description = "The ROM bootloader serves GET_CHECKSUM (0xA1) as newer STM32s do, so 'tern flash' verifies by CRC "
                    + "(off by default: stm32flash 0.7's -C speaks an older frame of it).")
    boolean getChecksum;

    @Option(names = "--sensor-seed", paramLabel = "N", defaultValue = "0", description = "Seed of the simulated sensors (default ${DEFAULT-VALUE}).")
    long sensorSeed;

    @Option(names = "--flash-timing", paramLabel = "MODE", defaultValue = "real",
            description = "real: the board waits out every erase and program (default); accounted: the time is only counted.")
    String flashTiming;

    @Option(names = "--flash-times", paramLabel = "FIGURE", defaultValue = "typical",
            description = "The datasheet figure charged: typical (default) or max.")
    String flashTimes;

    @Option(names = "--duration", hidden = true, paramLabel = "TIME", converter = Durations.class,
            description = "Stop by itself after TIME (for tests and scripts).")
    Duration duration;

    /** How the simulated board reaches its broker; its console's boot line ("tls: credentials ...") says what the region holds. */
    static final String TLS_LINE = "sim: the board connects over TLS when its credentials region holds credentials (tern flash --ca FILE"
            + " --device-cert FILE --device-key FILE), over plain TCP while the region is blank";

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        BoardDefinition board = BoardCatalog.load(boardId);
        checkFlashFiles();
        VirtualBoardOptions options = VirtualBoardOptions.of(flashFile, new McubootImageCheck())
                .board(board)
                .console(endpoint())
                .baudPacing(baudPacing == null ? board.console().baud() : checkedBaud(baudPacing))
                .trustedKeys(readKeys())
                .boot0(boot0)
                .bootloaderGetChecksum(getChecksum)
                .sensorSeed(sensorSeed)
                .flashTiming(choice("--flash-timing", flashTiming, TimingMode.class))
                .flashTimes(choice("--flash-times", flashTimes, TimeFigure.class))
                .tlsWhenCredentialsInstalled();
        if (resetRollback) {
            forgetRollback(out);
        }
        try (StopSignal stop = StopSignal.install(); VirtualBoard sim = start(options)) {
            boolean esp = board.bootloader().protocol() == FlashProtocol.ESP_ROM_SERIAL;
            String pin = esp ? "GPIO0 " + (boot0 ? "low: download mode" : "high: boots the flash") : "BOOT0 " + (boot0 ? "high" : "low");
            out.println("sim: " + board.id() + " board console at " + sim.consoleUrl() + " (" + pin
                    + ", flash " + flashFile + ", " + (options.baud() == 0 ? "no baud pacing" : "paced to " + options.baud() + " baud")
                    + ", " + trustedKeys.size() + " trusted key" + (trustedKeys.size() == 1 ? "" : "s") + ")");
            if (trustedKeys.isEmpty()) {
                out.println("sim: no --trusted-key: secure boot will refuse every image");
            }
            out.println(TLS_LINE);
            out.println(howToFlash(sim.consoleUrl(), board.id()));
            out.flush();
            if (System.console() != null) {
                // only on a terminal: a pipe may be someone else's (a test runner's commands)
                new SimConsole(() -> WearReport.lines(board, sim.flashWear()), romLoader -> {
                    sim.boot0(romLoader);
                    sim.reset();
                }, out).start(System.in);
                out.println("sim: type 'wear' and Enter for the flash wear report");
            }
            boolean stopped = watch(sim, stop, out, esp);
            synchronized (out) {
                out.println("sim: " + (stopped ? "stopping" : "ran for " + duration.toSeconds() + " s; stopping") + " (flash kept in "
                        + flashFile + ")");
                for (String line : WearReport.lines(board, sim.flashWear())) {
                    out.println(line);
                }
                out.flush();
            }
        }
        return ExitCodes.OK;
    }

    /** Deletes the rollback record beside the flash file, saying what it held. */
    private void forgetRollback(PrintWriter out) throws IOException {
        Path record = VirtualBoard.rollbackFileOf(flashFile);
        if (!Files.exists(record)) {
            out.println("sim: --reset-rollback: no rollback record (" + record + "): no version booted yet");
            return;
        }
        String held = Files.readString(record, StandardCharsets.UTF_8).strip();
        Files.delete(record);
        out.println("sim: --reset-rollback: forgot the last booted version (" + held + "; deleted " + record + ")");
    }

    /** The port the host must use: the sim's socket, or the other end of its pty pair (never the sim's own end). */
    private String howToFlash(String consoleUrl, String board) {
        String stop = "; Ctrl-C stops the board (the flash file is kept)";
        if (pty == null) {
            return "sim: flash it with 'tern flash IMAGE --port " + consoleUrl + " --board " + board + "'" + stop;
        }
        return SimPty.peer(pty)
                .map(other -> "sim: flash it with 'tern flash IMAGE --port " + other + " --board " + board + "' (the other end of "
                        + "the socat pair; " + pty + " is the sim's own end)" + stop)
                .orElse("sim: " + pty + " is the sim's own end: flash and monitor through the OTHER end of your pty pair, "
                        + "'tern flash IMAGE --port OTHER-END --board " + board + "'" + stop);
    }

    private <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.length() > 0 ? ", " : "").append(constant.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw new ParameterException(spec.commandLine(), option + " " + value + ": expected one of " + allowed);
    }

    /** Prints each mode change until Ctrl-C (true) or the duration is over (false). */
    private boolean watch(VirtualBoard sim, StopSignal stop, PrintWriter out, boolean esp) throws InterruptedException {
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        BoardMode shown = null;
        int refusalsShown = 0;
        while (true) {
            BoardMode mode = sim.mode();
            int refusals = sim.refusals();
            if (refusals != refusalsShown) {
                // the check can be over between two polls: the count, not the CHECKING mode, says a boot was refused
                refusalsShown = refusals;
                synchronized (out) {
                    out.println(esp ? refusalLineEsp(sim.lastRefusal()) : refusalLine(sim.lastRefusal()));
                    out.flush();
                }
            }
            if (mode != shown) {
                synchronized (out) {
                    out.println("sim: " + (esp ? describeEsp(mode) : describe(mode)));
                    out.flush();
                }
                shown = mode;
            }
            Throwable failure = sim.failure();
            if (failure != null) {
                throw new TernException(ExitCodes.FAILURE, "the virtual board failed: " + failure);
            }
            if (stop.await(MODE_POLL)) {
                return true;
            }
            if (duration != null && System.nanoTime() - end >= 0) {
                return false;
            }
        }
    }

    /** The board console's {@code boot: refused: REASON} as the sim's own window says it. */
    static String refusalLine(String consoleLine) {
        String reason = consoleLine.replaceFirst("^boot: (refused: )?", "");
        return "sim: secure boot refused the image: " + reason + "; the board stays in its ROM bootloader until an image "
                + "it accepts is flashed";
    }

    /** An ESP32's refusal: it halts rather than waiting in its ROM loader. */
    static String refusalLineEsp(String consoleLine) {
        String reason = consoleLine.replaceFirst("^boot: (refused: )?", "");
        return "sim: secure boot refused the image: " + reason + "; the board halts until reset (type 'bootloader', "
                + "or restart with --download-mode, to flash it)";
    }

    static String describe(BoardMode mode) {
        return switch (mode) {
            case OFF -> "board off";
            case SYNC_WINDOW -> "board reset: 0x7F now enters the ROM bootloader";
            case BOOTLOADER -> "board in its ROM bootloader (AN3155) on the console";
            case CHECKING -> "secure boot checks the app slot";
            case RUNNING -> "board runs the flashed firmware";
            case HALTED -> "board halted: it answers nothing until reset ('bootloader' for download mode)";
        };
    }

    /** An ESP32's modes: its ROM prints its banner and waits in download mode, or boots the flash. */
    static String describeEsp(BoardMode mode) {
        return switch (mode) {
            case BOOTLOADER -> "board in its ROM download mode (ESP32 serial loader, as esptool speaks it) on UART0";
            case SYNC_WINDOW -> "board reset";
            default -> describe(mode);
        };
    }

    private ConsoleEndpoint endpoint() {
        if (pty != null && console != null) {
            throw new ParameterException(spec.commandLine(), "--console and --pty: give one console, not both");
        }
        if (pty != null) {
            SimPty.check(pty);
            return ConsoleEndpoint.pty(pty);
        }
        String url = console == null ? DEFAULT_CONSOLE : console;
        if (!url.startsWith("socket://")) {
            throw new ParameterException(spec.commandLine(),
                    "--console " + url + ": expected socket://HOST:PORT (for a pseudo-terminal use --pty PATH)");
        }
        try {
            return ConsoleEndpoint.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--console " + url + ": expected socket://HOST:PORT with a port 0..65535");
        }
    }

    private int checkedBaud(int baud) {
        if (baud < 0) {
            throw new ParameterException(spec.commandLine(), "--baud-pacing " + baud + ": a baud rate is 0 (off) or more");
        }
        return baud;
    }

    /** The flash file and its wear record beside it, refused before the board starts if they cannot be written. */
    private void checkFlashFiles() {
        IoErrors.checkWritable("--flash", flashFile);
        IoErrors.checkWritable("--flash", Path.of(flashFile + ".wear"));
    }

    private List<byte[]> readKeys() {
        List<byte[]> keys = new ArrayList<>();
        for (Path file : trustedKeys) {
            byte[] pem = IoErrors.read("trusted key", file);
            try {
                ImageKey.fromPem(new String(pem, StandardCharsets.US_ASCII));
            } catch (KeyFormatException e) {
                throw new TernException(ExitCodes.FAILURE, "trusted key " + file + " is not a PEM key: " + e.getMessage()
                        + " (give the public key 'tern keygen --public' wrote)");
            }
            keys.add(pem);
        }
        return keys;
    }

    private VirtualBoard start(VirtualBoardOptions options) throws IOException {
        try {
            return VirtualBoard.start(options);
        } catch (BindException e) {
            throw IoErrors.bindError(options.console().toString(), options.console().host(), e);
        } catch (FileNotFoundException e) {
            throw new TernException(ExitCodes.UNREACHABLE, "cannot open " + options.console() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TernException(ExitCodes.USAGE, "cannot simulate board '" + boardId + "': " + e.getMessage(), e);
        }
    }
}
