package dev.tern.bench.powercut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

import dev.tern.bench.MqttVersion;
import dev.tern.bench.SessionFlash;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.virtual.SocketTransport;
import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.session.RestoreReport;
import dev.tern.mqtt.session.SessionStatus;
import dev.tern.testsupport.TestBroker;

/**
 * Power cuts on one board's flash model, in process: the engine sized by the board's
 * EngineSizing, persistent session, its session region on the board's session device
 * ({@link SessionFlash}), publishes numbered messages at QoS 1 and QoS 2 through a real broker and
 * receives numbered QoS 2 messages from a broker-side publisher; an independent subscriber counts
 * what it published. Each life ends in a power cut ({@link CutPlan}); a reboot is the power back
 * and a new engine on the same flash. A last life runs uncut until everything owed arrived.
 */
final class BoardCutRun {

    static final String QOS1 = "qos1";
    static final String QOS2 = "qos2";
    private static final long LIFE_LIMIT_NANOS = 20_000_000_000L;
    private static final long DRAIN_NANOS = 30_000_000_000L;
    /**
     * Messages published and not yet counted by the subscriber, at most: mosquitto drops QoS 1/2
     * messages for a client beyond max_queued_messages (1,000 by default), which would show as
     * losses that are not the engine's.
     */
    private static final int AHEAD_OF_SUBSCRIBER = 200;

    private final BoardDefinition board;
    private final MqttVersion mqtt;
    private final int cuts;
    private final Random random;
    private final TestBroker broker;
    private final Path folder;
    private final String id;
    private final String prefix;
    private final long started = System.nanoTime();
    private final Ledger qos1 = new Ledger();
    private final Ledger qos2 = new Ledger();
    private final EngineSide engineSide = new EngineSide();
    private final CutTally tally = new CutTally();
    private final List<String> problems = new ArrayList<>();
    private final RestoreTotals reports = new RestoreTotals();
    private Readings readings;
    /** One line per life, shown when a flow broke its guarantee. */
    private final StringBuilder trail = new StringBuilder();
    private int boots;
    private int restoresOk;
    private int refused;

    private final Consumer<FlashMemory> afterEachCut;

    private BoardCutRun(BoardDefinition board, MqttVersion mqtt, int cuts, long seed, TestBroker broker, Path folder,
                        Consumer<FlashMemory> afterEachCut) {
        this.afterEachCut = afterEachCut;
        this.board = board;
        this.mqtt = mqtt;
        this.cuts = cuts;
        this.random = new Random(seed);
        this.broker = broker;
        this.folder = folder;
        this.id = "pc-" + board.id() + "-" + Long.toHexString(System.nanoTime());
        this.prefix = "tern/" + id;
    }

    static BoardCutResult run(BoardDefinition board, MqttVersion mqtt, int cuts, long seed, TestBroker broker, Path folder)
            throws Exception {
        return new BoardCutRun(board, mqtt, cuts, seed, broker, folder, flash -> { }).run();
    }

    /** A run whose flash suffers {@code afterEachCut} while the power is off (a test breaks the store with it). */
    static BoardCutResult run(BoardDefinition board, MqttVersion mqtt, int cuts, long seed, TestBroker broker, Path folder,
                              Consumer<FlashMemory> afterEachCut) throws Exception {
        return new BoardCutRun(board, mqtt, cuts, seed, broker, folder, afterEachCut).run();
    }

