package dev.tern.host.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.eclipse.paho.client.mqttv3.MqttException;

import dev.tern.app.AppConfig;
import dev.tern.boards.firmware.ReadingSubscriber;
import dev.tern.boards.virtual.BoardMode;
import dev.tern.boards.virtual.ConsoleEndpoint;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.host.cli.Durations;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.StopSignal;
import dev.tern.host.cli.TernException;
import dev.tern.host.serial.SerialLinks;
import dev.tern.proxy.FaultProxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tern demo}: the whole chain with no hardware. An embedded broker, a virtual board, a
 * development key, the firmware signed and flashed over the board's serial line, its console,
 * and a live table of the readings a subscriber receives at QoS 0, 1 and 2.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        header = "See what QoS 0, 1 and 2 do when the link, the broker or the power fails: a board flashed, booted and"
                + " publishing, no hardware, nothing to install.",
        description = {
            "Tells what each QoS does when things go wrong: after 10 s of readings, a network outage (a proxy between board"
                + " and broker cuts the board off for 8 s), a broker restart (persistent sessions kept) and a power cut in the"
                + " middle of a QoS 2 handshake, each announced as it happens, with the board's packet trace around it, a live"
                + " table per sensor and QoS (sent, received, lost, duplicates, after a fault, and why) and a closing summary."
                + " On a terminal the keys o, r, p inflict a fault now, q ends. --calm: no fault; --faults chooses.",
            "",
            "Starts HiveMQ CE embedded on 127.0.0.1 (or uses --broker), a virtual board (--board) with its console on a "
                + "local socket paced to 115200 baud, makes a development key, signs the firmware tern was built "
                + "with, flashes it with 'tern flash' (config page: the broker, each sensor's QoS, the packet trace), "
                + "shows the board's console and a table of the readings a subscriber (QoS 2) receives: per sensor "
                + "the QoS they arrived at, how many, duplicates, gaps and the last value.",
            "",
            "The story ends by itself (about a minute; --duration fits it to another length), the calm demo on Ctrl-C or after"
                + " --duration. Exit 0 when each QoS kept its promise (QoS 0: losses only during a fault; QoS 1: nothing lost;"
                + " QoS 2: nothing lost, no duplicate) and the readings arrived at their QoS, 1 otherwise (saying what broke).",
            "",
            "Its files (key, image, flash, broker log) are in a temporary folder deleted at the end, or in --work-dir.",
        })
