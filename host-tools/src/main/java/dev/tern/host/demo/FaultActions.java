package dev.tern.host.demo;

import dev.tern.boards.firmware.ReadingSubscriber;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.proxy.Direction;
import dev.tern.proxy.FaultProxy;
import dev.tern.proxy.PacketType;
import dev.tern.proxy.SeenPacket;

/**
 * How each fault is done: the outage by the {@link FaultProxy} between board and broker, the
 * restart on the embedded broker (null with an external one: skipped), the power cut on the
 * virtual board, timed to land inside a QoS 2 handshake (after the board's PUBREL, before the
 * broker's PUBCOMP reaches it): by the proxy, or over TLS, where the proxy sees only records, by
 * the board's own {@link PubrelWatch}. Each announces itself and keeps the {@link StoryRecord}'s
 * fault windows.
 */
public final class FaultActions {

    /** Waits while the screen stays alive; false when the demo is to stop. */
    public interface Pacer {
        boolean pause(Duration duration) throws InterruptedException;
    }

    static final Duration OUTAGE = Duration.ofSeconds(8);
    static final Duration OUTAGE_ACKS_LOST = Duration.ofMillis(1500);
    static final Duration OUTAGE_DARK = Duration.ofMillis(3500);
    static final Duration POWER_OFF = Duration.ofSeconds(2);
    static final Duration HANDSHAKE_WAIT = Duration.ofSeconds(10);
    static final Duration RECONNECT_WAIT = Duration.ofSeconds(20);

    private final StoryRecord record;
    private final StoryConsole console;
    private final LiveScreen screen;
    private final FaultProxy proxy;
    private final EmbeddedBroker broker;
    private final ReadingSubscriber subscriber;
    private final VirtualBoard board;
    private final PubrelWatch pubrelWatch;
    private volatile CountDownLatch cutArmed;
    private final AtomicInteger cutAtPacketId = new AtomicInteger(-1);

    public FaultActions(StoryRecord record, StoryConsole console, LiveScreen screen, FaultProxy proxy, EmbeddedBroker broker,
            ReadingSubscriber subscriber, VirtualBoard board) {
        this(record, console, screen, proxy, broker, subscriber, board, null);
    }

    /** @param pubrelWatch the board's tap that times the power cut when the proxy passes TLS records */
    FaultActions(StoryRecord record, StoryConsole console, LiveScreen screen, FaultProxy proxy, EmbeddedBroker broker,
            ReadingSubscriber subscriber, VirtualBoard board, PubrelWatch pubrelWatch) {
        this.record = record;
        this.console = console;
        this.screen = screen;
        this.proxy = proxy;
        this.broker = broker;
        this.subscriber = subscriber;
        this.board = board;
        this.pubrelWatch = pubrelWatch;
        if (proxy != null && !proxy.framesTls()) {
            proxy.onForwarded(this::cutPowerOnPubrel);
        }
    }

    /** Whether this run can inflict {@code fault} (a restart needs the embedded broker, the others the fault proxy). */
    public boolean can(Fault fault) {
        if (fault == Fault.RESTART) {
            return broker != null;
        }
        return proxy != null && (fault != Fault.POWERCUT || !proxy.framesTls() || pubrelWatch != null);
    }

    /** Inflicts the fault and waits until the board is connected again; false when the demo is to stop. */
    public boolean inflict(Fault fault, Pacer pacer) throws Exception {
        return switch (fault) {
            case OUTAGE -> outage(pacer);
            case RESTART -> restart(pacer);
            case POWERCUT -> powerCut(pacer);
        };
    }

    /**
     * A link that fails as real ones do: first the way back goes dark (acknowledgements are lost,
     * the broker has the messages), then both ways (what the board sends is lost, and it cannot
     * know), then the connection drops and reconnecting is refused until the outage is over.
     */
    private boolean outage(Pacer pacer) throws InterruptedException {
        console.faultStruck();
        record.strike(Fault.OUTAGE);
        proxy.loseAll(Direction.TO_CLIENT, true);
        screen.say("demo: >>> NETWORK OUTAGE for " + OUTAGE.toSeconds() + " s, in three stages. 1: the way back goes dark:"
                + " the broker gets the board's messages, their acknowledgements are lost");
        if (!pacer.pause(OUTAGE_ACKS_LOST)) {
            return endOutage(false);
        }
        proxy.loseAll(Direction.TO_BROKER, true);
        screen.say("demo: outage 2: dark both ways: what the board sends now is lost, and nothing tells it so");
        if (!pacer.pause(OUTAGE_DARK)) {
            return endOutage(false);
        }
        proxy.refuseConnections(true);
        proxy.cutAll();
        proxy.loseAll(Direction.TO_CLIENT, false);
        proxy.loseAll(Direction.TO_BROKER, false);
        screen.say("demo: outage 3: the connection drops; the board notices, keeps its readings and tries to reconnect:"
                + " refused");
        if (!pacer.pause(OUTAGE.minus(OUTAGE_ACKS_LOST).minus(OUTAGE_DARK))) {
            return endOutage(false);
        }
        return endOutage(true) && awaitReconnected(pacer);
    }

