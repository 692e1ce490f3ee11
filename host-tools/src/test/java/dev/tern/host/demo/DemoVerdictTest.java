package dev.tern.host.demo;

import dev.tern.boards.firmware.Reading;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end of a run: the summary said, PASSED or FAILED naming what broke, the report written either way. */
class DemoVerdictTest {

    private static final String HEADING = DemoVerdict.heading(30, false, "virtual", "5", "tcp://127.0.0.1:1883");

    @TempDir
    Path folder;

    private final StringWriter said = new StringWriter();
    private final LiveScreen screen = new LiveScreen(new PrintWriter(said, true), false, () -> "", List::of);
    private final QosPlan plan = QosPlan.defaults();
    private final ReadingsTable table = new ReadingsTable(plan);
    private final StoryRecord record = new StoryRecord(plan, System.nanoTime() - TimeUnit.SECONDS.toNanos(30));

    /** Readings 1..30 of each sensor at its QoS, once a second, except humidity's {@code humidityLeftOut}. */
    private void readings(long humidityLeftOut) {
        for (int seq = 1; seq <= 30; seq++) {
            for (String sensor : plan.sensors()) {
                if (sensor.equals("humidity") && seq == humidityLeftOut) {
                    continue;
                }
                Reading reading = new Reading(sensor, plan.qos(sensor), seq, false, seq * 1000L, "1");
                table.add(reading);
                record.add(reading, seq * 1000L);
            }
        }
    }

    @Test
    void aStoryThatKeptEveryPromisePassesAfterSayingWhatEachQosDid() throws IOException {
        record.addWindow(new FaultWindow(Fault.OUTAGE, 10_000, 18_000));
        readings(0);
        FaultPlan story = FaultPlan.parse("outage");
        assertEquals(ExitCodes.OK, new DemoVerdict(plan, story, table, record).conclude(screen, HEADING, null, null, null));
        String text = said.toString();
        assertTrue(text.startsWith("demo: summary after 30 s of readings (board virtual, MQTT 5, broker tcp://127.0.0.1:1883):"), text);
        assertTrue(text.contains("Through network outage:"), text);
        assertTrue(text.contains("QoS 1 (humidity): sent 30, received 30: nothing lost"), text);
        assertTrue(text.endsWith("demo: PASSED: each QoS kept its promise (QoS 0 lost readings only during faults, QoS 1 lost"
                + " none, QoS 2 lost none and repeated none) and every reading arrived at its QoS (" + plan + ")\n"), text);
    }

    @Test
    void aQos1LossFailsNamingItAndTheReportSaysSoToo() throws IOException {
        readings(25);
        Path report = folder.resolve("report.html");
        TernException failed = assertThrows(TernException.class,
                () -> new DemoVerdict(plan, FaultPlan.parse("outage"), table, record).conclude(screen, HEADING, null, null, report));
        assertEquals(ExitCodes.FAILURE, failed.exitCode());
        assertTrue(failed.getMessage().startsWith("FAILED: humidity (QoS 1): 1 lost (seq 25)"), failed.getMessage());
        assertTrue(Files.readString(report).contains("FAILED: humidity (QoS 1): 1 lost (seq 25)"), "the report's verdict");
        assertTrue(said.toString().contains("demo: report written to " + report), said.toString());
    }

    @Test
    void theCalmDemoFailsWhenASensorSentNothingAndWhenTheBoardFailed() {
        Reading one = new Reading("temperature", 0, 1, false, 1000, "21.0");
        table.add(one);
        TernException failed = assertThrows(TernException.class, () -> new DemoVerdict(plan, FaultPlan.calm(), table, record)
                .conclude(screen, HEADING, null, new IllegalStateException("flash worn"), null));
        assertTrue(failed.getMessage().contains("humidity: no reading arrived (planned QoS 1)"), failed.getMessage());
        assertTrue(failed.getMessage().endsWith("the virtual board failed: java.lang.IllegalStateException: flash worn"),
                failed.getMessage());
    }

    @Test
    void theHeadingSaysWhenTheRunWasStoppedEarly() {
        assertEquals("demo: summary after 12 s of readings, stopped early (board esp-wrover-kit, MQTT 3.1.1, broker HiveMQ CE embedded"
                + " on tcp://127.0.0.1:5):",
                DemoVerdict.heading(12, true, "esp-wrover-kit", "3.1.1", "HiveMQ CE embedded on tcp://127.0.0.1:5"));
    }
}
