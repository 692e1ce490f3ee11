package dev.tern.bench.flash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tern.bench.Table;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.virtual.BoardMode;
import dev.tern.boards.virtual.ConsoleEndpoint;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.testsupport.PtyPair;

/**
 * The ESP32 rows of {@code bench/run flash}: a signed app (the firmware jar padded with random
 * bytes, as incompressible as Tern's jars are) written into the virtual ESP-WROVER-KIT's app slot
 * in download mode, its flash timed as the board definition's datasheet part (REAL, typical), over
 * a socat pty paced at 115200 until CHANGE_BAUDRATE. At each baud: {@code tern flash} ROM only
 * ({@code --no-stub}) and through esptool's stub ({@code --stub}: the benched esptool's own
 * {@code targets/stub_flasher/2/esp32.json}), esptool 5.3.1 with its stub (compressed, its default)
 * and with {@code --no-stub} (compressed),
 * each a first flash of a blank board and then the same flash again ({@code tern}: unchanged pages
 * skipped by MD5; esptool: {@code --skip-flashed}). Every run starts from a reset into download
 * mode (the line back at 115200), as esptool's own reset does. Each esptool row is compared with
 * tern in the same mode: esptool's stub with tern's stub, {@code --no-stub} with tern's ROM row.
 */
final class EspFlashRows {

    static final String BOARD = "esp-wrover-kit";
    static final int APP_BYTES = 1024 * 1024;
    static final int QUICK_APP_BYTES = 256 * 1024;
    /** The goal: an unchanged re-flash takes at most this share of a first flash. */
    static final double REFLASH_SHARE = 0.05;
    private static final Duration READY = Duration.ofSeconds(15);

    static final String TERN_ROM = "tern flash (ROM)";
    static final String TERN_STUB = "tern flash (stub)";
    private static final String ESPTOOL_NO_STUB = "esptool --no-stub";
    /** Where esptool 5 keeps its ESP32 stub, from its package folder (beside the {@code run} script). */
    private static final String STUB_IN_PACKAGE = "esptool/targets/stub_flasher/2/esp32.json";

    /** One tool at one baud: its first flash and its unchanged re-flash. */
    record Pair(String tool, int baud, FlashRun first, FlashRun again) {
    }

    private final BoardDefinition board = new BoardLoader().load(BOARD);
    private final Path folder;
    private final ImageKey key;
    private final Path esptool;

    EspFlashRows(Path folder, ImageKey key, Path esptool) {
        this.folder = folder;
        this.key = key;
        this.esptool = esptool;
    }

    /** The app slot's address on the kit. */
    long appSlot() {
        return board.appSlot().address();
    }

    /** The tools a run may compare ({@code --esp-tools}): tern, esptool with its stub, esptool with {@code --no-stub}. */
    static final List<String> TOOLS = List.of("tern", "stub", "no-stub");

    /** {@code tools} (of {@link #TOOLS}; tern always) at each baud, on {@code image}. */
    List<Pair> run(Path image, List<Integer> bauds, List<String> tools) throws IOException, InterruptedException {
        List<Pair> pairs = new ArrayList<>();
        for (int baud : bauds) {
            pairs.add(pair(TERN_ROM, baud, (virtual, port, again, log) -> FlashRun.tern(virtual, image, port,
                    "--board", BOARD, "--baud", String.valueOf(baud), "--no-stub", "--no-go")));
            Path stub = esptool.getParent().resolve(STUB_IN_PACKAGE);
            if (Files.isRegularFile(stub)) {
                pairs.add(pair(TERN_STUB, baud, (virtual, port, again, log) -> FlashRun.tern(virtual, image, port,
                        "--board", BOARD, "--baud", String.valueOf(baud), "--stub", stub.toString(), "--no-go")));
            }
            if (tools.contains("stub")) {
                pairs.add(pair("esptool (stub)", baud, (virtual, port, again, log) -> FlashRun.esptool(virtual, esptool,
                        esptoolArgs(image, port, baud, false, again), log)));
            }
            if (tools.contains("no-stub")) {
                pairs.add(pair("esptool --no-stub", baud, (virtual, port, again, log) -> FlashRun.esptool(virtual, esptool,
                        esptoolArgs(image, port, baud, true, again), log)));
            }
        }
        return pairs;
    }

    /** One flash by one tool; {@code again}: the same flash once more. */
    private interface Tool {
        FlashRun flash(VirtualBoard virtual, Path port, boolean again, Path log) throws IOException, InterruptedException;
    }

    private Pair pair(String tool, int baud, Tool flash) throws IOException, InterruptedException {
        String name = tool.replaceAll("[^a-z]+", "-") + baud;
        try (PtyPair pty = PtyPair.open(); VirtualBoard virtual = start(folder.resolve(name + ".flash"), pty.a())) {
            FlashRun first = flash.flash(virtual, pty.b(), false, folder.resolve(name + ".log"));
            print(tool, baud, "first", first);
            reset(virtual);
            FlashRun again = flash.flash(virtual, pty.b(), true, folder.resolve(name + "-again.log"));
            print(tool, baud, "unchanged", again);
            return new Pair(tool, baud, first, again);
        }
    }

    private List<String> esptoolArgs(Path image, Path port, int baud, boolean noStub, boolean again) {
        List<String> args = new ArrayList<>(List.of("--chip", "esp32", "--port", port.toString(), "--baud", String.valueOf(baud),
                "--before", "no-reset", "--after", "no-reset"));
        if (noStub) {
            args.add("--no-stub");
        }
        args.add("write-flash");
        if (again) {
            args.add("--skip-flashed");
        }
        args.add("0x" + Long.toHexString(appSlot()));
        args.add(image.toString());
        return args;
    }