    private BoardCutResult run() throws Exception {
        MqttConfig config = mqtt.applyTo(board.engine().toConfig());
        config.clientId = id.getBytes(StandardCharsets.US_ASCII);
        config.cleanSession = false;
        config.reconnectMinMillis = 20;
        config.reconnectMaxMillis = 200;
        SocketTransport transport = new SocketTransport(broker.host(), broker.port());
        try (Readings subscriber = Readings.subscribe(broker.serverUri(), id + "-sub", prefix);
             BrokerSidePublisher downstream = BrokerSidePublisher.connect(broker.serverUri(), id + "-pub", prefix + "/down/reading");
             // a flash of its own per run: with --mqtt both the second version must not boot on the first
             // one's session, nor count its erases
             SessionFlash flash = SessionFlash.open(board,
                     Files.createTempDirectory(folder, board.id() + "-mqtt" + mqtt.label() + "-"), random.nextLong())) {
            readings = subscriber;
            CutWatch watch = new CutWatch(flash.memory(), flash.region());
            boolean inCheckpoint = false;
            for (int life = 0; life < cuts && problems.isEmpty(); life++) {
                if (engineSide.subscribed()) {
                    downstream.publishNext(); // owed to the engine, powered or not
                }
                CutPlan plan = CutPlan.choose(random, board.sessionPageSize(), inCheckpoint);
                engineSide.life(life);
                Landing landing = live(config, transport, watch, plan);
                trail.append(life).append(": ").append(plan.kind()).append(' ').append(plan.amount()).append(" -> ")
                        .append(landing.where()).append(landing.inCheckpoint() ? " in checkpoint" : "").append('\n');
                tally.count(landing);
                inCheckpoint = landing.inCheckpoint();
                flash.memory().restorePower();
                afterEachCut.accept(flash.memory());
            }
            engineSide.life(cuts);
            if (problems.isEmpty()) {
                drain(config, transport, watch, downstream);
            }
            List<Ledger.Check> checks = List.of(
                    qos1.check("engine -> subscriber", 1, readings.copies(QOS1)),
                    qos2.check("engine -> subscriber", 2, readings.copies(QOS2)),
                    downstream.ledger().check("publisher -> engine", 2, engineSide.delivered()));
            for (String sensor : List.of(QOS1, QOS2)) {
                if (readings.report(sensor, 0).repeated() > 0) {
                    problems.add(sensor + ": a seq arrived with two different payloads");
                }
            }
            Ledger.Check in = checks.get(2);
            if (!in.holds()) {
                engineSide.delivered().forEach((seq, copies) -> {
                    if (copies > 1) {
                        problems.add("incoming duplicate: " + engineSide.trail(seq));
                    }
                });
                System.err.println(board.id() + " lives (plan -> landing), restore per boot:\n" + trail + problems);
            }
            if (readings.lostConnection() != null) {
                problems.add("the subscriber lost its own connection: " + readings.lostConnection());
            }
            int[] erases = flash.unitErases();
            return new BoardCutResult(board.id(), mqtt, board.sessionDevice().name(), board.sessionEraseUnits(),
                    board.sessionPageSize(), tally, boots, restoresOk, reports, checks, engineSide.resentByBrokerAfterPubrel(),
                    refused,
                    Arrays.stream(erases).asLongStream().sum(), Arrays.stream(erases).max().orElse(0),
                    flash.busy().busyNanos(), (System.nanoTime() - started) / 1e9, String.join("; ", problems));
        } finally {
            transport.close();
        }
    }

    /** One life from boot to its power cut; returns where the cut landed. */
    private Landing live(MqttConfig config, SocketTransport transport, CutWatch watch, CutPlan plan) {
        watch.disarm();
        if (plan.kind() == CutPlan.Kind.BYTES) {
            watch.memoryCutAfter(plan.amount());
        } else if (plan.kind() == CutPlan.Kind.INTO_CHECKPOINT) {
            watch.cutInsideNextCheckpoint(plan.amount());
        } else if (plan.kind() == CutPlan.Kind.AFTER_CHECKPOINT) {
            watch.cutAfterNextCheckpoint(plan.amount());
        }
        Publishing publishing = new Publishing();
        try {
            MqttClient client = boot(config, transport, watch);
            if (client == null) {
                return Landing.BETWEEN;
            }
            long polls = 0;
            long lifeStarted = System.nanoTime();
            while (true) {
                step(client, publishing, true);
                polls++;
                boolean instantDue = plan.kind() == CutPlan.Kind.INSTANT && polls >= plan.amount();
                if (instantDue || System.nanoTime() - lifeStarted > LIFE_LIMIT_NANOS) {
                    if (!instantDue) {
                        tally.budgetNotReached();
                    }
                    watch.cutNow();
                    return Landing.BETWEEN;
                }
            }
        } catch (PowerCut cut) {
            publishing.cutInside();
            return cut.landing();
        } finally {
            watch.checkpointing(() -> false);
            transport.close(); // the board's connection dies with it
        }
    }

