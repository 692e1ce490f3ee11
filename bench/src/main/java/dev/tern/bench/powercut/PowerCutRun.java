package dev.tern.bench.powercut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tern.bench.MqttVersion;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.firmware.ProvisionedFlash;
import dev.tern.boards.firmware.SensorFirmware;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.virtual.BoardMode;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.testsupport.TestBroker;

/**
 * One powercut run: the real sensor firmware, signed and flashed into a virtual board, publishes
 * numbered readings (temperature at QoS 1, pressure at QoS 2, every few tens of milliseconds)
 * with a persistent session to a real broker; an independent Paho subscriber counts them. The
 * board's power is cut again and again, at a random instant or inside a flash write (after a
 * random number of erased or programmed bytes: a half-erased 4 KB unit of the session journal
 * on the QSPI dataFlash, or a partly programmed record), then powered on; each boot must restore
 * the session and carry on. What each restore dropped comes from the boot's console line
 * {@code session: restore dropped ...}. The flash is timed for real (the board thread sleeps
 * each erase's and program's typical time), as the virtual board runs by default.
 */
public final class PowerCutRun {

    private static final BoardDefinition VIRTUAL = new BoardLoader().load("virtual");
    static final String[] SENSORS = {"temperature", "pressure"};
    static final int[] QOS = {1, 2};
    private static final int INTERVAL_MS = 40;
    /** The journal's erase unit on the virtual board's dataFlash; a new unit is erased, then records are programmed into it. */
    private static final int UNIT = 4 * 1024;
    /** Beyond two units' worth: the records of a save or two. */
    private static final int PROGRAM_SPAN = 400;
    private static final Pattern DROPPED = Pattern.compile(
            "restore dropped (\\d+) torn save\\(s\\) at the tail \\(cut by power\\), (\\d+) save\\(s\\) with a bad CRC");
    private static final Duration BOOT = Duration.ofSeconds(20);
    private static final Duration CUT_LANDS = Duration.ofSeconds(5);

    private final MqttVersion mqtt;
    private final int cuts;
    private final long seed;
    private final TestBroker broker;
    private final Path folder;
    private final StringBuilder problems = new StringBuilder();

    private PowerCutRun(MqttVersion mqtt, int cuts, long seed, TestBroker broker, Path folder) {
        this.mqtt = mqtt;
        this.cuts = cuts;
        this.seed = seed;
        this.broker = broker;
        this.folder = folder;
    }

    /**
     * Runs {@code cuts} power cuts against {@code broker}, the firmware set to speak {@code mqtt}
     * (its {@code mqtt.version} key), the flash file in {@code folder}.
     */
    public static PowerCutResult run(MqttVersion mqtt, int cuts, long seed, TestBroker broker, Path folder)
            throws Exception {
        return new PowerCutRun(mqtt, cuts, seed, broker, folder).run();
    }

