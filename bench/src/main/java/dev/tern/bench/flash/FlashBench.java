package dev.tern.bench.flash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tern.bench.ResultLine;
import dev.tern.bench.SuiteArguments;
import dev.tern.bench.Table;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.firmware.SensorFirmware;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageSigner;
import dev.tern.boards.image.ImageVersion;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.image.SignOptions;
import dev.tern.boards.virtual.BoardMode;
import dev.tern.boards.virtual.ConsoleEndpoint;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.testsupport.PtyPair;

/**
 * {@code bench/run flash [--quick]}: flash and verify a signed 256 KiB image (the firmware jar
 * padded to 256 KiB, signed with an Ed25519 key made for the run and trusted by the board) on
 * the virtual board, its console paced to 115200 8N1 and reached through a socat pty pair, by
 * {@code tern flash} and by {@code stm32flash} (where installed), both verifying by reading back
 * (the board's bootloader, like the F7's ROM, has no GET_CHECKSUM). Then an unchanged re-flash
 * by each (in the first round), and the wire-time limit of the same bytes. Each round starts
 * from blank boards. Quick: 1 round, no stm32flash re-flash, and the image only as large as the
 * firmware jar (about 100 KiB, so the run takes about a minute); full: 3 rounds of 256 KiB.
 * Then the ESP32 rows ({@link EspFlashRows}: tern and esptool on the virtual ESP32, 1 MB, 256 KiB
 * quick), whose goals decide the exit code. {@code --boards} runs one of the two.
 */
public final class FlashBench {

    static final String USAGE = "[--quick] [--rounds N] [--baud B] [--boards stm32,esp32] [--esp-bauds 115200,921600]"
            + " [--esp-tools tern,stub,no-stub]";
    static final int IMAGE_PAYLOAD = 256 * 1024;
    /** {@code --quick}: the firmware jar padded only to the next KiB. */
    static final int QUICK_PAYLOAD_ROUNDING = 1024;
    private static final Duration BOOT = Duration.ofSeconds(15);

