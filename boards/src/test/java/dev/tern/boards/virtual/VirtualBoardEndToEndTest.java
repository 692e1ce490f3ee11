package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tern.boards.definition.Region;
import dev.tern.boards.firmware.ProvisionedFlash;
import dev.tern.boards.firmware.Reading;
import dev.tern.boards.firmware.SensorFirmware;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.virtual.BoardFixture.Started;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;
import dev.tern.testsupport.TestBroker;

/**
 * The whole chain against a real broker (mosquitto and HiveMQ CE): the real sensor firmware jar,
 * signed with a fresh Ed25519 key, in the virtual board's app slot with a config page; the board
 * verifies it (MCUboot), boots it, connects and publishes; an independent subscriber (Paho,
 * persistent session, QoS 2 on {@code <prefix>/#}, subscribed before the board boots) checks
 * the sequence numbers. Issue 4's proof: with a persistent session, power cuts in the middle of
 * QoS 1 and QoS 2 publishing lose no sequence number, and QoS 2 duplicates none; a reboot
 * neither repeats nor skips a sequence number of a QoS 1/2 sensor.
 *
 * <p>The power-cut instants come from {@link #SEED} (system property {@code tern.e2e.seed}).
 */
@Tag("mosquitto")
@Tag("hivemq")
@Timeout(120)
class VirtualBoardEndToEndTest {

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    static final long SEED = Long.getLong("tern.e2e.seed", 0x7E2E_0004L);
    /** A fresh key per run: nothing but this run's image can boot. */
    private static final ImageKey KEY = ImageKey.generate(KeyType.ED25519);
    private static final SensorFirmware FIRMWARE = SensorFirmware.find();

    private static final String[] SENSORS = {"temperature", "humidity", "pressure"};
    private static final int[] QOS = {1, 0, 2};
    private static final int[] INTERVAL_MS = {150, 200, 150};
    private static final int TEMPERATURE = 0;
    private static final int PRESSURE = 2;
    private static final Duration LINE = Duration.ofSeconds(15);
    private static final Duration READINGS = Duration.ofSeconds(20);
    /** The session's device: the virtual board's QSPI dataFlash, in 4 KB subsectors. */
    private static final long DATA_FLASH_BASE = 0x9000_0000L;
    /** Today's SessionStore erases one area (half the session region) per save, then programs the image. */
    /** The session journal's erase unit on the virtual board's QSPI (4 KB): an erase counts its bytes. */
    private static final long UNIT = BoardFixture.VIRTUAL.sessionPageSize();

    @TempDir
    Path folder;

    // ------------------------------------------------------------------ A: boot, connect, publish

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    void theSignedFirmwareBootsConnectsAndPublishesEachSensorAtItsQos(final BrokerKind kind) throws Exception {
        try (Rig rig = Rig.start(kind, "publish", folder)) {
            rig.awaitBanner();
            assertTrue(rig.subscriber.await(r -> count(r, TEMPERATURE) >= 10 && count(r, PRESSURE) >= 10
                    && count(r, 1) >= 3, READINGS), () -> "readings within " + READINGS + ": " + rig.summary());
            rig.stopReadingsAndDrain();

            final List<Executable> checks = new ArrayList<>();
            for (int i = 0; i < SENSORS.length; i++) {
                final SequenceReport report = rig.report(i);
                System.out.println("[e2e " + rig.broker.name() + "] " + report);
                checks.add(() -> assertEquals(List.of(report.configuredQos()), report.qosSeen(),
                        report.sensor() + " arrives at its configured QoS: " + report));
                if (QOS[i] > 0) {
                    checks.add(() -> assertTrue(report.increasing(), "seq increases: " + report));
                    checks.add(() -> assertEquals(List.of(), report.missing(), "seq contiguous from 1: " + report));
                    checks.add(() -> assertEquals(0, report.duplicates(), "no duplicate without a reconnect: " + report));
                } else {
                    checks.add(() -> assertTrue(report.received() > 0, "some QoS 0 readings arrive: " + report));
                }
            }
            checks.add(() -> assertNull(rig.board().failure(), "board failure"));
            checks.add(() -> assertNull(rig.subscriber.lost(), "the subscriber's connection held"));
            checks.add(() -> assertEquals(List.of(), rig.subscriber.unreadable(), "every reading in the firmware's form"));
            assertAll(checks);
        }
    }

