package dev.tern.host.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.host.Main;
import dev.tern.host.cli.ExitCodes;
import dev.tern.testsupport.ForkedJvm;

/**
 * Stopping {@code tern monitor} by a signal is its normal end: exit 0, as quitting pio device
 * monitor or miniterm is. Runs the real main in a child JVM and stops it as Ctrl-C does, by a
 * signal that runs the shutdown hooks (SIGTERM here: a child of a background job may have SIGINT
 * ignored, and then no hook would run at all).
 */
@Timeout(60)
class MonitorStopSignalTest {

    @Test
    void aStopSignalEndsTheMonitorWithExitZero() throws Exception {
        try (ServerSocket console = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Process monitor = ForkedJvm.start(Main.class, List.of("monitor", "--port", "socket://127.0.0.1:" + console.getLocalPort()));
            try (Socket board = console.accept();
                    BufferedReader output = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
                board.getOutputStream().write("I 0.000 boot: ready\r\n".getBytes(StandardCharsets.US_ASCII));
                board.getOutputStream().flush();
                StringBuilder seen = new StringBuilder();
                for (String line = output.readLine(); line != null && !line.contains("boot: ready"); line = output.readLine()) {
                    seen.append(line).append('\n');
                }

                monitor.destroy();

                assertTrue(monitor.waitFor(20, TimeUnit.SECONDS), "the monitor ended: " + seen);
                assertEquals(ExitCodes.OK, monitor.exitValue(), seen.toString());
            } finally {
                monitor.destroyForcibly();
            }
        }
    }
}