    private FlashBench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (SuiteArguments.wantsHelp(args)) {
            System.out.println("usage: bench/run flash " + USAGE);
            return SuiteArguments.EXIT_OK;
        }
        SuiteArguments arguments;
        int rounds;
        int baud;
        List<String> boards;
        List<Integer> espBauds;
        List<String> espTools;
        try {
            arguments = SuiteArguments.parse(args, "rounds", "baud", "boards", "esp-bauds", "esp-tools");
            rounds = (int) arguments.number("rounds", 1, 3);
            baud = (int) arguments.number("baud", 115_200, 115_200);
            boards = List.of(arguments.text("boards", "stm32,esp32").split(","));
            if (!List.of("stm32", "esp32").containsAll(boards)) {
                throw new IllegalArgumentException("--boards takes stm32, esp32 or both: " + boards);
            }
            espTools = List.of(arguments.text("esp-tools", String.join(",", EspFlashRows.TOOLS)).split(","));
            if (!EspFlashRows.TOOLS.containsAll(espTools)) {
                throw new IllegalArgumentException("--esp-tools takes " + EspFlashRows.TOOLS + ": " + espTools);
            }
            espBauds = new ArrayList<>();
            for (String each : arguments.text("esp-bauds", "115200,921600").split(",")) {
                espBauds.add(Integer.parseInt(each.trim()));
            }
        } catch (IllegalArgumentException e) {
            return SuiteArguments.usageError("flash", e, USAGE);
        }
        Optional<Path> stm32flash = find("stm32flash");
        long appSlot = new BoardLoader().load("virtual").appSlot().address();
        Path folder = Files.createTempDirectory("tern-bench-flash-");
        try {
            ImageKey key = ImageKey.generate(KeyType.ED25519);
            Path firmwareJar = SensorFirmware.find().jarFile(folder);
            int payloadBytes = arguments.quick()
                    ? (PaddedFirmware.smallestSize(firmwareJar) / QUICK_PAYLOAD_ROUNDING + 1) * QUICK_PAYLOAD_ROUNDING
                    : IMAGE_PAYLOAD;
            byte[] payload = PaddedFirmware.of(firmwareJar, payloadBytes);
            byte[] signed = new ImageSigner(SignOptions.defaults(ImageVersion.parse("1.0.0"))).sign(payload, key);
            Path image = PaddedFirmware.write(folder.resolve("image.bin"), signed);
            System.out.println("flash" + (arguments.quick() ? " (quick)" : "") + ": a signed image of " + signed.length
                    + " bytes (payload: the firmware jar padded to " + payloadBytes + " bytes; Ed25519), virtual board at "
                    + baud + " 8N1 over a socat pty, verify by read-back, " + rounds + " round(s); stm32flash: "
                    + stm32flash.map(Path::toString).orElse("not installed"));

            boolean quick = arguments.quick();
            Map<String, List<FlashRun>> runs = new LinkedHashMap<>();
            String boot = "";
            for (int round = 0; boards.contains("stm32") && round < rounds; round++) {
                try (PtyPair pty = PtyPair.open();
                     VirtualBoard board = start(folder.resolve("tern-" + round + ".flash"), pty.a(), key, baud)) {
                    // first: a blank board, no GO (stm32flash does not start it either)
                    add(runs, "tern flash", FlashRun.tern(board, image, pty.b(), "--no-go"));
                    // the re-flashes in the first round only: they vary little and the full run stays near 8 minutes
                    if (round == 0) {
                        // unchanged: tern compares and skips; then GO, and the board's secure boot checks the image
                        FlashRun again = FlashRun.tern(board, image, pty.b());
                        add(runs, "tern re-flash, unchanged (+ GO, boot check)", again);
                        boot = again.boot();
                        if (!board.awaitMode(BoardMode.RUNNING, BOOT)) {
                            throw new IllegalStateException("the flashed image did not boot: " + again.output());
                        }
                    }
                }
                if (stm32flash.isPresent()) {
                    try (PtyPair pty = PtyPair.open();
                         VirtualBoard board = start(folder.resolve("stm32flash-" + round + ".flash"), pty.a(), key, baud)) {
                        Path log = folder.resolve("stm32flash-" + round + ".log");
                        add(runs, "stm32flash -w -v", FlashRun.stm32flash(board, stm32flash.get(), image, appSlot, baud, pty.b(), log));
                        if (!quick && round == 0) {
                            // stm32flash has no notion of unchanged: it erases and writes again
                            add(runs, "stm32flash re-flash, unchanged", FlashRun.stm32flash(board, stm32flash.get(), image, appSlot,
                                    baud, pty.b(), log));
                        }
                    }
                    printRound(round, last(runs, "tern flash"), last(runs, "stm32flash -w -v"));
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("suite", "flash");
            result.put("quick", quick);
            if (boards.contains("stm32")) {
                report(arguments.quick(), rounds, baud, payloadBytes, signed.length, runs, boot, result);
            }
            boolean kept = true;
            if (boards.contains("esp32")) {
                kept = esp32(quick, folder, key, firmwareJar, espBauds, espTools, result);
            }
            System.out.println(ResultLine.of(result));
            return kept ? SuiteArguments.EXIT_OK : SuiteArguments.EXIT_GUARANTEE_BROKEN;
        } finally {
            deleteAll(folder);
        }
    }

    /** The run's folder: image, flash files, stm32flash logs. */
    private static void deleteAll(Path folder) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The ESP32 rows ({@link EspFlashRows}) into {@code result}; whether the goals held. */
    private static boolean esp32(boolean quick, Path folder, ImageKey key, Path firmwareJar, List<Integer> bauds, List<String> tools,
            Map<String, Object> result) throws Exception {
        Optional<Path> esptool = EspFlashRows.findEsptool();
        if (esptool.isEmpty()) {
            System.out.println("esp32: esptool not found (shared/tools/esptool/run beside the repository): no ESP32 rows");
            return true;
        }
        int payloadBytes = quick ? EspFlashRows.QUICK_APP_BYTES : EspFlashRows.APP_BYTES;
        byte[] signed = new ImageSigner(SignOptions.defaults(ImageVersion.parse("1.0.0")))
                .sign(PaddedFirmware.of(firmwareJar, payloadBytes), key);
        Path image = PaddedFirmware.write(folder.resolve("esp32-app.bin"), signed);
        EspFlashRows rows = new EspFlashRows(folder, key, esptool.get());
        System.out.println("esp32" + (quick ? " (quick)" : "") + ": a signed app of " + signed.length + " bytes (the firmware jar padded"
                + " with random bytes to " + payloadBytes + "; Ed25519) into the virtual " + EspFlashRows.BOARD + "'s app slot 0x"
                + Long.toHexString(rows.appSlot()) + ", download mode, flash timed as its datasheet part (typical), socat pty"
                + " paced at 115200 until CHANGE_BAUDRATE; esptool: " + esptool.get());
        List<EspFlashRows.Pair> pairs = rows.run(image, bauds, tools);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("image_bytes", signed.length);
        json.put("payload_bytes", payloadBytes);
        boolean kept = EspFlashRows.report(pairs, json);
        result.put("esp32", json);
        return kept;
    }

    private static void report(boolean quick, int rounds, int baud, int payloadBytes, int imageBytes, Map<String, List<FlashRun>> runs,
            String boot, Map<String, Object> result) {
        long write = WireTime.writeBytes(imageBytes);
        long read = WireTime.readBackBytes(imageBytes);
        double limitWrite = WireTime.seconds(write, baud);
        double limitBoth = WireTime.seconds(write + read, baud);
        Table table = new Table("tool", "runs", "seconds (median)", "min", "max", "wire bytes", "wire-limit s of those bytes",
                "written B", "pages skipped", "x its wire time");
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, List<FlashRun>> entry : runs.entrySet()) {
            List<FlashRun> list = entry.getValue();
            List<Double> seconds = new ArrayList<>();
            for (FlashRun run : list) {
                seconds.add(run.seconds());
            }
            seconds.sort(null);
            double median = seconds.get(seconds.size() / 2);
            FlashRun first = list.get(0);
            table.row(entry.getKey(), list.size(), twoDecimals(median), twoDecimals(seconds.get(0)),
                    twoDecimals(seconds.get(seconds.size() - 1)), first.wireBytes(),
                    twoDecimals(WireTime.seconds(first.wireBytes(), baud)), first.written(), first.skippedPages(),
                    twoDecimals(median / WireTime.seconds(first.wireBytes(), baud)) + "x");
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("runs", list.size());
            figures.put("seconds_median", round3(median));
            figures.put("seconds", seconds.stream().map(FlashBench::round3).toList());
            figures.put("wire_bytes", first.wireBytes());
            figures.put("bytes_written", first.written());
            figures.put("pages_skipped", first.skippedPages());
            json.put(entry.getKey(), figures);
        }
        table.print(System.out);
        System.out.println("wire-time limit for " + imageBytes + " bytes at " + baud + " 8N1 (10 bits/byte), AN3155 blocks of 256 B"
                + " with 12 bytes of command, address, length, checksum and ACKs each (" + WireTime.blocks(imageBytes) + " blocks): write "
                + write + " B = " + twoDecimals(limitWrite) + " s, read-back verify " + read + " B, write + verify "
                + twoDecimals(limitBoth) + " s");
        System.out.println("boot after tern's GO: " + (boot.isEmpty() ? "(no boot line)" : boot));
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("blocks", WireTime.blocks(imageBytes));
        limit.put("write_wire_bytes", write);
        limit.put("verify_wire_bytes", read);
        limit.put("write_seconds", round3(limitWrite));
        limit.put("write_verify_seconds", round3(limitBoth));
        result.put("rounds", rounds);
        result.put("baud", baud);
        result.put("image_bytes", imageBytes);
        result.put("payload_bytes", payloadBytes);
        result.put("boot", boot);
        result.put("limit", limit);
        result.put("runs", json);
    }

