package dev.tern.host.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.host.cli.ExitCodes;

/**
 * {@code tern monitor} against the real sensor firmware on a virtual board over its socket
 * console: the boot seen from its first line, a typed command answered, and the board going away
 * and coming back on the same port.
 */
@Timeout(60)
class MonitorEndToEndTest {

    private static final Pattern TIMESTAMPED = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*");

    @TempDir
    Path folder;

    @Test
    void showsTheBootWithTimestampsAndTheFirmwareAnswersATypedStatus() throws Exception {
        Path flash = MonitorTestBoard.provision(folder);
        try (VirtualBoard board = MonitorTestBoard.startInBootloader(flash, 0);
                MonitorRun run = MonitorRun.start("--port", board.consoleUrl(), "--timestamps",
                        "--until", "cmd: version=", "--timeout", "20s")) {
            run.awaitErr("monitor: watching " + board.consoleUrl());
            MonitorTestBoard.boot(board);
            run.awaitOut("boot: ready (type help for commands)");

            run.type("status\n");

            assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
            String out = run.out();
            assertTrue(out.contains(" boot: image " + MonitorTestBoard.FIRMWARE.imageVersion() + "+0 verified"), out);
            assertTrue(out.contains(" boot: Tern sensor firmware "), out);
            assertTrue(out.contains(" cmd: > status"), "the firmware got the typed line: " + out);
            assertTrue(out.lines().allMatch(line -> TIMESTAMPED.matcher(line).matches()), out);
            assertTrue(out.lines().reduce((first, second) -> second).orElseThrow().contains(" cmd: version="), out);
        }
    }

    @Test
    void aBoardThatGoesAwayIsAwaitedAndMonitoredAgainOnTheSamePort() throws Exception {
        Path flash = MonitorTestBoard.provision(folder);
        int port = MonitorTestBoard.freePort();
        String url = "socket://127.0.0.1:" + port;
        VirtualBoard first = MonitorTestBoard.startInBootloader(flash, port);
        try (MonitorRun run = MonitorRun.start("--port", url, "--until", "boot: image", "--timeout", "20s")) {
            run.awaitErr("monitor: watching " + url);

            first.close();
            run.awaitErr("monitor: " + url + " vanished; waiting for it to come back (Ctrl-C to stop)");
            try (VirtualBoard second = MonitorTestBoard.startInBootloader(flash, port)) {
                run.awaitErr("monitor: reconnected to " + url);
                MonitorTestBoard.boot(second);

                assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
                assertTrue(run.out().contains("boot: image " + MonitorTestBoard.FIRMWARE.imageVersion() + "+0 verified"), run::toString);
            }
        } finally {
            first.close();
        }
    }
}
