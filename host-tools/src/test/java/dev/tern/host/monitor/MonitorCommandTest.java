package dev.tern.host.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.definition.Parity;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.serial.LineSettings;

/** {@code tern monitor} through the command line: its options, its usage errors, colors, and a missing port. */
@Timeout(30)
class MonitorCommandTest {

    private static final String LINES = "E 0.000 mqtt: refused\r\nI 0.001 app: done\r\n";

    /** A console that sends {@link #LINES} to each host that connects and keeps the connection open. */
    private ServerSocket console;
    private Thread serving;

    @BeforeEach
    void serveAConsole() throws IOException {
        console = new ServerSocket(0, 4, InetAddress.getByName("127.0.0.1"));
        serving = new Thread(() -> {
            while (!console.isClosed()) {
                try {
                    Socket host = console.accept();
                    OutputStream out = host.getOutputStream();
                    out.write(LINES.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "test-console");
        serving.setDaemon(true);
        serving.start();
    }

    @AfterEach
    void stopServing() throws Exception {
        console.close();
        serving.join(5_000);
    }

    private String url() {
        return "socket://127.0.0.1:" + console.getLocalPort();
    }

    @Test
    void helpDocumentsFiltersTypingReconnectAndExitCodes() throws Exception {
        MonitorRun run = MonitorRun.complete("--help");

        assertEquals(ExitCodes.OK, run.exitCode());
        String help = run.out();
        for (String text : new String[] {"--until=REGEX", "--timeout=DURATION", "--filter=LEVEL|TAG", "--hex", "--log-file=FILE",
            "--no-reconnect", "--wait-for-port", "'--filter W' shows warnings and errors", "ended by CR LF",
            "typing ends and monitoring goes on", "NO_COLOR", "Exit codes:", "1 --timeout passed without a line matching --until"}) {
            assertTrue(help.contains(text), text + " in:\n" + help);
        }
    }

    @Test
    void theCommandIsListedByTern() {
        Tern tern = Tern.run("--help");
        assertTrue(tern.out.contains("monitor"), tern::toString);
    }

    @Test
    void untilThroughTheCommandExitsZeroWithoutColorsWhenNotATerminal() throws Exception {
        MonitorRun run = MonitorRun.complete("--port", url(), "--until", "app: done", "--timeout", "20s");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertEquals("E 0.000 mqtt: refused\nI 0.001 app: done\n", run.out().replace(System.lineSeparator(), "\n"));
        assertFalse(run.out().contains("\u001b"), run::toString);
    }

    @Test
    void noColorOnATerminalTurnsColorsOffAndColorAlwaysTurnsThemOn() throws Exception {
        try (MonitorRun noColor = MonitorRun.startOn(Map.of("NO_COLOR", "1"), true, "--port", url(), "--until", "done")) {
            assertEquals(ExitCodes.OK, noColor.exitCode(), noColor::toString);
            assertFalse(noColor.out().contains("\u001b"), noColor::toString);
        }
        try (MonitorRun terminal = MonitorRun.startOn(Map.of(), true, "--port", url(), "--until", "done")) {
            assertEquals(ExitCodes.OK, terminal.exitCode(), terminal::toString);
            assertTrue(terminal.out().contains("\u001b[31mE 0.000 mqtt: refused\u001b[0m"), terminal::toString);
        }
        try (MonitorRun always = MonitorRun.startOn(Map.of("NO_COLOR", ""), false, "--port", url(), "--until", "done",
                "--color=always")) {
            assertEquals(ExitCodes.OK, always.exitCode(), always::toString);
            assertTrue(always.out().contains("\u001b[31mE 0.000 mqtt: refused\u001b[0m"), always::toString);
        }
    }

    @Test
    void timeoutWithoutTheLineExitsOne() throws Exception {
        MonitorRun run = MonitorRun.complete("--port", url(), "--until", "never seen", "--timeout", "500ms");

        assertEquals(ExitCodes.FAILURE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("monitor: timed out after 500ms without a line matching never seen"), run::toString);
    }

    @Test
    void aPortThatIsNotThereExitsThreeAtOnceSayingWhatToCheck() throws Exception {
        String missing = "socket://127.0.0.1:" + MonitorTestBoard.freePort();
        MonitorRun run = MonitorRun.complete("--port", missing);

        assertEquals(ExitCodes.UNREACHABLE, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("tern monitor: " + missing + ": cannot connect"), run::toString);
        assertTrue(run.err().contains("(or give --wait-for-port to wait for it)"), run::toString);
        assertFalse(run.err().contains("waiting"), run::toString);
    }

    @Test
    void badValuesAreUsageErrors() throws Exception {
        String[][] cases = {
            {"--timeout", "soon"},
            {"--timeout", "0s"},
            {"--until", "("},
            {"--hex", "--until", "x"},
            {"--hex", "--filter", "W"},
            {"--color", "sometimes"},
            {"--filter", ""},
            {"--baud", "0"},
        };
        for (String[] bad : cases) {
            Object[] args = new Object[bad.length + 2];
            args[0] = "--port";
            args[1] = url();
            System.arraycopy(bad, 0, args, 2, bad.length);
            MonitorRun run = MonitorRun.complete(args);
            assertEquals(ExitCodes.USAGE, run.exitCode(), String.join(" ", bad) + ": " + run);
            assertTrue(run.err().contains("Run 'tern monitor --help' for usage."), run::toString);
        }
        MonitorRun garbage = MonitorRun.complete("--port", url(), "--timeout", "soon");
        assertTrue(garbage.err().contains("'soon' is not a duration; write a whole number and a unit: 500ms, 30s, 2m, 1h"),
                garbage::toString);
    }

    @Test
    void aBadBaudSaysWhatABaudRateIs() throws Exception {
        for (String baud : new String[] {"0", "-5", "99999999999", "fast"}) {
            MonitorRun run = MonitorRun.complete("--port", url(), "--baud", baud);
            assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
            assertTrue(run.err().contains("Invalid value for option '--baud': '" + baud + "' is not a baud rate: give a whole "
                    + "number from 1 to 12000000, e.g. 115200"), run::toString);
        }
    }

    @Test
    void aBadUntilRegexIsOneLineWithThePatternAndThePosition() throws Exception {
        MonitorRun run = MonitorRun.complete("--port", url(), "--until", "boot: (image");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("Invalid value for option '--until': 'boot: (image' is not a valid regex: unclosed group "
                + "at position 12"), run::toString);
        assertFalse(run.err().contains("PatternSyntaxException"), run::toString);
        assertEquals(2, run.err().lines().count(), run::toString);
    }

    @Test
    void anUnknownFilterTagNamesTheKnownOnesAndTheNearest() throws Exception {
        MonitorRun run = MonitorRun.complete("--port", url(), "--filter", "mqqt");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--filter mqqt: no such level or tag (did you mean mqtt?); the levels: E W I D T"), run::toString);
        assertTrue(run.err().contains("the tags: boot, cfg, session, mqtt, app, cmd, fault"), run::toString);
    }

    @Test
    void aLogFileThatCannotBeWrittenIsAnInputErrorSaidInWords() throws Exception {
        MonitorRun run = MonitorRun.complete("--port", url(), "--log-file", "/proc/x");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertEquals("tern monitor: --log-file /proc/x: /proc is a kernel file system, which holds no files of yours; pick a "
                + "path in an ordinary folder", run.err().strip());
    }

    @Test
    void theBaudHelpNamesNoBoardOptionMonitorLacks() {
        Tern help = Tern.run("monitor", "--help");

        assertTrue(help.out.contains("115200 where there is no --board"), help.out);
        assertFalse(help.out.contains("(default: the board definition's)"), help.out);
    }

    @Test
    void theLineIsTheBoardsConsoleAtItsSpeedAndFormatUnlessBaudIsGiven() {
        assertEquals(LineSettings.of8N1(115200), MonitorCommand.consoleLine(null, null), "no board: 115200 8N1");
        assertEquals(LineSettings.of8N1(115200), MonitorCommand.consoleLine(new BoardLoader().load("esp-wrover-kit"), null));
        Properties slow = new BoardLoader().load("esp-wrover-kit").toProperties();
        slow.setProperty("console.baud", "74880"); // an ESP32 on a 26 MHz crystal speaks at 74880 from its ROM
        slow.setProperty("console.parity", "even");
        BoardDefinition board = BoardLoader.fromProperties("slow console", slow);

        LineSettings line = MonitorCommand.consoleLine(board, null);
        assertEquals(74880, line.baud());
        assertEquals(Parity.EVEN, line.parity());
        LineSettings given = MonitorCommand.consoleLine(board, 9600);
        assertEquals(9600, given.baud(), "--baud wins");
        assertEquals(Parity.EVEN, given.parity(), "the board's format stays");
    }

    @Test
    void anUnknownBoardIsAUsageErrorNamingTheOneMeantAndABoardFromTernBoardIsSaid() throws Exception {
        MonitorRun typo = MonitorRun.complete("--port", url(), "--board", "esp-wroverkit", "--timeout", "2s");
        assertEquals(ExitCodes.USAGE, typo.exitCode(), typo::toString);
        assertTrue(typo.err().contains("no board 'esp-wroverkit' (did you mean esp-wrover-kit?); known boards: "), typo::toString);

        MonitorRun none = MonitorRun.startOn(Map.of(), false, "--port", url(), "--until", "app: done", "--timeout", "10s");
        assertEquals(ExitCodes.OK, none.exitCode(), none::toString);
        assertFalse(none.err().contains("monitor: board "), "no board named anywhere: none said " + none);

        MonitorRun fromEnvironment = MonitorRun.startOn(Map.of("TERN_BOARD", "esp-wrover-kit"), false, "--port", url(),
                "--until", "app: done", "--timeout", "10s");
        assertEquals(ExitCodes.OK, fromEnvironment.exitCode(), fromEnvironment::toString);
        assertTrue(fromEnvironment.err().contains("monitor: board esp-wrover-kit (TERN_BOARD)\n"), fromEnvironment::toString);

        MonitorRun badEnvironment = MonitorRun.startOn(Map.of("TERN_BOARD", "esp32"), false, "--port", url(), "--timeout", "2s");
        assertEquals(ExitCodes.USAGE, badEnvironment.exitCode(), badEnvironment::toString);
        assertTrue(badEnvironment.err().contains("no board 'esp32' (did you mean esp-wrover-kit?)"), badEnvironment::toString);
    }

    @Test
    void aMalformedPortNameIsAUsageError() throws Exception {
        MonitorRun run = MonitorRun.complete("--port", "socket://nohost");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("'socket://nohost' needs a host and a port"), run::toString);
    }
}