    private PowerCutResult run() throws Exception {
        long started = System.nanoTime();
        Random random = new Random(seed);
        String id = "powercut-" + Long.toHexString(System.nanoTime());
        String prefix = "tern/" + id;
        // a folder per run: a second run (the other MQTT version) must not boot on the first one's session
        Path flashFile = Files.createTempDirectory(folder, "firmware-").resolve("flash.bin");
        ImageKey key = ImageKey.generate(KeyType.ED25519);
        ProvisionedFlash.write(VIRTUAL, flashFile, SensorFirmware.find().signed(key), config(broker.port(), id, prefix, mqtt));
        int instant = 0;
        int inFlash = 0;
        int tornTail = 0;
        int badCrc = 0;
        int boots = 0;
        int restored = 0;
        int noneStored = 0;
        int unusable = 0;
        int silent = 0;
        try (Readings readings = Readings.subscribe(broker.serverUri(), id + "-sub", prefix);
             VirtualBoard board = VirtualBoard.start(VirtualBoardOptions.of(flashFile, new McubootImageCheck())
                     .trustedKeys(List.of(key.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                     .syncWindow(Duration.ofMillis(50)));
             Console console = Console.connect(board.consoleUrl())) {
            if (!awaitReadings(readings, 5, BOOT)) {
                problem("no readings within " + BOOT.toSeconds() + " s of the first boot; console: " + console.tail(1500));
            }
            for (int cut = 0; cut < cuts && problems.length() == 0; cut++) {
                Thread.sleep(50 + random.nextInt(400));
                boolean flash = random.nextBoolean();
                boolean landed = false;
                if (flash) {
                    // the byte stream is erases (4 KB each) and records between them: a cut lands in either
                    long bytes = 1 + random.nextInt(2 * UNIT + PROGRAM_SPAN);
                    board.cutPowerAfterFlashBytes(bytes);
                    landed = board.awaitMode(BoardMode.OFF, CUT_LANDS);
                }
                if (landed) {
                    inFlash++;
                } else {
                    board.cutPower();
                    instant++;
                }
                int mark = console.mark();
                board.powerOn();
                boots++;
                String line = console.awaitLine(" session: ", mark, BOOT);
                if (line == null) {
                    silent++;
                    problem("boot " + boots + " said nothing about its session within " + BOOT.toSeconds() + " s; console: "
                            + console.tail(1500));
                } else if (line.contains("restored: ")) {
                    restored++;
                } else if (line.contains("none stored")) {
                    noneStored++;
                } else {
                    unusable++;
                }
                if (line != null && console.awaitLine(" mqtt: connecting to ", mark, BOOT) != null) {
                    // the restore report's line, when there is one, comes between the two
                    String dropped = console.awaitLine("restore dropped ", mark, Duration.ZERO);
                    Matcher m = dropped == null ? null : DROPPED.matcher(dropped);
                    if (m != null && m.find()) {
                        tornTail += Integer.parseInt(m.group(1));
                        badCrc += Integer.parseInt(m.group(2));
                    }
                }
            }
            // the last life runs on: what the session held goes out, new readings follow
            int before = readings.count();
            if (!awaitReadings(readings, before + 20, BOOT)) {
                problem("the board did not publish after its last power-on");
            }
            for (String sensor : SENSORS) {
                console.sendLine("interval " + sensor + " 86400000");
            }
            awaitQuiet(readings, Duration.ofMillis(2000), Duration.ofSeconds(30));
            if (board.failure() != null) {
                problem("the virtual board failed: " + board.failure());
            }
            if (readings.lostConnection() != null) {
                problem("the subscriber lost its own connection: " + readings.lostConnection());
            }
            List<Readings.Report> reports = List.of(readings.report(SENSORS[0], QOS[0]), readings.report(SENSORS[1], QOS[1]));
            return new PowerCutResult(mqtt, instant + inFlash, instant, inFlash, tornTail, badCrc, boots, restored, noneStored, unusable,
                    silent, reports, (System.nanoTime() - started) / 1e9, problems.toString());
        }
    }

    private static String config(int port, String id, String prefix, MqttVersion mqtt) {
        StringBuilder lines = new StringBuilder()
                .append("broker.host=127.0.0.1\n")
                .append("broker.port=").append(port).append('\n')
                .append("device.id=").append(id).append('\n')
                .append("mqtt.clientId=").append(id).append('\n')
                .append("mqtt.cleanSession=false\n")
                .append("mqtt.version=").append(mqtt.label()).append('\n')
                .append("mqtt.reconnectMin=50\n")
                .append("mqtt.reconnectMax=500\n")
                .append("topic.prefix=").append(prefix).append('\n')
                .append("log.trace=false\n")
                .append("sensor.humidity.enabled=false\n");
        for (int i = 0; i < SENSORS.length; i++) {
            lines.append("sensor.").append(SENSORS[i]).append(".enabled=true\n")
                    .append("sensor.").append(SENSORS[i]).append(".qos=").append(QOS[i]).append('\n')
                    .append("sensor.").append(SENSORS[i]).append(".interval=").append(INTERVAL_MS).append('\n');
        }
        return lines.toString();
    }

    private static boolean awaitReadings(Readings readings, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readings.count() < count) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static void awaitQuiet(Readings readings, Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int count = readings.count();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
            int now = readings.count();
            if (now != count) {
                count = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= quiet.toNanos()) {
                return;
            }
        }
    }

    private void problem(String text) {
        if (problems.length() > 0) {
            problems.append("; ");
        }
        problems.append(text);
    }
}
