package dev.tern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.tern.hal.Sensors;
import dev.tern.hal.testing.LoopbackBroker;
import dev.tern.mqtt.client.MqttConfig;

/** The sensor app on a fake board with an in-memory broker. */
class SensorAppTest {

    static final Pattern READING = Pattern.compile("\\{\"seq\":(\\d+),\"t\":(\\d+),\"v\":(-?\\d+(?:\\.\\d+)?)\\}");
    static final Pattern LINE = Pattern.compile("[EWIDT] \\d+\\.\\d{3} [a-z]+: .*");

    private final LoopbackBroker broker = new LoopbackBroker();
    private final RecordingTransport wire = new RecordingTransport(broker);
    private final FakeBoard board = new FakeBoard("virtual", wire);
    private final SensorApp app = new SensorApp();

    private void runFor(long millis) {
        long end = board.clock + millis;
        while (board.clock < end) {
            board.clock += 10;
            app.step(board.clock);
        }
    }

    /** The readings on a topic that were sent for the first time, in order. */
    private List<RecordingTransport.Published> firstSends(String topic) {
        List<RecordingTransport.Published> result = new ArrayList<>();
        for (RecordingTransport.Published p : wire.on(topic)) {
            if (!p.dup()) {
                result.add(p);
            }
        }
        return result;
    }

    static long seq(String payload) {
        Matcher m = READING.matcher(payload);
        assertTrue(m.matches(), payload);
        return Long.parseLong(m.group(1));
    }