public final class DemoCommand implements Callable<Integer> {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(20);

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "TIME", converter = Durations.class,
            description = "The story: fit its calm stretches so it takes about TIME (at least 3 s each; default about 60 s)."
                    + " --calm: stop after the board has published for TIME, e.g. 30s (default: until Ctrl-C).")
    Duration duration;

    @Option(names = "--broker", paramLabel = "tcp://HOST:PORT", description = "Use this MQTT broker instead of the embedded one.")
    String broker;

    @Option(names = "--qos-plan", paramLabel = "SENSOR=QOS,...", defaultValue = QosPlan.DEFAULT,
            description = "Each sensor's QoS (default ${DEFAULT-VALUE}).")
    String qosPlan;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "1000",
            description = "Milliseconds between two readings of a sensor (default ${DEFAULT-VALUE}).")
    int intervalMillis;

    @Option(names = "--mqtt", paramLabel = "VERSION", defaultValue = "5",
            description = "The MQTT version the board speaks: 5 or 3.1.1 (default ${DEFAULT-VALUE}; its config key mqtt.version).")
    String mqttVersion;

    @Option(names = "--board", paramLabel = "ID", defaultValue = "virtual",
            description = "The board the virtual board simulates: virtual (an STM32F746 with its AN3155 ROM bootloader),"
                    + " esp-wrover-kit (an ESP32 flashed over its ROM's serial protocol), or another one 'tern sim --board'"
                    + " takes. Default ${DEFAULT-VALUE}.")
    String boardId;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Keep the key, image, flash file and broker log in DIR (default: a temporary folder, deleted at the end).")
    Path workDir;

    @Option(names = "--calm", description = "No fault: readings on a perfect network, until Ctrl-C or --duration.")
    boolean calm;

    @Option(names = "--faults", paramLabel = "FAULT,...",
            description = "The faults of the story, in order: outage, restart, powercut (default: all three).")
    String faults;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write the run as a self-contained HTML page: a timeline per QoS with the readings and the faults.")
    Path report;

    @Option(names = "--tls", description = "The board talks to HiveMQ CE over TLS with a device certificate: 'tern cert' makes a"
            + " development CA, the broker's certificate (localhost) and the board's (its device id), 'tern flash --ca ...'"
            + " installs the board's part in its credentials region, and HiveMQ's TLS listener requires client certificates."
            + " The whole story is played over TLS.")
    boolean tls;

    @Option(names = "--stub", paramLabel = "FILE",
            description = "ESP32 boards: 'tern flash --stub FILE', esptool's flasher stub to write through (default: the esptool"
                    + " installed here, as 'tern flash' finds it).")
    Path stubFile;

    /** How the image reaches the board: 'tern flash' (a test may put a stand-in here). */
    FlashStep flashStep = FlashStep.TERN_FLASH;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        QosPlan plan = plan();
        URI brokerUri = brokerUri();
        FaultPlan faultPlan = faultPlan();
        DemoBoard demoBoard = DemoBoard.of(boardId);
        checkMqttVersion();
        if (tls && brokerUri != null) {
            throw new ParameterException(spec.commandLine(), "--tls runs its own HiveMQ CE with a TLS listener: not with --broker");
        }
        if (intervalMillis < 10 || intervalMillis > 86_400_000) {
            throw new ParameterException(spec.commandLine(), "--interval " + intervalMillis + ": 10..86400000 milliseconds");
        }
        ReadingsTable table = new ReadingsTable(plan);
        StoryRecord record = new StoryRecord(plan, System.nanoTime());
        ReadingsClock clock = new ReadingsClock();
        boolean terminal = LiveScreen.terminalWanted();
        KeyPresses keys = faultPlan.isCalm() || !terminal ? KeyPresses.none() : KeyPresses.fromTerminal(System.in);
        LiveScreen screen = new LiveScreen(out, terminal, () -> clock.heading(!faultPlan.isCalm(), duration, mqttVersion),
                faultPlan.isCalm() ? table::render : () -> StoryTable.render(record.outcomes(), keys));
        WorkFolder work = WorkFolder.open(workDir);
        try (StopSignal stop = StopSignal.install(() -> screen.say("demo: Ctrl-C: stopping the board, the subscriber and the broker"));
             keys) {
            StartedParts started = new StartedParts(screen);
            try {
                screen.say(work.describe());
                return run(new Run(plan, faultPlan, table, record, keys, demoBoard, clock), brokerUri, screen, started,
                        work.path(), stop);
            } finally {
                screen.endLive();
                started.close();
                work.cleanUp(screen);
            }
        }
    }

    /** What one run of the demo plays and records. */
    private record Run(QosPlan plan, FaultPlan faults, ReadingsTable table, StoryRecord record, KeyPresses keys,
            DemoBoard board, ReadingsClock clock) {
    }

    private int run(Run demo, URI brokerUri, LiveScreen screen, StartedParts started, Path work, StopSignal stop)
            throws Exception {
        QosPlan plan = demo.plan();
        ReadingsTable table = demo.table();
        StoryRecord record = demo.record();
        FaultPlan faultPlan = demo.faults();
        DemoBoard demoBoard = demo.board();
        PrintWriter out = spec.commandLine().getOut();
        TernCommands tern = new TernCommands(spec.root(), out, spec.commandLine().getErr(), screen::say);

        String device = BoardSettings.newDevice();
        DemoTls demoTls = null;
        if (tls) {
            screen.say("demo: TLS: a development CA, the broker's certificate and the board's (" + device + ")");
            demoTls = DemoTls.make(tern, work, device);
        }

        // 1. the broker
        String brokerHost;
        int brokerPort;
        int tlsPort = -1;
        EmbeddedBroker embedded = null;
        if (brokerUri == null) {
            brokerHost = LOOPBACK;
            brokerPort = freePort();
            DemoBrokerLoader loader = DemoBrokerLoader.besideTern();
            DemoBrokerLoader.Tls listener = null;
            if (demoTls != null) {
                tlsPort = freePort();
                listener = demoTls.listener(tlsPort);
            }
            screen.say("demo: starting HiveMQ CE embedded on tcp://" + brokerHost + ":" + brokerPort
                    + (listener == null ? "" : " and, requiring client certificates, tls://" + DemoTls.BROKER_HOST + ":" + tlsPort)
                    + " (its log: " + work.resolve("broker").resolve("hivemq.log") + "; sessions persist in its data folder)");
            embedded = EmbeddedBroker.start(loader, brokerHost, brokerPort, work.resolve("broker"), listener);
            started.add(embedded);
        } else {
            brokerHost = brokerUri.getHost();
            brokerPort = brokerUri.getPort();
            screen.say("demo: using the broker at " + brokerUri);
            if (faultPlan.faults().contains(Fault.RESTART)) {
                faultPlan = faultPlan.without(Fault.RESTART);
                screen.say("demo: no broker restart with an external broker (the demo does not control it): skipped;"
                        + " the outage and the power cut still happen (the proxy sits in front of any broker)");
            }
        }
        String serverUri = "tcp://" + brokerHost + ":" + brokerPort;
        if (stop.requested()) {
            return stopped(screen);
        }

        // 2. a development key and the signed firmware
        SignedImage signed = SignedImage.make(tern, work, screen);

        // 3. the subscriber, before the board publishes anything
        String prefix = BoardSettings.topicPrefix(device);
        ReadingSubscriber subscriber;
        try {
            subscriber = ReadingSubscriber.subscribe(serverUri, device + "-watcher", prefix, true, reading -> {
                table.add(reading);
                record.add(reading);
            });
        } catch (MqttException e) {
            throw new TernException(ExitCodes.UNREACHABLE, "cannot subscribe at " + serverUri + ": " + e.getMessage()
                    + (brokerUri == null ? "" : " (is the broker running there?)"), e);
        }
        started.add(subscriber);
        screen.say("demo: subscribed to " + prefix + "/+ at QoS 2, persistent session (each reading arrives at the QoS the"
                + " board sends it with)");

        // the fault proxy between the board and the broker: the outage cuts there, the power cut is timed there
        // (over TLS it passes whole TLS records, and the board's own PubrelWatch times the power cut)
        FaultProxy proxy = null;
        PubrelWatch pubrelWatch = null;
        if (!faultPlan.isCalm()) {
            proxy = demoTls == null ? FaultProxy.start(brokerHost, brokerPort).recording(false)
                    : FaultProxy.startForTls(brokerHost, tlsPort);
            started.add(proxy);
            screen.say("demo: fault proxy on " + proxy.host() + ":" + proxy.port() + " in front of "
                    + (demoTls == null ? serverUri : "tls://" + DemoTls.BROKER_HOST + ":" + tlsPort + " (it passes TLS records"
                    + " it cannot read)") + ": the board connects through it; faults to come: " + faultPlan);
            if (demoTls != null) {
                pubrelWatch = new PubrelWatch();
            }
        }

        // 4. the virtual board, held in its ROM loader by its boot pin as a real one would be for flashing
        VirtualBoardOptions boardOptions = VirtualBoardOptions.of(work.resolve("virtual-board.flash"), new McubootImageCheck())
                .board(demoBoard.definition()) // DemoBoard.of checked that the virtual board can be it
                .console(ConsoleEndpoint.socket(LOOPBACK, 0))
                .baudPacing(demoBoard.consoleBaud())
                .bootloaderGetChecksum(true) // as newer STM32 bootloaders: tern flash verifies by CRC, not by reading back
                .trustedKeys(List.of(Files.readAllBytes(signed.publicKey())))
                .boot0(true);
        VirtualBoard board = VirtualBoard.start(demoTls == null ? boardOptions : boardOptions.tlsFromCredentialsRegion());
        started.add(board);
        board.tapTransport(pubrelWatch);
        screen.say("demo: virtual board (" + demoBoard.id() + ") console at " + board.consoleUrl() + " ("
                + demoBoard.heldForFlashing() + "; paced to " + demoBoard.consoleBaud() + " baud; it trusts "
                + signed.publicKey().getFileName() + ")");
        if (stop.requested()) {
            return stopped(screen);
        }

        // 5. flash it over the serial line, with the config page
        List<String> settings = demoTls != null ? BoardSettings.of(DemoTls.BROKER_HOST, proxy == null ? tlsPort : proxy.port(),
                device, proxy != null, plan, intervalMillis, mqttVersion)
                : proxy == null ? BoardSettings.of(brokerHost, brokerPort, device, false, plan, intervalMillis, mqttVersion)
                : BoardSettings.of(proxy.host(), proxy.port(), device, true, plan, intervalMillis, mqttVersion);
        List<String> flashOptions = new ArrayList<>(demoTls == null ? List.of() : demoTls.flashOptions());
        if (demoBoard.esp() && stubFile != null) {
            flashOptions.addAll(List.of("--stub", stubFile.toString()));
        }
        int flashed = flashStep.flash(tern, new FlashStep.Request(signed.image(), signed.publicKey(), board, demoBoard, settings,
                flashOptions));
        if (flashed != ExitCodes.OK) {
            throw new TernException(flashed, "flashing the virtual board failed (exit " + flashed + ", see above)"
                    + (tern.has("flash") ? "" : "; this tern has no 'flash' command yet"));
        }
        if (stop.requested()) {
            return stopped(screen);
        }

        // 6. watch its console from a reset with the boot pin released: secure boot, the firmware's banner, the QoS handshakes
        StoryConsole storyConsole = new StoryConsole(record, screen::board, faultPlan.isCalm());
        ConsoleRelay console = ConsoleRelay.start(SerialLinks.open(board.consoleUrl()), storyConsole);
        started.add(console);
        board.boot0(false);
        screen.say("demo: " + demoBoard.release());
        record.startClock();
        board.reset();
        if (!board.awaitMode(BoardMode.RUNNING, BOOT_TIMEOUT)) {
            Thread.sleep(300); // let the console say why
            throw new TernException(ExitCodes.FAILURE, "the board did not boot the flashed image within " + BOOT_TIMEOUT.toSeconds()
                    + " s (it is " + board.mode() + "; its console above says why)");
        }

        // 7. the readings, until the story ends, Ctrl-C or the duration is over
        demo.clock().start();
        String publishing = "demo: the board publishes " + plan + " every " + intervalMillis + " ms over MQTT " + mqttVersion;
        boolean interrupted;
        if (faultPlan.isCalm()) {
            screen.say(publishing + (duration == null ? "; Ctrl-C ends the demo" : "; the demo ends after " + duration.toSeconds() + " s"));
            screen.startLive();
            interrupted = CalmWatch.watch(screen, stop, board, duration);
        } else {
            FaultActions actions = new FaultActions(record, storyConsole, screen, proxy, embedded, subscriber, board, pubrelWatch);
            interrupted = StoryRun.play(actions, console, screen, stop, demo.keys(), faultPlan, duration, publishing);
        }
        console.close(); // the summary comes last, after the board's lines
        screen.endLive();
        record.closeAll();
        String heading = DemoVerdict.heading(demo.clock().seconds(), interrupted, demoBoard.id(), mqttVersion,
                (brokerUri == null ? "HiveMQ CE embedded on " : "") + (demoTls == null ? serverUri
                        : "tls://" + DemoTls.BROKER_HOST + ":" + tlsPort + "; " + DemoTls.describe(board.tlsSession())));
        return new DemoVerdict(plan, faultPlan, table, record).conclude(screen, heading, subscriber.lost(), board.failure(), report);
    }

    private FaultPlan faultPlan() {
        if (calm && faults != null) {
            throw new ParameterException(spec.commandLine(), "--calm and --faults: choose one (--calm is no fault at all)");
        }
        if (calm) {
            return FaultPlan.calm();
        }
        try {
            return FaultPlan.parse(faults == null ? FaultPlan.ALL : faults);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--faults " + e.getMessage());
        }
    }

    /** --mqtt takes what the board's mqtt.version key takes, worded as the board words it. */
    private void checkMqttVersion() {
        if (AppConfig.OK != new AppConfig(boardId).set("mqtt.version", mqttVersion)) {
            throw new ParameterException(spec.commandLine(), "--mqtt " + mqttVersion + ": expected "
                    + AppConfig.acceptedValues("mqtt.version"));
        }
    }

    private int stopped(LiveScreen screen) {
        screen.say("demo: stopped (Ctrl-C) before the board published");
        return ExitCodes.FAILURE;
    }

    private QosPlan plan() {
        try {
            return QosPlan.parse(qosPlan);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--qos-plan " + e.getMessage());
        }
    }

    private URI brokerUri() {
        if (broker == null) {
            return null;
        }
        try {
            URI uri = new URI(broker);
            if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
                throw new URISyntaxException(broker, "not tcp://HOST:PORT");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--broker " + broker + ": expected tcp://HOST:PORT, e.g. tcp://127.0.0.1:1883");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return probe.getLocalPort();
        }
    }

}
