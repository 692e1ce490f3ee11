package dev.tern.host.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.host.cli.ExitCodes;
import dev.tern.host.serial.FakeSerialLink;
import dev.tern.host.serial.LineSettings;
import dev.tern.host.serial.PortNotFoundException;
import dev.tern.host.serial.SerialLink;

/** The monitor against in-memory links: what it shows, logs, sends, and how it ends. */
@Timeout(20)
class MonitorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:04:31.123Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final FakeSerialLink[] pair = FakeSerialLink.pair("fake");
    private final FakeSerialLink host = pair[0];
    private final FakeSerialLink board = pair[1];

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    private Monitor monitor(MonitorSettings settings) {
        return new Monitor(settings, new PrintWriter(out, true), new PrintWriter(err, true)).clock(CLOCK)
                .retryInterval(Duration.ofMillis(20));
    }

    private Future<Integer> start(Monitor monitor, SerialLink link) {
        return executor.submit(() -> monitor.run(link));
    }

    private static void send(FakeSerialLink end, String text) throws IOException {
        end.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> outLines() {
        return out.toString().lines().toList();
    }

    private static MonitorSettings until(String regex) {
        return MonitorSettings.defaults().withUntil(Pattern.compile(regex)).withTimeout(WAIT);
    }

    @Test
    void untilShowsTheMatchingLineThenExitsZeroShowingNothingAfterIt() throws Exception {
        send(board, "I 0.000 boot: Tern\r\nboot: image 1.0.0+0 verified (test)\r\nI 0.001 boot: after\r\n");

        int code = monitor(until("boot: image")).run(host);

        assertEquals(ExitCodes.OK, code, err::toString);
        assertEquals(List.of("I 0.000 boot: Tern", "boot: image 1.0.0+0 verified (test)"), outLines());
    }

    @Test
    void timeoutWithoutTheUntilLineExitsOneAndSaysWhatWasNotSeen() {
        int code = monitor(MonitorSettings.defaults().withUntil(Pattern.compile("ready")).withTimeout(Duration.ofMillis(300)))
                .run(host);

        assertEquals(ExitCodes.FAILURE, code);
        assertTrue(err.toString().contains("monitor: timed out after 300ms without a line matching ready"), err::toString);
    }

    @Test
    void timeoutWithNoUntilEndsWithZero() throws Exception {
        send(board, "I 0.000 app: one\r\n");

        int code = monitor(MonitorSettings.defaults().withTimeout(Duration.ofMillis(300))).run(host);

        assertEquals(ExitCodes.OK, code);
        assertEquals(List.of("I 0.000 app: one"), outLines());
        assertTrue(err.toString().contains("monitor: stopped after 300ms (--timeout)"), err::toString);
    }

    @Test
    void timestampsAreTheHostTimeOfTheLinesFirstByte() throws Exception {
        send(board, "I 0.000 boot: hi\r\n");

        assertEquals(ExitCodes.OK, monitor(until("hi").withTimestamps(true)).run(host));

        assertEquals(List.of("12:04:31.123 I 0.000 boot: hi"), outLines());
    }

    @Test
    void filtersHideLinesButUntilSeesAndShowsThemAll() throws Exception {
        send(board, "I 0.000 app: info\r\nW 0.001 mqtt: warn\r\nD 0.002 app: debug\r\nI 0.003 cmd: the end\r\n");

        int code = monitor(until("the end").withFilter(LineFilter.of(List.of("W")))).run(host);

        assertEquals(ExitCodes.OK, code);
        assertEquals(List.of("W 0.001 mqtt: warn", "I 0.003 cmd: the end"), outLines());
    }

    @Test
    void hexShowsTheBytesAsRows() throws Exception {
        board.write(new byte[] {0x79, 0x1f, 'O', 'K', '\r', '\n'});

        int code = monitor(MonitorSettings.defaults().withHex(true).withTimeout(Duration.ofMillis(400))).run(host);

        assertEquals(ExitCodes.OK, code);
        assertEquals(List.of("00000000  79 1f 4f 4b 0d 0a                                 |y.OK..|"), outLines(),
                "the partial row is shown when the line goes quiet");
    }

    @Test
    void noColorsUnlessAskedAndColorsWhenAsked() throws Exception {
        send(board, "E 0.000 mqtt: bad\r\n");
        assertEquals(ExitCodes.OK, monitor(until("bad")).run(host));
        assertFalse(out.toString().contains("\u001b"), out::toString);

        FakeSerialLink[] second = FakeSerialLink.pair("fake2");
        send(second[1], "E 0.000 mqtt: bad\r\n");
        out.getBuffer().setLength(0);
        assertEquals(ExitCodes.OK, monitor(until("bad").withColors(true)).run(second[0]));
        assertEquals(LineRenderer.RED + "E 0.000 mqtt: bad" + LineRenderer.RESET, outLines().get(0));
    }

    @Test
    void aVanishedPortIsAwaitedAndMonitoredAgainWhenItComesBack() throws Exception {
        FakeSerialLink[] second = FakeSerialLink.pair("fake");
        send(second[1], "boot: image 2.0.0+0 verified (test)\r\n");
        AtomicInteger attempts = new AtomicInteger();
        Deque<SerialLink> comingBack = new ArrayDeque<>(List.of(second[0]));
        Monitor monitor = monitor(until("boot: image 2")).opener(port -> {
            assertEquals("fake", port);
            if (attempts.incrementAndGet() < 3) {
                throw new PortNotFoundException(port, port + ": not there");
            }
            return comingBack.remove();
        });
        Future<Integer> result = start(monitor, host);

        send(board, "I 0.000 boot: first life\r\nhalf a li");
        Await.until(() -> out.toString().contains("first life"), WAIT, out::toString);
        board.vanish();

        assertEquals(ExitCodes.OK, result.get(WAIT.toSeconds(), TimeUnit.SECONDS), err::toString);
        assertEquals(List.of("I 0.000 boot: first life", "half a li", "boot: image 2.0.0+0 verified (test)"), outLines(),
                "the line cut by the vanishing is shown, not lost");
        String vanished = "monitor: fake vanished; waiting for it to come back (Ctrl-C to stop)";
        assertEquals(1, err.toString().split(Pattern.quote(vanished), -1).length - 1, "said once: " + err);
        assertTrue(err.toString().contains("monitor: reconnected to fake"), err::toString);
        assertEquals(3, attempts.get(), "tried until it came back, then stopped trying");
        assertEquals(LineSettings.of8N1(115_200), second[0].settings(), "the port opened again is set to the line");
    }

    @Test
    void withoutReconnectAVanishedPortExitsThree() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Monitor monitor = monitor(until("never").withReconnect(false)).opener(port -> {
            attempts.incrementAndGet();
            throw new PortNotFoundException(port, "no");
        });
        Future<Integer> result = start(monitor, host);
        send(board, "I 0.000 app: x\r\n");
        Await.until(() -> out.toString().contains("app: x"), WAIT, out::toString);
        board.vanish();

        assertEquals(ExitCodes.UNREACHABLE, result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(err.toString().contains("monitor: fake vanished (fake: the port vanished); not waiting for it (--no-reconnect)"),
                err::toString);
        assertEquals(0, attempts.get());
    }

    @Test
    void typedLinesGoToTheBoardEndedByCrLfAndMonitoringGoesOnAfterEndOfInput() throws Exception {
        Monitor monitor = monitor(until("cmd: after EOF"))
                .typedInput(new ByteArrayInputStream("status\nqos temperature 2\n".getBytes(StandardCharsets.UTF_8)));
        Future<Integer> result = start(monitor, host);

        String expected = "status\r\nqos temperature 2\r\n";
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[64];
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (received.length() < expected.length() && System.nanoTime() - deadline < 0) {
            int n = board.read(buffer, 0, buffer.length, Duration.ofMillis(100));
            received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        assertEquals(expected, received.toString());
        assertFalse(result.isDone(), "the end of typed input does not end the monitor");

        send(board, "I 1.000 cmd: after EOF\r\n");
        assertEquals(ExitCodes.OK, result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void aLineTypedWhileThePortIsAwayIsNotSentAndTheUserIsTold() throws Exception {
        // the monitor is waiting for the port to appear: nothing to send the line to
        Monitor monitor = monitor(MonitorSettings.defaults().withTimeout(WAIT))
                .typedInput(new ByteArrayInputStream("status\n".getBytes(StandardCharsets.UTF_8)))
                .opener(port -> {
                    throw new PortNotFoundException(port, "no");
                });
        Future<Integer> result = executor.submit(() -> monitor.runOnPort("fake", true));
        Await.until(() -> err.toString().contains("waiting for fake to appear"), WAIT, err::toString);
        monitor.stop();
        assertEquals(ExitCodes.OK, result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertFalse(err.toString().contains("watching"), err::toString);
    }

    @Test
    void logFileAppendsEveryLineWithDateAndTimeWhateverTheFilterShows() throws Exception {
        Path log = folder.resolve("board.log");
        Files.writeString(log, "earlier\n");
        send(board, "I 0.000 app: info\r\nE 0.001 app: bad\r\n");

        int code = monitor(until("bad").withFilter(LineFilter.of(List.of("E"))).withLogFile(log)).run(host);

        assertEquals(ExitCodes.OK, code);
        assertEquals(List.of("E 0.001 app: bad"), outLines());
        assertEquals(List.of("earlier",
                "2025-06-01 12:04:31.123 monitor: watching fake (Ctrl-C to stop)",
                "2025-06-01 12:04:31.123 I 0.000 app: info",
                "2025-06-01 12:04:31.123 E 0.001 app: bad"), Files.readAllLines(log));
    }

    @Test
    void aLogFileThatCannotBeOpenedFailsBeforeAnythingIsRead() {
        int code = monitor(MonitorSettings.defaults().withLogFile(folder.resolve("no/such/folder/board.log"))).run(host);

        assertEquals(ExitCodes.FAILURE, code);
        assertTrue(err.toString().contains("monitor: cannot open the log file"), err::toString);
    }

    @Test
    void stopEndsTheMonitorWithZeroAndClosesThePort() throws Exception {
        Monitor monitor = monitor(MonitorSettings.defaults());
        Future<Integer> result = start(monitor, host);
        Await.until(() -> err.toString().contains("watching fake"), WAIT, err::toString);

        monitor.stop();

        assertEquals(ExitCodes.OK, result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertThrows(IOException.class, () -> send(board, "x"), "the port was closed");
    }

    @Test
    void aMissingPortAtTheStartIsAnErrorUnlessTheMonitorIsToldToWait() throws Exception {
        Monitor refused = monitor(MonitorSettings.defaults()).opener(port -> {
            throw new PortNotFoundException(port, port + ": not there");
        });
        assertThrows(PortNotFoundException.class, () -> refused.runOnPort("fake", false));

        send(board, "I 0.000 boot: here\r\n");
        AtomicInteger attempts = new AtomicInteger();
        Monitor waiting = monitor(until("here")).opener(port -> {
            if (attempts.incrementAndGet() < 3) {
                throw new PortNotFoundException(port, "not yet");
            }
            return host;
        });
        assertEquals(ExitCodes.OK, waiting.runOnPort("fake", true));
        assertTrue(err.toString().contains("monitor: waiting for fake to appear (Ctrl-C to stop)"), err::toString);
        assertEquals(List.of("I 0.000 boot: here"), outLines());
    }
}
