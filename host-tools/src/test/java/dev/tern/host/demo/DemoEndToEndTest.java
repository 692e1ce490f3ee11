package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;

/**
 * Issue 5's proof of the calm demo: {@code tern demo --calm --duration 20s}, exactly as a
 * newcomer runs it (embedded HiveMQ CE from demo-lib, a fresh key, the firmware signed and flashed
 * with 'tern flash' over the virtual board's paced serial line), exits 0 and its summary shows
 * readings at QoS 0, 1 and 2 with no duplicate at QoS 2. One run: it takes about a minute.
 */
@Tag("hivemq")
class DemoEndToEndTest {

    /** {@code  sensor  QoS  received  duplicates  gaps  last value} as the summary prints a row. */
    private static Matcher row(String out, String sensor) {
        Matcher m = Pattern.compile("\n  " + sensor + " +(\\S+) +(\\d+) +(\\d+) +(\\d+)  (\\S+)\n")
                .matcher(out.substring(Math.max(0, out.indexOf("demo: summary after "))));
        assertTrue(m.find(), sensor + "'s row in the summary: " + out);
        return m;
    }

    @Test
    @Timeout(180)
    void theDemoFlashesBootsAndReceivesEveryQosWithoutQos2Duplicates() {
        Tern tern = Tern.run("demo", "--calm", "--duration", "20s");

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        String out = tern.out;
        Matcher temperature = row(out, "temperature");
        Matcher humidity = row(out, "humidity");
        Matcher pressure = row(out, "pressure");
        assertAll(
            () -> assertTrue(out.contains("demo: starting HiveMQ CE embedded on tcp://127.0.0.1:"), out),
            () -> assertTrue(out.contains("$ tern flash "), "flashed with the flash command: " + out),
            () -> assertTrue(Pattern.compile("board │ boot: image [0-9.]+\\+0 verified").matcher(out).find(), out),
            () -> assertTrue(Pattern.compile("board │ T [0-9.]+ mqtt: send: pubrel \\(id=\\d+\\)").matcher(out).find(),
                    "the QoS 2 handshake on the console: " + out),
            () -> assertTrue(out.contains("demo: summary after 20 s of readings (board virtual, MQTT 5, broker HiveMQ CE embedded on "), out),
            () -> assertEquals("0", temperature.group(1), "temperature arrives at QoS 0"),
            () -> assertEquals("1", humidity.group(1), "humidity arrives at QoS 1"),
            () -> assertEquals("2", pressure.group(1), "pressure arrives at QoS 2"),
            () -> assertTrue(Integer.parseInt(temperature.group(2)) > 0, "QoS 0 readings received"),
            () -> assertTrue(Integer.parseInt(humidity.group(2)) > 0, "QoS 1 readings received"),
            () -> assertTrue(Integer.parseInt(pressure.group(2)) > 0, "QoS 2 readings received"),
            () -> assertEquals("0", pressure.group(3), "no duplicate at QoS 2"),
            () -> assertTrue(out.contains("demo: PASSED"), out),
            () -> assertFalse((out + tern.err).contains("Exception"), "no stack trace: " + tern));
    }

    /**
     * The restart, which needs the embedded broker (the mosquitto story in DemoCommandTest skips it):
     * HiveMQ CE stopped and started on its data folder, the board's and the subscriber's persistent
     * sessions resumed, every QoS 1/2 reading delivered. About a minute.
     */
    @Test
    @Timeout(240)
    void theBrokerRestartKeepsThePersistentSessionsAndEveryQos1And2Reading() {
        Tern tern = Tern.run("demo", "--faults", "restart", "--duration", "20s");

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        String out = tern.out;
        String summary = out.substring(Math.max(0, out.indexOf("demo: summary after ")));
        assertAll(
            () -> assertTrue(out.contains("demo: >>> BROKER RESTART"), out),
            () -> assertTrue(out.contains("demo: <<< HiveMQ CE is back, the subscriber resumed its session"), out),
            () -> assertTrue(Pattern.compile("board │ I [0-9.]+ mqtt: connected to 127\\.0\\.0\\.1:\\d+ \\(MQTT 5, session present\\)")
                    .matcher(out).find(), "the board's session outlived the restart: " + out),
            () -> assertTrue(out.contains("demo: the board is connected again"), out),
            () -> assertTrue(Pattern.compile("\n  humidity +1 +(\\d+) +\\d+ +0 +\\d+ +\\d+\n").matcher(summary).find(), summary),
            () -> assertTrue(Pattern.compile("\n  pressure +2 +(\\d+) +\\1 +0 +0 +\\d+\n").matcher(summary).find(), summary),
            () -> assertTrue(out.contains("demo: PASSED: each QoS kept its promise"), out),
            () -> assertFalse((out + tern.err).contains("Exception"), "no stack trace: " + tern));
    }

