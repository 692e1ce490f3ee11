package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.firmware.ProvisionedFlash;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.host.Main;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.monitor.Await;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;
import dev.tern.testsupport.TestBroker;
import picocli.CommandLine;

/**
 * tern demo's chain with a stand-in for 'tern flash' (it writes the image and config page into
 * the flash file as the flasher would over AN3155) and mosquitto given with --broker.
 */
@Timeout(120)
class DemoCommandTest {

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    private static final BoardDefinition VIRTUAL = new BoardLoader().load("virtual");

    @TempDir
    Path folder;

    /** Writes the image into the app slot and the settings into the config page, each erased first. */
    static final FlashStep STAND_IN = (tern, request) -> {
        VirtualBoard board = request.board();
        board.cutPower();
        try {
            ProvisionedFlash.write(VIRTUAL, board.flashFile(), Files.readAllBytes(request.image()),
                    String.join("\n", request.settings()) + "\n");
            board.powerOn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ExitCodes.OK;
    };

    static Tern demo(FlashStep flashStep, Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        ((DemoCommand) commandLine.getSubcommands().get("demo").getCommand()).flashStep = flashStep;
        String[] strings = new String[args.length + 1];
        strings[0] = "demo";
        for (int i = 0; i < args.length; i++) {
            strings[i + 1] = args[i].toString();
        }
        int code = commandLine.execute(strings);
        return Tern.of(code, out.toString(), err.toString());
    }

    @Tag("mosquitto")
    @Test
    void bootsTheSignedFirmwareShowsItsHandshakesAndSummarisesEachQos() {
        TestBroker mosquitto = BROKERS.get(BrokerKind.MOSQUITTO);

        Tern tern = demo(STAND_IN, "--calm", "--broker", mosquitto.serverUri(), "--duration", "5s", "--interval", "300",
                "--work-dir", folder);

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        String out = tern.out;
        assertTrue(out.contains("$ tern keygen -o " + folder.resolve("dev-key.pem")), out);
        assertTrue(out.contains("$ tern image sign --key " + folder.resolve("dev-key.pem") + " --version "), out);
        assertTrue(out.contains("demo: using the broker at " + mosquitto.serverUri()), out);
        assertTrue(Pattern.compile("board │ boot: image [0-9.]+\\+0 verified \\(ed25519 key sha256:").matcher(out).find(), out);
        assertTrue(Pattern.compile("board │ I [0-9.]+ boot: Tern sensor firmware ").matcher(out).find(), out);
        assertTrue(Pattern.compile("board │ T [0-9.]+ mqtt: send: publish \\(id=\\d+, qos=2").matcher(out).find(), out);
        assertTrue(Pattern.compile("board │ T [0-9.]+ mqtt: receive: pubcomp \\(id=\\d+\\)").matcher(out).find(), out);
        assertTrue(out.contains("demo: summary after "), out);
        assertTrue(!out.substring(out.indexOf("demo: summary after ")).contains("board │"), "the summary comes last: " + out);
        assertTrue(Pattern.compile("\n  temperature     0 +[1-9]\\d* +\\d+ +\\d+  \\S").matcher(out).find(), out);
        assertTrue(Pattern.compile("\n  humidity        1 +[1-9]\\d* +\\d+ +\\d+  \\S").matcher(out).find(), out);
        assertTrue(Pattern.compile("\n  pressure        2 +[1-9]\\d* +0 +\\d+  \\S").matcher(out).find(), out);
        assertTrue(out.endsWith("demo: PASSED: every sensor's readings arrived at its QoS (temperature=0,humidity=1,pressure=2),"
                + " no duplicate at QoS 2\n"), out);
        assertTrue(Files.exists(folder.resolve("app.bin")), "--work-dir keeps the files");
        assertTrue(Pattern.compile("board │ I [0-9.]+ mqtt: connected to [0-9.:]+ \\(MQTT 5, new session\\)").matcher(out).find(), out);
        assertTrue(out.contains("demo: summary after ") && out.contains(" of readings (board virtual, MQTT 5, broker "), out);
        assertEquals("p5", protocolOnTheWire(mosquitto, out), "MQTT 5 by default");
    }

    @Tag("mosquitto")
    @Test
    void withMqtt311TheBoardConnectsIn311AndTheScreenSaysSo() {
        TestBroker mosquitto = BROKERS.get(BrokerKind.MOSQUITTO);

        Tern tern = demo(STAND_IN, "--calm", "--mqtt", "3.1.1", "--broker", mosquitto.serverUri(), "--duration", "3s",
                "--interval", "300");

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        String out = tern.out;
        assertTrue(Pattern.compile("board │ I [0-9.]+ mqtt: connected to [0-9.:]+ \\(MQTT 3\\.1\\.1, new session\\)").matcher(out).find(),
                out);
        assertTrue(out.contains(" every 300 ms over MQTT 3.1.1"), out);
        assertTrue(out.contains(" of readings (board virtual, MQTT 3.1.1, broker "), "the summary: " + out);
        assertEquals("p2", protocolOnTheWire(mosquitto, out), "mosquitto's p2 is MQTT 3.1.1");
    }

    /**
     * The protocol mosquitto saw the board connect with, from its log line {@code New client connected
     * from ... as demo-9d351d (p5, c0, k60).}: p5 for MQTT 5, p2 for 3.1.1 (mosquitto 2.0.11).
     */
    private static String protocolOnTheWire(TestBroker mosquitto, String out) {
        Matcher device = Pattern.compile("mqtt: connecting to \\S+ as (demo-[0-9a-f]{6}) ").matcher(out);
        assertTrue(device.find(), out);
        Pattern connected = Pattern.compile("New client connected from \\S+ as " + device.group(1) + " \\((p\\d+),");
        // mosquitto writes its log as it goes: the line is there, or comes within moments
        Await.until(() -> connected.matcher(brokerLog(mosquitto)).find(), Duration.ofSeconds(5),
                () -> "mosquitto logging " + device.group(1) + " connecting: " + brokerLog(mosquitto));
        Matcher line = connected.matcher(brokerLog(mosquitto));
        assertTrue(line.find());
        return line.group(1);
    }

    private static String brokerLog(TestBroker mosquitto) {
        try {
            return Files.readString(mosquitto.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theMqttVersionGoesOnTheBoardsConfigPage() {
        TestBroker mosquitto = BROKERS.get(BrokerKind.MOSQUITTO);
        List<List<String>> pages = new ArrayList<>();

        Tern tern = demo((tern1, request) -> {
            pages.add(request.settings());
            return ExitCodes.UNREACHABLE; // ends the run here: the page is what this test is about
        }, "--mqtt", "3.1.1", "--broker", mosquitto.serverUri(), "--duration", "5s");

        assertEquals(ExitCodes.UNREACHABLE, tern.exitCode, tern.toString());
        assertEquals(1, pages.size(), tern.toString());
        assertTrue(pages.get(0).contains("mqtt.version=3.1.1"), pages.toString());
    }

    @Tag("mosquitto")
    @Test
    @Timeout(180)
    void theStoryAgainstAnExternalBrokerSkipsTheRestartAndKeepsEveryPromiseThroughOutageAndPowerCut() throws IOException {
        TestBroker mosquitto = BROKERS.get(BrokerKind.MOSQUITTO);
        Path report = folder.resolve("report.html");

        Tern tern = demo(STAND_IN, "--broker", mosquitto.serverUri(), "--duration", "20s", "--report", report);

        assertEquals(ExitCodes.OK, tern.exitCode, tern.toString());
        String out = tern.out;
        assertTrue(out.contains("demo: no broker restart with an external broker"), out);
        assertTrue(out.contains("demo: step 1 of 2: network outage"), out);
        assertTrue(out.contains("demo: >>> NETWORK OUTAGE"), out);
        assertTrue(out.contains("demo: <<< the link is back"), out);
        assertTrue(out.contains("demo: step 2 of 2: power cut"), out);
        assertTrue(out.contains("demo: <<< power back"), out);
        assertTrue(Pattern.compile("board │ I [0-9.]+ session: restored: \\d+ messages in flight").matcher(out).find(),
                "the session restored from flash after the power cut: " + out);
        assertTrue(out.contains("dup=1, ") && out.contains("<- DUP=1: re-sent"), "the re-send after the outage: " + out);
        assertTrue(Pattern.compile("board │ T [0-9.]+ mqtt: send: pubrel \\(id=\\d+\\)   <- PUBREL re-sent after reconnecting")
                .matcher(out).find(), "the handshake the power cut interrupted, finished after the reboot: " + out);
        String summary = out.substring(out.indexOf("demo: summary after "));
        assertTrue(Pattern.compile("\n  temperature +0 +[1-9]\\d* +[1-9]\\d* +\\d+ +\\d+ +\\d+\n").matcher(summary).find(), summary);
        assertTrue(Pattern.compile("\n  humidity +1 +\\d+ +\\d+ +0 +\\d+ +\\d+\n").matcher(summary).find(), summary);
        assertTrue(Pattern.compile("\n  pressure +2 +(\\d+) +\\1 +0 +0 +\\d+\n").matcher(summary).find(),
                "QoS 2: received = sent, nothing lost, no duplicate: " + summary);
        assertTrue(summary.contains("QoS 2 (pressure): sent "), summary);
        assertTrue(out.contains("demo: PASSED: each QoS kept its promise"), out);
        String page = Files.readString(report);
        assertEquals(3, page.split("<g class=\"timeline\"", -1).length - 1, "a timeline per QoS in the report");
        assertTrue(page.contains("data-fault=\"outage\"") && page.contains("data-fault=\"powercut\""), "both faults shaded");
    }

    @Test
    void aFlashThatFailsEndsTheDemoWithItsExitCodeAndClosesEverything() {
        TestBroker mosquitto = BROKERS.get(BrokerKind.MOSQUITTO);

        Tern tern = demo((tern1, request) -> ExitCodes.UNREACHABLE, "--broker", mosquitto.serverUri(),
                "--duration", "5s");

        assertEquals(ExitCodes.UNREACHABLE, tern.exitCode, tern.toString());
        assertTrue(tern.err.contains("tern demo: flashing the virtual board failed (exit 3, see above)"), tern.err);
        Matcher files = Pattern.compile("demo: files in (\\S+) \\(deleted at the end").matcher(tern.out);
        assertTrue(files.find(), tern.out);
        assertTrue(!Files.exists(Path.of(files.group(1))), "the temporary folder is deleted: " + files.group(1));
    }

    @Test
    void aBrokerNobodyListensOnIsUnreachable() throws IOException {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        Tern tern = demo(STAND_IN, "--broker", "tcp://127.0.0.1:" + port, "--duration", "5s");

        assertEquals(ExitCodes.UNREACHABLE, tern.exitCode, tern.toString());
        assertTrue(tern.err.contains("tern demo: cannot subscribe at tcp://127.0.0.1:" + port), tern.err);
    }

    @Test
    void aBadQosPlanBrokerOrDurationIsAUsageError() {
        Tern plan = Tern.run("demo", "--qos-plan", "humidity=3");
        assertEquals(ExitCodes.USAGE, plan.exitCode, plan.toString());
        assertTrue(plan.err.contains("--qos-plan 'humidity=3': QoS must be 0, 1 or 2"), plan.err);

        Tern broker = Tern.run("demo", "--broker", "localhost:1883");
        assertEquals(ExitCodes.USAGE, broker.exitCode, broker.toString());
        assertTrue(broker.err.contains("--broker localhost:1883: expected tcp://HOST:PORT"), broker.err);

        Tern faults = Tern.run("demo", "--faults", "outage,powrcut");
        assertEquals(ExitCodes.USAGE, faults.exitCode, faults.toString());
        assertTrue(faults.err.contains("--faults 'powrcut': no such fault (choose from outage, restart, powercut)"), faults.err);

        Tern both = Tern.run("demo", "--calm", "--faults", "outage");
        assertEquals(ExitCodes.USAGE, both.exitCode, both.toString());
        assertTrue(both.err.contains("--calm and --faults: choose one"), both.err);

        Tern mqtt = Tern.run("demo", "--mqtt", "4");
        assertEquals(ExitCodes.USAGE, mqtt.exitCode, mqtt.toString());
        assertTrue(mqtt.err.contains("--mqtt 4: expected 5 or 3.1.1"), mqtt.err);

        Tern board = Tern.run("demo", "--board", "nosuch");
        assertEquals(ExitCodes.USAGE, board.exitCode, board.toString());
        assertTrue(board.err.contains("no board 'nosuch'; known boards: "), board.err);

        Tern duration = Tern.run("demo", "--duration", "soon");
        assertEquals(ExitCodes.USAGE, duration.exitCode, duration.toString());
        assertTrue(duration.err.contains("'soon' is not a duration; write a whole number and a unit"), duration.err);
    }

    @Test
    void aWorkFolderThatCannotBeMadeIsAnInputErrorSaidInWords() {
        Tern tern = Tern.run("demo", "--work-dir", "/proc/nope");

        assertEquals(ExitCodes.USAGE, tern.exitCode, tern.toString());
        assertTrue(tern.err.contains("tern demo: --work-dir /proc/nope: /proc is a kernel file system, which holds no files "
                + "of yours; pick a path in an ordinary folder"), tern.err);
    }
}
