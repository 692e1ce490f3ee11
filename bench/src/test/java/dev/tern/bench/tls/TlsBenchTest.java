package dev.tern.bench.tls;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.bench.ResultLine;

/**
 * The tls suite run tiny (2 handshakes per row, 200 messages, 1 round): it exits 0 and its RESULT
 * line holds every figure, each a positive number. Times are never asserted.
 */
@Tag("mosquitto")
@Timeout(120)
class TlsBenchTest {

    @Test
    void aTinyRunReportsEveryFigure() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = TlsBench.run(new String[] {"--quick", "--handshakes", "2", "--messages", "200", "--rounds", "1"});
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        String result = output.lines().filter(l -> l.startsWith(ResultLine.PREFIX)).findFirst().orElse("");
        assertAll(
                () -> assertEquals(0, exit, "exit status"),
                () -> assertTrue(result.contains("\"ok\":true"), result),
                () -> assertEquals(8, count(result, "\"connection\":\""), "2 keys x 2 protocols x full and second"),
                () -> assertEquals(4, count(result, "\"negotiated\":\"TLSv1.2\""), "TLS 1.2 asked: full and second, 2 keys"),
                () -> assertPositive(result, "bytesSent", 8),
                () -> assertPositive(result, "bytesReceived", 8),
                () -> assertPositive(result, "ms", 8),
                () -> assertPositive(result, "plainMessagesPerSecond", 1),
                () -> assertPositive(result, "tlsMessagesPerSecond", 1),
                () -> assertPositive(result, "ratio", 1),
                () -> assertPositive(result, "tlsJolBytes", 1),
                () -> assertPositive(result, "tlsOwnedBytes", 1),
                () -> assertPositive(result, "tlsBufferBytes", 1),
                () -> assertPositive(result, "plainJolBytes", 1),
                () -> assertPositive(result, "plainOwnedBytes", 1));
    }

    /** {@code "key":N} or {@code "key":{"median":N}} appears {@code times} times, each N above 0. */
    private static void assertPositive(String result, String key, int times) {
        Matcher m = Pattern.compile("\"" + key + "\":(?:\\{\"median\":)?(-?[0-9.]+)").matcher(result);
        int found = 0;
        while (m.find()) {
            found++;
            assertTrue(Double.parseDouble(m.group(1)) > 0, key + " = " + m.group(1));
        }
        assertEquals(times, found, key + " in " + result);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
