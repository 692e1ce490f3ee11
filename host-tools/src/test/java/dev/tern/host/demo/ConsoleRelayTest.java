package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.host.monitor.Await;
import dev.tern.host.serial.FakeSerialLink;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConsoleRelayTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private List<String> relay(String consoleBytes, int expectedLines) throws Exception {
        FakeSerialLink[] ends = FakeSerialLink.pair("console");
        ConsoleRelay relay = ConsoleRelay.start(ends[0], lines::add);
        try {
            byte[] bytes = consoleBytes.getBytes(StandardCharsets.ISO_8859_1);
            ends[1].write(bytes, 0, bytes.length);
            Await.until(() -> lines.size() >= expectedLines, Duration.ofSeconds(5), () -> "lines relayed: " + lines);
        } finally {
            relay.close();
        }
        return List.copyOf(lines);
    }

    @Test
    void controlBytesReachTheScreenAsEscapesNotAsThemselves() throws Exception {
        List<String> shown = relay("boot\u001b[2J ok\r\n\u0007bell\tTAB\r\n", 2);
        assertEquals(List.of("boot\\x1b[2J ok", "\\x07bell\tTAB"), shown);
        assertTrue(shown.stream().noneMatch(line -> line.chars().anyMatch(c -> c < 0x20 && c != '\t')), shown.toString());
    }

    @Test
    void aLoneCarriageReturnEndsALineAsInTheMonitor() throws Exception {
        assertEquals(List.of("progress 10%", "progress 20%", "done"), relay("progress 10%\rprogress 20%\rdone\n", 3));
    }

    @Test
    void aPromptWithoutANewlineIsHandedOverWhenTheLineGoesQuiet() throws Exception {
        assertEquals(List.of("> "), relay("> ", 1));
    }
}
