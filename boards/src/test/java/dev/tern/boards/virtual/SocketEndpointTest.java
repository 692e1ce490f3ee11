package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The console socket keeps its first host; a second waits for it, a third is told and closed. */
@Timeout(30)
class SocketEndpointTest {

    private static final byte[] ONE = new byte[64];

    @Test
    void theHolderKeepsTheConsoleASecondWaitsAndTakesItOverAThirdIsTurnedAway() throws Exception {
        try (SocketEndpoint console = SocketEndpoint.listen("127.0.0.1", 0)) {
            int port = Integer.parseInt(console.url().substring(console.url().lastIndexOf(':') + 1));
            try (Socket monitor = new Socket("127.0.0.1", port)) {
                console.read(ONE, 0, ONE.length); // the board's pump polls: the monitor is taken
                try (Socket flash = new Socket("127.0.0.1", port)) {
                    console.read(ONE, 0, ONE.length);
                    String told = line(flash.getInputStream());
                    assertEquals("tern sim: console busy: 127.0.0.1:" + monitor.getLocalPort() + " has it (a tern monitor?); this"
                            + " connection gets it when that one closes. To flash and then watch, close the monitor and use"
                            + " 'tern flash --monitor'.", told);

                    try (Socket third = new Socket("127.0.0.1", port)) {
                        console.read(ONE, 0, ONE.length);
                        assertEquals("tern sim: console busy: 127.0.0.1:" + monitor.getLocalPort() + " has it and 127.0.0.1:"
                                + flash.getLocalPort() + " waits for it; close one of them and try again.", line(third.getInputStream()));
                        third.setSoTimeout(5_000);
                        assertEquals(-1, third.getInputStream().read(), "the third is closed");
                    }

                    flash.getOutputStream().write("sent while waiting".getBytes(StandardCharsets.US_ASCII));
                    monitor.getOutputStream().write('m');
                    monitor.getOutputStream().flush();
                    assertEquals("m", readFromHost(console, 1), "the holder still talks to the board");
                    console.write("to-monitor".getBytes(StandardCharsets.US_ASCII), 0, 10);
                    assertEquals("to-monitor", new String(monitor.getInputStream().readNBytes(10), StandardCharsets.US_ASCII));

                    monitor.shutdownOutput(); // the monitor hangs up (its FIN is what the sim sees)
                    awaitEndOfHolder(console);
                    flash.getOutputStream().write('f');
                    flash.getOutputStream().flush();
                    assertEquals("f", readFromHost(console, 1), "taken over, with what it sent while waiting dropped");
                    console.write("to-flash".getBytes(StandardCharsets.US_ASCII), 0, 8);
                    assertEquals("to-flash", new String(flash.getInputStream().readNBytes(8), StandardCharsets.US_ASCII));
                }
            }
        }
    }

    /** Reads until the endpoint noticed the holder closed (its read returns 0 then). */
    private static void awaitEndOfHolder(SocketEndpoint console) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            console.read(ONE, 0, ONE.length);
            Thread.sleep(10);
        }
    }

    private static String readFromHost(SocketEndpoint console, int length) throws IOException, InterruptedException {
        byte[] got = new byte[length];
        int count = 0;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (count < length && System.nanoTime() < deadline) {
            count += console.read(got, count, length - count);
            Thread.sleep(1);
        }
        return new String(got, 0, count, StandardCharsets.US_ASCII);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r"), text);
        return text.substring(0, text.length() - 1);
    }
}