    @Test
    void bootBannerShowsVersionBoardConfigAndSession() {
        board.config("sensor.temperature.qos=2");
        app.boot(board);

        String version = FirmwareVersion.read();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), "the build filtered the version: " + version);
        assertEquals(version, app.version());
        List<String> boot = board.console.messages('I', "boot");
        assertEquals("Tern sensor firmware " + version, boot.get(0));
        assertEquals("board virtual, device virtual", boot.get(1));
        List<String> cfg = board.console.messages('I', "cfg");
        assertEquals("config page OK: 1 settings applied", cfg.get(0));
        assertTrue(cfg.contains("sensor.temperature: enabled=true qos=2 interval=5000 topic=tern/virtual/temperature"), cfg::toString);
        assertTrue(cfg.contains("broker.host=127.0.0.1 broker.port=1883"), cfg::toString);
        assertEquals(List.of("none stored: starting a new one"), board.console.messages('I', "session"));
        assertEquals("127.0.0.1", board.transportHost);
        assertEquals(1883, board.transportPort);
        assertEquals(1, board.transportsMade);
        for (String line : board.console.lines()) {
            assertTrue(LINE.matcher(line).matches(), line);
        }
    }

    @Test
    void corruptPageAndUnknownKeysAreReportedOnTheConsole() {
        board.config("foo.bar=1", "sensor.humidity.qos=7", "broker.port=1999");
        app.boot(board);
        assertEquals(List.of("unknown key foo.bar ignored (line \"foo.bar=1\")",
                "bad value for sensor.humidity.qos, default kept (line \"sensor.humidity.qos=7\")"),
                board.console.messages('W', "cfg"));
        assertEquals(1999, board.transportPort);

        FakeBoard corrupt = new FakeBoard("virtual", new LoopbackBroker()).config("broker.port=1999");
        byte[] flip = {(byte) 0xFE};
        corrupt.configPage.program(RegionFrame.CRC_OFFSET, flip, 0, 1); // clears a bit of the CRC
        new SensorApp().boot(corrupt);
        assertEquals(List.of("config page corrupt (BAD_CRC): ignored, compiled defaults in effect;"
                + " write it again with tern flash --set or --config"), corrupt.console.messages('E', "cfg"));
        assertEquals(1883, corrupt.transportPort);
    }

    @Test
    void connectsWithMqtt5UnlessThePageAsksFor311AndSaysWhichOnTheConsole() {
        app.boot(board);
        runFor(200);
        assertEquals(List.of(5), wire.connectLevels, "CONNECT's Protocol Level by default");
        assertTrue(board.console.messages('I', "mqtt").contains("connecting to 127.0.0.1:1883 as virtual with MQTT 5 (persistent session)"),
                board.console.lines()::toString);
        assertTrue(board.console.messages('I', "mqtt").contains("connected to 127.0.0.1:1883 (MQTT 5, new session)"),
                board.console.lines()::toString);
        assertTrue(board.console.messages('I', "cfg").contains("mqtt.version=5 mqtt.sessionExpiry=never mqtt.topicAliases=4"),
                board.console.lines()::toString);

        RecordingTransport wire311 = new RecordingTransport(new LoopbackBroker());
        FakeBoard board311 = new FakeBoard("virtual", wire311).config("mqtt.version=3.1.1");
        SensorApp app311 = new SensorApp();
        app311.boot(board311);
        for (int i = 1; i <= 20; i++) {
            app311.step(board311.clock += 10);
        }
        assertEquals(List.of(4), wire311.connectLevels, "CONNECT's Protocol Level with mqtt.version=3.1.1");
        assertTrue(board311.console.messages('I', "mqtt").contains("connected to 127.0.0.1:1883 (MQTT 3.1.1, new session)"),
                board311.console.lines()::toString);
    }

    @Test
    void theEnginesDefaultSizingKeepsTheVersionThePageAskedFor() {
        // a sizing the session storage cannot hold: the engine refuses it, the app retries with the defaults
        board.config("mqtt.version=3.1.1", "mqtt.outgoingSlots=1024", "mqtt.maxPacketSize=65535");
        app.boot(board);
        runFor(200);
        assertTrue(board.console.messages('W', "mqtt").contains("trying the engine's default sizing"), board.console.lines()::toString);
        assertEquals(List.of(4), wire.connectLevels);
    }

    @Test
    void aBadProtocolVersionIsWarnedWithTheAcceptedValuesAndMqtt5IsKept() {
        board.config("mqtt.version=3", "mqtt.sessionExpiry=forever", "mqtt.topicAliases=65");
        app.boot(board);
        runFor(200);
        assertEquals(List.of(
                "bad value for mqtt.version (accepted: 5 or 3.1.1), default kept (line \"mqtt.version=3\")",
                "bad value for mqtt.sessionExpiry (accepted: seconds 0..4294967295 or never), default kept"
                        + " (line \"mqtt.sessionExpiry=forever\")",
                "bad value for mqtt.topicAliases (accepted: 0..64), default kept (line \"mqtt.topicAliases=65\")"),
                board.console.messages('W', "cfg"));
        assertEquals(5, app.config().mqtt.protocolVersion);
        assertEquals(MqttConfig.SESSION_NEVER_EXPIRES, app.config().mqtt.sessionExpirySeconds);
        assertEquals(List.of(5), wire.connectLevels);
        assertTrue(board.console.messages('I', "mqtt").contains("connected to 127.0.0.1:1883 (MQTT 5, new session)"),
                board.console.lines()::toString);
    }

    @Test
    void aRebootNeitherRepeatsNorSkipsTheSeqOfQos1And2Readings() {
        String[] settings = {"sensor.temperature.qos=1", "sensor.humidity.qos=2", "sensor.pressure.enabled=false",
                "sensor.temperature.interval=100", "sensor.humidity.interval=150"};
        board.config(settings);
        app.boot(board);
        runFor(1000);
        long lastTemperature = app.sequence(0);
        long lastHumidity = app.sequence(1);
        assertTrue(lastTemperature >= 5 && lastHumidity >= 3, lastTemperature + " " + lastHumidity);

        // power cut: a new board with what the session flash holds, a new app on it
        RecordingTransport rewired = new RecordingTransport(new LoopbackBroker());
        FakeBoard rebooted = new FakeBoard("virtual", rewired).config(settings);
        System.arraycopy(board.sessionStorage.cells(), 0, rebooted.sessionStorage.cells(), 0,
                board.sessionStorage.cells().length);
        rebooted.clock = board.clock;
        SensorApp second = new SensorApp();
        second.boot(rebooted);
        assertTrue(rebooted.console.messages('I', "app").contains("sequence numbers resume after temperature="
                + lastTemperature + " humidity=" + lastHumidity + " pressure=0"), rebooted.console.messages('I', "app")::toString);
        for (int i = 0; i < 100; i++) {
            rebooted.clock += 10;
            second.step(rebooted.clock);
        }

        List<Long> temperature = rewired.on("tern/virtual/temperature").stream().filter(p -> !p.dup())
                .map(p -> seq(p.payload())).toList();
        List<Long> humidity = rewired.on("tern/virtual/humidity").stream().filter(p -> !p.dup())
                .map(p -> seq(p.payload())).toList();
        assertEquals(lastTemperature + 1, temperature.get(0), temperature::toString);
        assertEquals(lastHumidity + 1, humidity.get(0), humidity::toString);
    }

    @Test
    void failedSessionSavesAreLoggedAndReadingsResumeWhenTheFlashWorksAgain() {
        board.config("sensor.temperature.qos=1", "sensor.temperature.interval=100", "sensor.humidity.enabled=false",
                "sensor.pressure.enabled=false");
        app.boot(board);
        runFor(500);
        long before = app.sequence(0);
        assertTrue(before >= 1, "no reading before the failure");

        board.sessionStorage.failWritesFrom(1);
        runFor(1000);
        assertTrue(board.console.messages('E', "session").stream().anyMatch(m -> m.startsWith("session not stored (")),
                board.console.messages('E', "session")::toString);
        assertEquals(before, app.sequence(0), "a reading was accepted while its session could not be stored");
        assertTrue(board.console.messages('E', "session").size() <= 5, "the engine backs off between saves: "
                + board.console.messages('E', "session"));

        board.sessionStorage.stopFailingWrites();
        runFor(1000);
        assertTrue(app.sequence(0) > before, "readings did not resume");
        List<Long> seqs = firstSends("tern/virtual/temperature").stream().map(p -> seq(p.payload())).toList();
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(i + 1, seqs.get(i), "a seq skipped or repeated: " + seqs);
        }
    }

    @Test
    void aWornOutSessionFlashIsSaidPlainlyAndNoReadingIsClaimedStored() {
        board.config("sensor.temperature.qos=1", "sensor.temperature.interval=100", "sensor.humidity.enabled=false",
                "sensor.pressure.enabled=false");
        app.boot(board);
        runFor(500);
        for (int page = 0; page < board.sessionStorage.size() / board.sessionStorage.pageSize(); page++) {
            board.sessionStorage.failErases(page); // every erase leaves bits at 0: the cells are worn out
        }
        runFor(120_000);
        List<String> errors = board.console.messages('E', "session");
        assertTrue(errors.stream().anyMatch(m -> m.startsWith("session flash worn out (")), errors::toString);
        long worn = app.sequence(0);
        runFor(5_000);
        assertEquals(worn, app.sequence(0), "a reading was accepted after the store said the flash is worn");
    }

    @Test
    void publishesEachSensorAtItsQosWithIncreasingSeq() {
        board.config("sensor.temperature.qos=2", "sensor.humidity.qos=1", "sensor.pressure.qos=0",
                "sensor.temperature.interval=100", "sensor.humidity.interval=200", "sensor.pressure.interval=300");
        app.boot(board);
        runFor(3000);

        int[] qos = {2, 1, 0};
        String[] topics = {"tern/virtual/temperature", "tern/virtual/humidity", "tern/virtual/pressure"};
        int[] atLeast = {25, 12, 8};
        for (int s = 0; s < 3; s++) {
            List<RecordingTransport.Published> sent = firstSends(topics[s]);
            assertTrue(sent.size() >= atLeast[s], topics[s] + ": " + sent.size());
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(qos[s], sent.get(i).qos(), topics[s]);
                assertEquals(i + 1, seq(sent.get(i).payload()), topics[s]);
            }
            assertEquals(sent.size(), app.sequence(s));
        }
        Matcher first = READING.matcher(firstSends(topics[0]).get(0).payload());
        assertTrue(first.matches());
        assertEquals("23.15", first.group(3));
        assertTrue(firstSends(topics[2]).get(0).payload().endsWith(",\"v\":101325}"));
        assertEquals(0, app.client().inflight());
    }

    @Test
    void traceLinesAreTheTutorialsHandshake() {
        board.config("sensor.temperature.enabled=false", "sensor.humidity.enabled=false", "sensor.pressure.qos=2",
                "sensor.pressure.interval=100");
        app.boot(board);
        runFor(350);

        List<String> trace = board.console.messages('T', "mqtt");
        // the second reading: the first one shares its poll with the SUBACK
        RecordingTransport.Published reading = wire.on("tern/virtual/pressure").get(1);
        int id = reading.packetId();
        int start = trace.indexOf("send: publish (id=" + id + ", qos=2, dup=0, " + reading.length() + " B)");
        assertTrue(start >= 0, trace::toString);
        assertEquals(List.of(
                "send: publish (id=" + id + ", qos=2, dup=0, " + reading.length() + " B)",
                "receive: pubrec (id=" + id + ")",
                "send: pubrel (id=" + id + ")",
                "receive: pubcomp (id=" + id + ")"), trace.subList(start, start + 4));
        assertEquals("send: connect", trace.get(0));
        assertEquals("receive: connack", trace.get(1));
        assertTrue(trace.contains("send: subscribe (id=1)"), trace::toString);
    }

    @Test
    void traceOffLeavesOnlyLevelledLines() {
        board.config("log.trace=off");
        app.boot(board);
        runFor(500);
        assertEquals(List.of(), board.console.messages('T', "mqtt"));
        assertTrue(board.console.messages('I', "mqtt").contains("connected to 127.0.0.1:1883 (MQTT 5, new session)"));
    }

    @Test
    void consoleBootloaderEntersTheBootloaderAndStopsStepping() {
        app.boot(board);
        runFor(100);
        board.console.type("bootloader");
        app.step(board.clock += 10);
        assertEquals(1, board.bootloaderEntries);
        assertEquals(0, board.resets);
        assertEquals(0, app.step(board.clock += 10));
        assertTrue(board.console.messages('I', "cmd").contains("entering the bootloader"));
    }

    @Test
    void consoleResetAndRebootResetTheBoard() {
        app.boot(board);
        board.console.type("reboot");
        app.step(board.clock += 10);
        assertEquals(1, board.resets);
        assertEquals(0, board.bootloaderEntries);
    }

    @Test
    void consoleCommandsChangeQosAndIntervalAndReportStatus() {
        board.config("sensor.humidity.enabled=false", "sensor.pressure.enabled=false", "sensor.temperature.qos=0",
                "sensor.temperature.interval=100");
        app.boot(board);
        runFor(300);
        board.console.type("qos temperature 2");
        board.console.type("interval temperature 50");
        board.console.type("status");
        board.console.type("help");
        board.console.type("frobnicate");
        board.console.type("qos wind 2");
        runFor(300);

        List<String> cmd = board.console.messages('I', "cmd");
        assertTrue(cmd.contains("temperature qos 2"), cmd::toString);
        assertTrue(cmd.contains("temperature interval 50 ms"), cmd::toString);
        String status = cmd.stream().filter(l -> l.startsWith("version=")).findFirst().orElseThrow();
        assertTrue(status.contains(" state=connected mqtt.version=5 "), status);
        assertTrue(status.contains(" temperature.seq=3,qos=2"), status);
        assertTrue(cmd.stream().anyMatch(l -> l.startsWith("status | qos <sensor>")), cmd::toString);
        assertEquals(List.of("unknown command frobnicate (type help)",
                "usage: qos <temperature|humidity|pressure> <0|1|2>"), board.console.messages('W', "cmd"));
        List<RecordingTransport.Published> sent = firstSends("tern/virtual/temperature");
        assertEquals(0, sent.get(2).qos());
        assertEquals(2, sent.get(3).qos());
        assertTrue(sent.size() >= 3 + 5, "interval 50 ms: " + sent.size());
    }

    @Test
    void qos2ReadingIsResentWithDupAfterAReconnectAndSeqGoesOn() {
        board.config("sensor.temperature.enabled=false", "sensor.humidity.enabled=false", "sensor.pressure.qos=2",
                "sensor.pressure.interval=100", "mqtt.reconnectMin=20", "mqtt.reconnectMax=20");
        app.boot(board);
        runFor(250);
        wire.failAfterNextPublish(2);
        runFor(1000);

        assertEquals(1, wire.failures);
        List<RecordingTransport.Published> all = wire.on("tern/virtual/pressure");
        List<RecordingTransport.Published> dups = all.stream().filter(RecordingTransport.Published::dup).toList();
        assertEquals(1, dups.size(), all::toString);
        RecordingTransport.Published resent = dups.get(0);
        RecordingTransport.Published original = all.get(all.indexOf(resent) - 1);
        assertEquals(original.packetId(), resent.packetId());
        assertEquals(original.payload(), resent.payload());
        List<RecordingTransport.Published> firsts = firstSends("tern/virtual/pressure");
        for (int i = 0; i < firsts.size(); i++) {
            assertEquals(i + 1, seq(firsts.get(i).payload()));
        }
        assertEquals(1, app.client().counters().reconnects);
        assertTrue(board.console.messages('I', "mqtt").contains("connected to 127.0.0.1:1883 (MQTT 5, session present)"));
        assertTrue(board.console.messages('T', "mqtt").contains(
                "send: publish (id=" + resent.packetId() + ", qos=2, dup=1, " + resent.length() + " B)"));
    }

    @Test
    void anUnavailableSensorIsWarnedOnceAndSkipsNoSeq() {
        board.config("sensor.humidity.interval=100", "sensor.temperature.enabled=false", "sensor.pressure.enabled=false");
        board.sensors.values[Sensors.HUMIDITY] = Sensors.UNAVAILABLE;
        app.boot(board);
        runFor(500);
        assertEquals(List.of("humidity sensor does not answer"), board.console.messages('W', "app"));
        assertEquals(0, app.sequence(Sensors.HUMIDITY));
        board.sensors.values[Sensors.HUMIDITY] = 4000;
        runFor(300);
        assertEquals(1, seq(firstSends("tern/virtual/humidity").get(0).payload()));
        assertFalse(firstSends("tern/virtual/humidity").isEmpty());
    }

    @Test
    void readingsTakenOfflineAreQueuedAndKeepTheirSeq() {
        board.config("sensor.temperature.qos=1", "sensor.temperature.interval=100", "sensor.humidity.enabled=false",
                "sensor.pressure.enabled=false", "broker.port=1");
        board.transport = new RecordingTransport(new dev.tern.hal.Transport() {
            public int connect() { return FAILED; }
            public int read(byte[] b, int o, int l) { return FAILED; }
            public int write(byte[] b, int o, int l) { return FAILED; }
            public void close() { }
        });
        app.boot(board);
        runFor(1000);
        assertTrue(app.sequence(0) >= 9, "readings queued while offline: " + app.sequence(0));
        assertEquals(app.sequence(0), app.client().queued());
        assertTrue(board.console.messages('W', "mqtt").contains("cannot connect to 127.0.0.1:1 (TRANSPORT_FAILED), trying again"),
                board.console.lines()::toString);
    }

    @Test
    void aTransportThatSaysWhyItFailedHasTheReasonOnTheConsole() {
        board.config("broker.host=localhost", "broker.port=8883");
        board.transport = new RefusingTlsTransport();
        app.boot(board);
        runFor(1000);
        assertTrue(board.console.messages('W', "mqtt").contains(
                "cannot connect to localhost:8883 (TRANSPORT_FAILED: TLS_UNTRUSTED_BROKER), trying again"),
                board.console.lines()::toString);
    }

    /** A transport whose every connect fails and that says why, as a TLS board's does (dev.tern.hal.FailureReason). */
    private static final class RefusingTlsTransport implements dev.tern.hal.Transport, dev.tern.hal.FailureReason {
        private int failure = NONE;

        public int connect() {
            failure = -501;
            return FAILED;
        }

        public int read(byte[] b, int o, int l) { return FAILED; }

        public int write(byte[] b, int o, int l) { return FAILED; }

        public void close() { }

        public int lastFailure() {
            return failure;
        }

        public String failureName(int status) {
            return -501 == status ? "TLS_UNTRUSTED_BROKER" : "OTHER";
        }
    }
}