    // ------------------------------------------------------------------ B: power cuts at random instants

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    void powerCutsWhilePublishingLoseNoSequenceNumberAndQos2DuplicatesNone(final BrokerKind kind) throws Exception {
        final Random random = new Random(SEED + kind.ordinal());
        final int cuts = 10 + random.nextInt(11);
        final long budget = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        try (Rig rig = Rig.start(kind, "cuts", folder)) {
            rig.awaitBanner();
            assertTrue(rig.subscriber.await(r -> count(r, PRESSURE) >= 3, READINGS), rig::summary);
            int done = 0;
            final StringBuilder instants = new StringBuilder();
            while (done < cuts && System.nanoTime() - budget < 0) {
                final int after = 200 + random.nextInt(601);
                rig.runFor(Duration.ofMillis(after));
                rig.board().cutPower();
                assertEquals(BoardMode.OFF, rig.board().mode(), "cut " + done);
                rig.board().powerOn();
                instants.append(after).append(' ');
                done++;
            }
            System.out.println("[e2e " + rig.broker.name() + "] seed " + SEED + ": " + done + " cuts, ms after each power-on: "
                    + instants.toString().trim());

            // the last life runs on: its readings flow again (the session's in-flight ones resent first)
            final long temperatureBefore = rig.highest(TEMPERATURE);
            final long pressureBefore = rig.highest(PRESSURE);
            final int arrivedBefore = rig.subscriber.readings().size();
            assertTrue(rig.subscriber.await(r -> r.size() >= arrivedBefore + 20, READINGS),
                    () -> "readings after the last power-on: " + rig.summary());
            rig.stopReadingsAndDrain();

            final List<Executable> checks = sequenceChecks(rig);
            checks.add(() -> assertTrue(rig.highest(TEMPERATURE) > 0 && rig.highest(PRESSURE) > 0,
                    "the board published (temperature " + temperatureBefore + ", pressure " + pressureBefore
                            + " before the last life)"));
            assertAll(checks);
        }
    }

    // ------------------------------------------------------------------ C: power cut inside a session save

    static Stream<Arguments> sessionCuts() {
        return Stream.of(
                Arguments.of(BrokerKind.MOSQUITTO, 40L),                 // inside the next save's records
                Arguments.of(BrokerKind.MOSQUITTO, 1_500L),              // some saves on, inside one of them
                Arguments.of(BrokerKind.MOSQUITTO, 3L * UNIT + 100L),    // past at least one unit's erase or more saves
                Arguments.of(BrokerKind.HIVEMQ, 40L));
    }