    /** A new engine on the same flash: restores the session; checks what the restore said. */
    private MqttClient boot(MqttConfig config, SocketTransport transport, CutWatch watch) {
        boots++;
        MqttClient client = new MqttClient(config, transport, watch, engineSide, engineSide);
        watch.checkpointing(client::savingCheckpoint);
        int status = client.restoreStatus();
        RestoreReport report = client.restoreReport();
        reports.add(report);
        trail.append("  boot ").append(boots).append(": ").append(ClientStatus.name(status)).append(", torn tail ")
                .append(report.tornTail()).append(", bad CRC ").append(report.badCrc()).append(", in flight ")
                .append(client.inflight()).append('\n');
        boolean nothingOwed = qos1.acceptedCount() == 0 && qos2.acceptedCount() == 0 && !engineSide.subscribed();
        if (boots == 1 && status != SessionStatus.STORE_EMPTY) {
            problems.add("the first boot found " + ClientStatus.name(status) + ", not blank flash: another run's session");
        }
        if (status == SessionStatus.OK || (status == SessionStatus.STORE_EMPTY && nothingOwed)) {
            restoresOk++;
        } else {
            problems.add("boot " + boots + ": restore " + ClientStatus.name(status));
            return null;
        }
        if (report.doesNotFit() > 0) {
            problems.add("boot " + boots + ": restore dropped " + report.doesNotFit() + " record(s) that do not fit");
        }
        byte[] filter = (prefix + "/down/#").getBytes(StandardCharsets.US_ASCII);
        client.subscribe(filter, 0, filter.length, 2);
        client.start(now());
        return client;
    }

    /** One poll, and (when {@code publish}) the next numbered message while the window has room. */
    private void step(MqttClient client, Publishing publishing, boolean publish) {
        int work = client.poll(now());
        if (publish && client.isConnected() && client.inflight() < board.engine().outgoingSlots() / 2
                && qos1.acceptedCount() + qos2.acceptedCount() - readings.count() < AHEAD_OF_SUBSCRIBER) {
            boolean atQos2 = random.nextBoolean();
            Ledger ledger = atQos2 ? qos2 : qos1;
            int seq = ledger.next();
            byte[] topic = (prefix + "/" + (atQos2 ? QOS2 : QOS1)).getBytes(StandardCharsets.US_ASCII);
            byte[] payload = payload(seq);
            publishing.begin(ledger, seq);
            int result = client.publish(topic, 0, topic.length, payload, 0, payload.length, atQos2 ? 2 : 1, false);
            publishing.end();
            if (result > 0 || result == ClientStatus.QUEUED) {
                ledger.accepted(seq);
            } else if (result == ClientStatus.STORAGE_FAILED) {
                refused++;
                ledger.uncertain(seq);
            }
            work++;
        }
        if (work == 0) {
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * A reading padded up to 3/4 of the largest packet, the length a hash of the seq (a seq refused
     * and published again has the same payload): records vary in size, and the log goes round the
     * region in fewer messages, so checkpoints (one per lap) come often enough to be cut.
     */
    private byte[] payload(int seq) {
        char[] pad = new char[(int) ((seq * 2_654_435_761L >>> 8) % (board.engine().maxPacketSize() * 3 / 4))];
        Arrays.fill(pad, 'x');
        return ("{\"seq\":" + seq + ",\"pad\":\"" + new String(pad) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    /** The last life, not cut: runs until the subscriber has every accepted message and the engine every owed one. */
    private void drain(MqttConfig config, SocketTransport transport, CutWatch watch, BrokerSidePublisher downstream) {
        watch.disarm();
        Publishing publishing = new Publishing();
        try {
            MqttClient client = boot(config, transport, watch);
            if (client == null) {
                return;
            }
            long deadline = System.nanoTime() + DRAIN_NANOS;
            while (System.nanoTime() - deadline < 0) {
                step(client, publishing, false);
                if (client.inflight() == 0 && client.queued() == 0 && qos1.allArrived(readings.copies(QOS1))
                        && qos2.allArrived(readings.copies(QOS2)) && downstream.ledger().allArrived(engineSide.delivered())) {
                    client.disconnect(now());
                    return;
                }
            }
            problems.add("not everything arrived within " + DRAIN_NANOS / 1_000_000_000L + " s of the last boot");
        } catch (PowerCut cut) {
            problems.add("the flash lost power in the last life: " + cut.landing());
        } finally {
            transport.close();
        }
    }

    private long now() {
        return (System.nanoTime() - started) / 1_000_000L;
    }

    /** The message being published when a cut came: its number becomes uncertain. */
    private static final class Publishing {
        private Ledger ledger;
        private int seq;

        void begin(Ledger on, int number) {
            ledger = on;
            seq = number;
        }

        void end() {
            ledger = null;
        }

        void cutInside() {
            if (ledger != null) {
                ledger.uncertain(seq);
            }
        }
    }
}