    /**
     * {@code tern demo --tls}: the certificates made with 'tern cert', installed with 'tern flash --ca ...', the
     * board on HiveMQ's TLS listener (client certificates required), through the whole story over TLS: the outage
     * (the proxy loses whole TLS records), the broker restart, and the power cut right after a PUBREL (timed by
     * the board's own tap, as the proxy cannot read TLS); the summary names the protocol, the verified broker
     * and the device. About 90 s.
     */
    @Test
    @Timeout(240)
    void theTlsDemoPlaysTheWholeStoryOverTlsAndSaysWhoIsWho() {
        Tern tern = Tern.run("demo", "--tls");

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        String out = tern.out;
        Matcher device = Pattern.compile("demo: TLS: a development CA, the broker's certificate and the board's \\((\\S+)\\)").matcher(out);
        assertTrue(device.find(), out);
        String summary = out.substring(Math.max(0, out.indexOf("demo: summary after ")));
        assertAll(
            () -> assertTrue(out.contains("$ tern cert ca "), out),
            () -> assertTrue(out.contains("$ tern cert device --board-id " + device.group(1) + " "), out),
            () -> assertTrue(Pattern.compile("\\$ tern flash .* --ca \\S+ca\\.pem --device-cert \\S+device\\.pem --device-key ")
                    .matcher(out).find(), out),
            () -> assertTrue(out.contains("(it passes TLS records it cannot read)"), out),
            () -> assertTrue(Pattern.compile("demo: <<< the link is back \\([1-9]\\d* TLS records lost in the dark").matcher(out).find(),
                    "the outage lost TLS records: " + out),
            () -> assertTrue(Pattern.compile("demo: power cut: the board went dark just after sending PUBREL \\(id=(\\d+)\\)[^\n]*\n"
                    + "(?s:.*)board │ T [0-9.]+ mqtt: send: pubrel \\(id=\\1\\)").matcher(out).find(),
                    "the power cut landed after a PUBREL, which the board sent again after booting: " + out),
            () -> assertTrue(Pattern.compile("\n  humidity +1 +(\\d+) +\\d+ +0 +\\d+ +\\d+\n").matcher(summary).find(),
                    "QoS 1 lost nothing: " + summary),
            () -> assertTrue(Pattern.compile("board │ I [0-9.]+ mqtt: connected to localhost:\\d+ \\(MQTT 5, session present\\)")
                    .matcher(out).find(), "reconnected over TLS after the restart: " + out),
            () -> assertTrue(Pattern.compile("broker HiveMQ CE embedded on tls://localhost:\\d+; TLS: TLSv1\\.3, broker verified as"
                    + " localhost \\(CN=localhost\\), device CN=" + Pattern.quote(device.group(1)) + "\\):").matcher(summary).find(), summary),
            () -> assertTrue(Pattern.compile("\n  pressure +2 +(\\d+) +\\1 +0 +0 +\\d+\n").matcher(summary).find(), summary),
            () -> assertTrue(out.contains("demo: PASSED"), out),
            () -> assertFalse((out + tern.err).contains("PRIVATE KEY"), "no key on the screen"),
            () -> assertFalse((out + tern.err).contains("Exception"), "no stack trace: " + tern));
    }
}