    @ParameterizedTest(name = "{0}, cut after {1} flash bytes")
    @MethodSource("sessionCuts")
    void powerCutInsideASessionSaveBootsAndResumesTheSession(final BrokerKind kind, final long flashBytes) throws Exception {
        try (Rig rig = Rig.start(kind, "save" + flashBytes, folder)) {
            rig.awaitBanner();
            assertTrue(rig.subscriber.await(r -> count(r, PRESSURE) >= 5, READINGS), rig::summary);

            final Path dataFlash = rig.board().flashFileOf(BoardFixture.VIRTUAL.dataFlash().orElseThrow());
            final byte[] mainBefore = Files.readAllBytes(rig.flashFile);
            final byte[] before = Files.readAllBytes(dataFlash);
            rig.board().cutPowerAfterFlashBytes(flashBytes);
            assertTrue(rig.board().awaitMode(BoardMode.OFF, LINE), "the cut came within " + LINE);
            assertArrayEquals(mainBefore, Files.readAllBytes(rig.flashFile), "the main flash was not written");
            final byte[] after = Files.readAllBytes(dataFlash);
            final Region session = BoardFixture.VIRTUAL.sessionPages();
            final int from = (int) (session.address() - DATA_FLASH_BASE);
            final int to = from + (int) session.size();
            assertArrayEquals(Arrays.copyOf(before, from), Arrays.copyOf(after, from),
                    "only the session region was written: the cut landed in a session save");
            assertArrayEquals(Arrays.copyOfRange(before, to, before.length), Arrays.copyOfRange(after, to, after.length),
                    "only the session region was written: the cut landed in a session save");

            rig.link().discard(Duration.ofMillis(100));
            final int arrivedBefore = rig.subscriber.readings().size();
            rig.board().powerOn();
            rig.link().awaitText("boot: Tern sensor firmware " + FIRMWARE.version() + "\r\n", LINE);
            rig.link().awaitText(" session: ", LINE);
            final String restore = rig.link().awaitText("\r\n", LINE).trim();
            System.out.println("[e2e " + rig.broker.name() + "] cut after " + flashBytes + " flash bytes; at power-on: session: "
                    + restore);
            rig.link().awaitText("ready (type help for commands)\r\n", LINE);
            assertTrue(restore.startsWith("restored: "), "the session stored before the cut is restored: " + restore);

            assertTrue(rig.subscriber.await(r -> r.size() >= arrivedBefore + 15, READINGS),
                    () -> "the board resumes publishing: " + rig.summary());
            rig.stopReadingsAndDrain();
            assertAll(sequenceChecks(rig));
        }
    }

    // ------------------------------------------------------------------ the proof's assertions