    private boolean endOutage(boolean goOn) {
        proxy.loseAll(Direction.TO_CLIENT, false);
        proxy.loseAll(Direction.TO_BROKER, false);
        proxy.refuseConnections(false);
        record.over(Fault.OUTAGE);
        if (goOn) {
            screen.say("demo: <<< the link is back (" + proxy.lost() + (proxy.framesTls() ? " TLS records" : " packets")
                    + " lost in the dark, " + proxy.refused()
                    + " connection attempts refused): the board reconnects, resumes its session and re-sends what was not"
                    + " acknowledged");
        }
        return goOn;
    }

    private boolean restart(Pacer pacer) throws Exception {
        console.faultStruck();
        record.strike(Fault.RESTART);
        screen.say("demo: >>> BROKER RESTART: HiveMQ CE stops; the board and the subscriber lose it; both sessions are"
                + " persistent and kept in its data folder");
        broker.stop();
        screen.say("demo: HiveMQ CE stopped; starting it again on the same port and data folder");
        broker.startAgain();
        record.over(Fault.RESTART);
        boolean back = subscriber.reconnect(RECONNECT_WAIT);
        screen.say("demo: <<< HiveMQ CE is back" + (back ? ", the subscriber resumed its session (it gets what the broker"
                + " queued for it)" : ", but the subscriber could not reconnect within " + RECONNECT_WAIT.toSeconds() + " s"));
        return awaitReconnected(pacer);
    }

    private boolean powerCut(Pacer pacer) throws Exception {
        boolean byTheBoard = proxy.framesTls();
        screen.say("demo: >>> POWER CUT, waiting for a QoS 2 handshake to cut the board's power in its middle"
                + " (right after its PUBREL, before the broker's PUBCOMP reaches it"
                + (byTheBoard ? "; over TLS the board itself halts right after writing PUBREL)" : ")"));
        console.faultStruck();
        CountDownLatch cut;
        if (byTheBoard) {
            cut = pubrelWatch.arm();
        } else {
            cut = new CountDownLatch(1);
            // the PUBCOMP that would end the handshake never reaches the board, however fast the broker answers
            proxy.dropOnce(p -> p.direction() == Direction.TO_CLIENT && p.type() == PacketType.PUBCOMP);
            cutArmed = cut;
        }
        if (!cut.await(HANDSHAKE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            cutArmed = null;
            if (byTheBoard) {
                pubrelWatch.disarm();
            }
            if (cut.getCount() > 0) {
                board.cutPower();
                record.strike(Fault.POWERCUT);
                screen.say("demo: no QoS 2 handshake within " + HANDSHAKE_WAIT.toSeconds() + " s: power cut now");
            }
        }
        if (cut.getCount() == 0) {
            int packetId = cutAtPacketId.get();
            if (byTheBoard) {
                // the board is halted inside the write of its PUBREL: now the power goes
                board.cutPower();
                record.strike(Fault.POWERCUT);
                packetId = pubrelWatch.haltedAfterPacketId();
            }
            screen.say("demo: power cut: the board went dark just after sending PUBREL (id=" + packetId + "),"
                    + " before PUBCOMP came back: its QoS 2 handshake is half done; its session is in flash");
        }
        if (!byTheBoard) {
            proxy.clearRules();
        }
        proxy.cutAll(); // the broker sees the dead board's connection end now, not at its keep-alive
        if (!pacer.pause(POWER_OFF)) {
            return false;
        }
        board.powerOn();
        record.booted();
        record.over(Fault.POWERCUT);
        screen.say("demo: <<< power back: the board boots, restores its session from flash and finishes the handshake"
                + " (it sends PUBREL again)");
        return awaitReconnected(pacer);
    }

    /** On the proxy's thread toward the broker, once the board's PUBREL went through. */
    private void cutPowerOnPubrel(SeenPacket packet) {
        CountDownLatch armed = cutArmed;
        if (armed == null || packet.direction() != Direction.TO_BROKER || packet.type() != PacketType.PUBREL) {
            return;
        }
        cutArmed = null;
        cutAtPacketId.set(packet.packetId());
        board.cutPower();
        record.strike(Fault.POWERCUT);
        armed.countDown();
    }

    private boolean awaitReconnected(Pacer pacer) throws InterruptedException {
        long deadline = System.nanoTime() + RECONNECT_WAIT.toNanos();
        while (record.faultUnderWay()) {
            if (System.nanoTime() - deadline >= 0) {
                screen.say("demo: the board did not reconnect within " + RECONNECT_WAIT.toSeconds() + " s of the fault's end");
                record.closeAll();
                return true;
            }
            if (!pacer.pause(Duration.ofMillis(100))) {
                return false;
            }
        }
        screen.say("demo: the board is connected again");
        return true;
    }
}