    private VirtualBoard start(Path flash, Path console) throws IOException, InterruptedException {
        VirtualBoard virtual = VirtualBoard.start(VirtualBoardOptions.of(flash, new McubootImageCheck()).board(board)
                .console(ConsoleEndpoint.pty(console))
                .trustedKeys(List.of(key.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .baudPacing(board.console().baud()).boot0(true));
        if (!virtual.awaitMode(BoardMode.BOOTLOADER, READY)) {
            virtual.close();
            throw new IllegalStateException("the virtual ESP32 did not wait in its download mode");
        }
        return virtual;
    }

    /** GPIO0 still low: EN pressed, the ROM loader again at 115200 (esptool's reset before it connects). */
    private static void reset(VirtualBoard virtual) throws InterruptedException {
        virtual.reset();
        if (!virtual.awaitMode(BoardMode.BOOTLOADER, READY)) {
            throw new IllegalStateException("the virtual ESP32 did not come back to its download mode");
        }
        Thread.sleep(100); // the ROM's banner is out before the next tool opens the port
    }

    private static void print(String tool, int baud, String which, FlashRun run) {
        System.out.println("  esp32 " + tool + " " + baud + " " + which + ": " + FlashBench.twoDecimals(run.seconds()) + " s, "
                + run.wireBytes() + " B on the wire (" + FlashBench.twoDecimals(run.wireSeconds()) + " s of wire time)");
    }

    /** The table, and whether the goals held; the figures go into {@code json}. */
    static boolean report(List<Pair> pairs, Map<String, Object> json) {
        Table table = new Table("baud", "tool", "flash", "seconds", "wire bytes", "wire-limit s of those bytes", "x its wire time",
                "written B", "re-flash / first", "tern / this");
        List<String> broken = new ArrayList<>();
        for (Pair pair : pairs) {
            Pair tern = ternFor(pairs, pair);
            for (FlashRun run : List.of(pair.first(), pair.again())) {
                boolean first = run == pair.first();
                FlashRun ternSame = first ? tern.first() : tern.again();
                double ratio = ternSame.seconds() / run.seconds();
                table.row(pair.baud(), pair.tool(), first ? "first" : "unchanged", FlashBench.twoDecimals(run.seconds()), run.wireBytes(),
                        FlashBench.twoDecimals(run.wireSeconds()), FlashBench.twoDecimals(run.seconds() / run.wireSeconds()) + "x",
                        run.written(), first ? "" : percent(run.seconds() / pair.first().seconds()),
                        FlashBench.twoDecimals(ratio) + "x");
                if (ratio > 1) {
                    broken.add(tern.tool() + " " + (first ? "first" : "unchanged") + " at " + pair.baud() + " is "
                            + FlashBench.twoDecimals(ratio) + "x " + pair.tool());
                }
            }
            if (pair.tool().startsWith("tern") && pair.again().seconds() > REFLASH_SHARE * pair.first().seconds()) {
                broken.add(pair.tool() + "'s unchanged re-flash at " + pair.baud() + " is " + percent(pair.again().seconds() / pair.first().seconds())
                        + " of its first flash");
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("first", figures(pair.first()));
            figures.put("unchanged", figures(pair.again()));
            json.put(pair.tool() + " " + pair.baud(), figures);
        }
        table.print(System.out);
        boolean kept = broken.isEmpty();
        System.out.println("esp32 goals (tern no slower than esptool on any row; an unchanged re-flash at most "
                + percent(REFLASH_SHARE) + " of a first): " + (kept ? "kept" : "broken: " + String.join("; ", broken)));
        json.put("goals_kept", kept);
        json.put("goals_broken", broken);
        return kept;
    }

    /**
     * The tern run {@code pair} is compared with, at its baud and in its mode: tern's ROM row for
     * {@code esptool --no-stub} (and itself), tern's stub row for the rest (its ROM row when there is none).
     */
    private static Pair ternFor(List<Pair> pairs, Pair pair) {
        if (pair.tool().startsWith("tern")) {
            return pair;
        }
        String wanted = pair.tool().equals(ESPTOOL_NO_STUB) ? TERN_ROM : TERN_STUB;
        Pair rom = null;
        for (Pair each : pairs) {
            if (each.baud() == pair.baud() && each.tool().equals(wanted)) {
                return each;
            }
            if (each.baud() == pair.baud() && each.tool().equals(TERN_ROM)) {
                rom = each;
            }
        }
        if (rom == null) {
            throw new IllegalStateException("no tern run at " + pair.baud());
        }
        return rom;
    }

    private static Map<String, Object> figures(FlashRun run) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seconds", Math.round(run.seconds() * 1000) / 1000.0);
        figures.put("wire_bytes", run.wireBytes());
        figures.put("wire_seconds", Math.round(run.wireSeconds() * 1000) / 1000.0);
        figures.put("bytes_written", run.written());
        return figures;
    }

    private static String percent(double share) {
        return Math.round(share * 1000) / 10.0 + " %";
    }

    /**
     * Espressif's esptool's {@code run} script: {@code TERN_ESPTOOL} when set, else
     * {@code shared/tools/esptool/run} in the working folder or a folder above it.
     */
    static Optional<Path> findEsptool() {
        String given = System.getenv("TERN_ESPTOOL");
        if (given != null && !given.isBlank()) {
            return Files.isExecutable(Path.of(given)) ? Optional.of(Path.of(given)) : Optional.empty();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path run = dir.resolve("shared/tools/esptool/run");
            if (Files.isExecutable(run)) {
                return Optional.of(run);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