    /**
     * For the QoS 1 and QoS 2 sensors: no sequence number lost (received seqs contiguous from 1
     * to the highest), no number reused by a different reading (a reboot neither repeats nor skips),
     * QoS 2: no number received twice; QoS 1 duplicates (the same message again) are reported.
     */
    private static List<Executable> sequenceChecks(final Rig rig) {
        final List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < SENSORS.length; i++) {
            final SequenceReport report = rig.report(i);
            System.out.println("[e2e " + rig.broker.name() + "] " + report);
            if (QOS[i] == 0) {
                continue;
            }
            checks.add(() -> assertEquals(List.of(report.configuredQos()), report.qosSeen(), "arrival QoS: " + report));
            checks.add(() -> assertEquals(List.of(), report.missing(), "no sequence number lost: " + report));
            checks.add(() -> assertEquals(List.of(), report.repeated(),
                    "a reboot repeats no sequence number (different readings with one seq): " + report));
            if (QOS[i] == 2) {
                checks.add(() -> assertEquals(0, report.duplicates(), "QoS 2 duplicates none: " + report));
            }
        }
        checks.add(() -> assertNull(rig.board().failure(), "board failure"));
        checks.add(() -> assertNull(rig.subscriber.lost(), "the subscriber's connection held"));
        return checks;
    }

    private static int count(final List<Reading> readings, final int sensor) {
        int n = 0;
        for (final Reading r : readings) {
            if (r.sensor().equals(SENSORS[sensor])) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ the rig

    /** Broker (shared), subscriber, provisioned flash, board and console: closed together. */
    private static final class Rig implements AutoCloseable {

        final TestBroker broker;
        final ReceivedReadings subscriber;
        final Path flashFile;
        private Started started;

        private Rig(final TestBroker broker, final ReceivedReadings subscriber, final Path flashFile) {
            this.broker = broker;
            this.subscriber = subscriber;
            this.flashFile = flashFile;
        }

        static Rig start(final BrokerKind kind, final String test, final Path folder) throws Exception {
            final TestBroker broker = BROKERS.get(kind);
            final String id = "e2e-" + test + "-" + kind.name().toLowerCase(Locale.ROOT) + "-" + Long.toHexString(System.nanoTime());
            final String prefix = "e2e/" + id;
            final Path flashFile = folder.resolve("flash.bin");
            ProvisionedFlash.write(BoardFixture.VIRTUAL, flashFile, FIRMWARE.signed(KEY), config(broker.port(), id, prefix));
            final Rig rig = new Rig(broker, ReceivedReadings.subscribe(broker.serverUri(), id + "-sub", prefix), flashFile);
            try {
                rig.started = BoardFixture.startConnected(VirtualBoardOptions.of(flashFile, new McubootImageCheck())
                        .trustedKeys(List.of(KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                        .syncWindow(Duration.ofMillis(50))
                        .flashTiming(TimingMode.ACCOUNTED));
                return rig;
            } catch (final IOException | RuntimeException e) {
                rig.close();
                throw e;
            }
        }

        private static String config(final int port, final String id, final String prefix) {
            final StringBuilder lines = new StringBuilder()
                    .append("broker.host=127.0.0.1\n")
                    .append("broker.port=").append(port).append('\n')
                    .append("device.id=").append(id).append('\n')
                    .append("mqtt.clientId=").append(id).append('\n')
                    .append("mqtt.cleanSession=false\n")
                    .append("mqtt.reconnectMin=100\n")
                    .append("mqtt.reconnectMax=1000\n")
                    .append("topic.prefix=").append(prefix).append('\n')
                    .append("log.trace=false\n");
            for (int i = 0; i < SENSORS.length; i++) {
                lines.append("sensor.").append(SENSORS[i]).append(".enabled=true\n")
                        .append("sensor.").append(SENSORS[i]).append(".qos=").append(QOS[i]).append('\n')
                        .append("sensor.").append(SENSORS[i]).append(".interval=").append(INTERVAL_MS[i]).append('\n');
            }
            return lines.toString();
        }

        VirtualBoard board() {
            return started.board();
        }

        HostLink link() {
            return started.link();
        }

        /** Secure boot verified this run's image, the firmware says its version, read its config page, connects. */
        void awaitBanner() throws IOException {
            link().awaitText("boot: image " + FIRMWARE.imageVersion() + "+0 verified (" + KEY.publicOnly() + ")\r\n", LINE);
            link().awaitText("boot: Tern sensor firmware " + FIRMWARE.version() + "\r\n", LINE);
            final String banner = link().awaitText("ready (type help for commands)\r\n", LINE);
            assertTrue(banner.contains("cfg: config page OK"), banner);
            assertTrue(banner.contains("session: none stored: starting a new one"), banner);
            assertTrue(banner.contains("(persistent session)"), banner);
        }

        /** Lets the board run, reading its console meanwhile (kept in the transcript). */
        void runFor(final Duration time) throws IOException, InterruptedException {
            final long end = System.nanoTime() + time.toNanos();
            while (System.nanoTime() - end < 0) {
                link().discard(Duration.ZERO);
                Thread.sleep(Math.min(20, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        }

        /** Stops the readings (the longest interval) and waits until the subscriber hears nothing more. */
        void stopReadingsAndDrain() throws IOException, InterruptedException {
            for (final String sensor : SENSORS) {
                link().sendLine("interval " + sensor + " 86400000");
            }
            assertTrue(subscriber.awaitQuiet(Duration.ofMillis(1500), Duration.ofSeconds(20)),
                    () -> "the readings stop: " + summary());
        }

        long highest(final int sensor) {
            return subscriber.readings(SENSORS[sensor]).stream().mapToLong(Reading::seq).max().orElse(0);
        }

        SequenceReport report(final int sensor) {
            return SequenceReport.of(SENSORS[sensor], QOS[sensor], subscriber.readings(SENSORS[sensor]));
        }

        String summary() {
            final StringBuilder text = new StringBuilder();
            for (int i = 0; i < SENSORS.length; i++) {
                text.append(report(i)).append("; ");
            }
            final String console = link().transcript();
            return text.append("console (last 3000 chars): ")
                    .append(console.substring(Math.max(0, console.length() - 3000))).toString();
        }

        @Override
        public void close() throws IOException {
            try {
                if (started != null) {
                    started.close();
                }
            } finally {
                subscriber.close(); // the broker is the shared fixture's to stop
            }
        }
    }
}
