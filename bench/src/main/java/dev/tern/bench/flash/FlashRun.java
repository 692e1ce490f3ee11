package dev.tern.bench.flash;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

import dev.tern.boards.virtual.DeviceWear;
import dev.tern.boards.virtual.LineStats;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.host.Main;

/**
 * One timed flash of the virtual board: {@code tern flash} run in this JVM (picocli's execute,
 * as the tern launcher would) or {@code stm32flash} run as a process, each on the host end of
 * the pty pair whose other end is the board's console. Wall time from start to exit, and the
 * bytes the board's line carried in both directions meanwhile.
 *
 * @param seconds wall time
 * @param wireBytes bytes to and from the board during the run
 * @param wireSeconds the least time those bytes take on the line, each at the baud rate it crossed at
 * @param written bytes the tool wrote (tern's own count; stm32flash: the image)
 * @param skippedPages pages tern found unchanged and did not write (stm32flash: 0)
 * @param boot tern's boot line after GO, or "" (no GO)
 * @param output what the tool printed, for a failure message
 * @param turnarounds the line's turnarounds during the run: the board's answers and the host's
 * @param deviceSeconds the flash devices' busy time (erase, program) charged during the run
 */
record FlashRun(double seconds, long wireBytes, double wireSeconds, long written, long skippedPages, String boot, String output,
                LineStats.Turnarounds turnarounds, double deviceSeconds) {

    private static final LineStats.Turnarounds NONE = new LineStats.Turnarounds(0, 0, 0, 0, 0);

    FlashRun(double seconds, long wireBytes, double wireSeconds, long written, long skippedPages, String boot, String output) {
        this(seconds, wireBytes, wireSeconds, written, skippedPages, boot, output, NONE, 0);
    }

    /** Where the time went: wire, device, the board's and the host's turnarounds, per answer. */
    String breakdown() {
        LineStats.Turnarounds t = turnarounds;
        return String.format(java.util.Locale.ROOT,
                "wire %.2f s, device %.2f s, board answers %d x %.3f ms (device time included), host answers %d x %.3f ms,"
                        + " pump lag %.2f s, unaccounted %.2f s",
                wireSeconds, deviceSeconds, t.boardAnswers(), perAnswerMs(t.boardAnswerNanos(), t.boardAnswers()),
                t.hostAnswers(), perAnswerMs(t.hostAnswerNanos(), t.hostAnswers()), t.lateNanos() / 1e9,
                seconds - wireSeconds - (t.boardAnswerNanos() + t.hostAnswerNanos()) / 1e9);
    }

    private static double perAnswerMs(long nanos, long count) {
        return count == 0 ? 0 : nanos / 1e6 / count;
    }

    private static final Pattern NUMBER = Pattern.compile("\"(bytesWritten|pagesSkipped)\":(\\d+)");
    private static final Pattern BOOT = Pattern.compile("\"boot\":\"([^\"]*)\"");
    private static final Pattern ESPTOOL_WROTE = Pattern.compile("Wrote (\\d+) bytes");
    private static final long TOOL_TIMEOUT_S = 300;

    /** {@code tern flash IMAGE --port PORT --json EXTRA...}; throws when it does not exit 0. */
    static FlashRun tern(VirtualBoard board, Path image, Path port, String... extra) {
        List<String> args = new ArrayList<>(List.of("flash", image.toString(), "--port", port.toString(), "--json"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine tern = Main.commandLine();
        tern.setOut(new PrintWriter(out, true));
        tern.setErr(new PrintWriter(err, true));
        LineStats before = board.lineStats();
        double deviceBefore = deviceSeconds(board);
        long started = System.nanoTime();
        int exit = tern.execute(args.toArray(new String[0]));
        double seconds = (System.nanoTime() - started) / 1e9;
        LineStats after = board.lineStats();
        String output = out + err.toString();
        if (exit != 0) {
            throw new IllegalStateException("tern " + String.join(" ", args) + " exited " + exit + ":\n" + output);
        }
        long written = -1;
        long skipped = -1;
        Matcher numbers = NUMBER.matcher(out.toString());
        while (numbers.find()) {
            if ("bytesWritten".equals(numbers.group(1))) {
                written = Long.parseLong(numbers.group(2));
            } else {
                skipped = Long.parseLong(numbers.group(2));
            }
        }
        Matcher boot = BOOT.matcher(out.toString());
        return new FlashRun(seconds, wireBytes(before, after), wireSeconds(before, after), written, skipped,
                boot.find() ? boot.group(1) : "", output, after.turnarounds().since(before.turnarounds()),
                deviceSeconds(board) - deviceBefore);
    }

    /**
     * {@code stm32flash -b BAUD -m 8n1 -w IMAGE -v -S ADDRESS PORT}; throws when it does not exit 0.
     * stm32flash sends its 0x7F once: when that gets no answer ("Failed to init device", seen on
     * a loaded machine; nothing was written) it is started once more, as tern's own three syncs
     * would have, and the time of the run that worked is the one reported.
     */
    static FlashRun stm32flash(VirtualBoard board, Path tool, Path image, long address, int baud, Path port, Path log)
            throws IOException, InterruptedException {
        try {
            return stm32flashOnce(board, tool, image, address, baud, port, log);
        } catch (IllegalStateException e) {
            if (!String.valueOf(e.getMessage()).contains("Failed to init device")) {
                throw e;
            }
            System.out.println("  (stm32flash: no answer to its sync, started once more)");
            Thread.sleep(500);
            return stm32flashOnce(board, tool, image, address, baud, port, log);
        }
    }

    private static FlashRun stm32flashOnce(VirtualBoard board, Path tool, Path image, long address, int baud, Path port, Path log)
            throws IOException, InterruptedException {
        List<String> command = List.of(tool.toString(), "-b", String.valueOf(baud), "-m", "8n1", "-w", image.toString(), "-v",
                "-S", "0x" + Long.toHexString(address), port.toString());
        return timedProcess(board, command, log, output -> Files.size(image));
    }

    /**
     * {@code esptool ARGS} (Espressif's esptool through its {@code run} script); throws when it does
     * not exit 0. Written: the bytes of its "Wrote N bytes" lines (0 when it skipped the write).
     */
    static FlashRun esptool(VirtualBoard board, Path tool, List<String> args, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(args);
        return timedProcess(board, command, log, output -> {
            long written = 0;
            Matcher wrote = ESPTOOL_WROTE.matcher(output);
            while (wrote.find()) {
                written += Long.parseLong(wrote.group(1));
            }
            return written;
        });
    }

    /** What a tool wrote, from its output. */
    private interface WrittenBytes {
        long of(String output) throws IOException;
    }

    /** Runs {@code command} with its output in {@code log}, timed, with the board's line counted; throws unless it exits 0. */
    private static FlashRun timedProcess(VirtualBoard board, List<String> command, Path log, WrittenBytes written)
            throws IOException, InterruptedException {
        LineStats before = board.lineStats();
        double deviceBefore = deviceSeconds(board);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.to(log.toFile())).start();
        try {
            if (!process.waitFor(TOOL_TIMEOUT_S, TimeUnit.SECONDS)) {
                throw new IllegalStateException(command.get(0) + " did not finish within " + TOOL_TIMEOUT_S + " s: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LineStats after = board.lineStats();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
        }
        return new FlashRun(seconds, wireBytes(before, after), wireSeconds(before, after), written.of(output), 0, "", output,
                after.turnarounds().since(before.turnarounds()), deviceSeconds(board) - deviceBefore);
    }

    /** The busy time the board's flash devices were charged so far. */
    private static double deviceSeconds(VirtualBoard board) {
        long nanos = 0;
        for (DeviceWear device : board.flashWear()) {
            nanos += device.busy().busyNanos();
        }
        return nanos / 1e9;
    }

    private static long wireBytes(LineStats before, LineStats after) {
        return after.toBoard() + after.toHost() - before.toBoard() - before.toHost();
    }

    private static double wireSeconds(LineStats before, LineStats after) {
        return (after.wireNanos() - before.wireNanos()) / 1e9;
    }
}