    private static VirtualBoard start(Path flashFile, Path console, ImageKey key, int baud) throws IOException, InterruptedException {
        VirtualBoard board = VirtualBoard.start(VirtualBoardOptions.of(flashFile, new McubootImageCheck())
                .console(ConsoleEndpoint.pty(console))
                .trustedKeys(List.of(key.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .syncWindow(Duration.ofMillis(50))
                .baudPacing(baud));
        if (!board.awaitMode(BoardMode.BOOTLOADER, BOOT)) {
            board.close();
            throw new IllegalStateException("a blank virtual board did not wait in its bootloader");
        }
        return board;
    }

    private static FlashRun last(Map<String, List<FlashRun>> runs, String name) {
        List<FlashRun> list = runs.get(name);
        return list.get(list.size() - 1);
    }

    /** One round's first flashes side by side: tern / stm32flash and each against the wire time of its bytes. */
    private static void printRound(int round, FlashRun tern, FlashRun stm32flash) {
        System.out.println(String.format(Locale.ROOT, "  round %d: tern / stm32flash %.3fx; tern / its wire time %.3fx,"
                        + " stm32flash / its wire time %.3fx", round + 1, tern.seconds() / stm32flash.seconds(),
                tern.seconds() / tern.wireSeconds(), stm32flash.seconds() / stm32flash.wireSeconds()));
    }

    private static void add(Map<String, List<FlashRun>> runs, String name, FlashRun run) {
        runs.computeIfAbsent(name, n -> new ArrayList<>()).add(run);
        System.out.println("  " + name + ": " + twoDecimals(run.seconds()) + " s, " + run.wireBytes() + " B on the wire; "
                + run.breakdown());
    }

    private static Optional<Path> find(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String twoDecimals(double value) {
        return String.valueOf(Math.round(value * 100) / 100.0);
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
