package dev.tern.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import dev.tern.proxy.Direction;
import dev.tern.proxy.FaultProxy;
import dev.tern.proxy.PacketType;
import dev.tern.proxy.SeenPacket;

/**
 * The faults of one chaos run, armed one slot at a time on the proxy: each slot arms one cut,
 * taking the cut kinds in turn so every kind is used about as often (after, before and inside
 * each packet type of the flow, in the direction that packet travels), and at random a delay of
 * one packet, a split of one packet into single bytes, or a byte-by-byte phase. The run opens
 * the next slot once the armed cut fired (or long after); what has not fired then is withdrawn,
 * a cut counted as expired.
 *
 * <pre>
 *  flow                  QoS 0     QoS 1            QoS 2
 *  engine->subscriber    PUBLISH>  PUBLISH> PUBACK< PUBLISH> PUBREC< PUBREL> PUBCOMP<
 *  publisher->engine     PUBLISH<  PUBLISH< PUBACK> PUBLISH< PUBREC> PUBREL< PUBCOMP>
 *  (> to the broker, < to the engine)
 * </pre>
 */
final class FaultPlan {

    /** Where a cut lands relative to its packet. */
    enum Where { AFTER, BEFORE, INSIDE }

    record CutKind(PacketType type, Direction direction, Where where) {
        String label() {
            return where.name().toLowerCase() + " " + type + (direction == Direction.TO_BROKER ? ">" : "<");
        }
    }

    /** A delay longer than the engine's ack timeout makes it re-send on its timer (3.1.1 mode). */
    static final int MAX_DELAY_MILLIS = 800;
    private static final int MAX_INSIDE_BYTES = 40;

    private final List<CutKind> kinds = new ArrayList<>();
    private final List<PacketType> flowTypes = new ArrayList<>();
    private final List<Direction> flowDirections = new ArrayList<>();
    private final Map<String, Integer> fired = new LinkedHashMap<>();
    private final Random random;
    private final boolean delays;
    private int next;
    private CutKind armed;
    private int cutsWhenArmed;
    private int expired;
    private int byteByBytePhases;

    FaultPlan(Flow flow, int qos, Random random, boolean delays) {
        this.random = random;
        this.delays = delays;
        Direction out = flow == Flow.ENGINE_TO_SUBSCRIBER ? Direction.TO_BROKER : Direction.TO_CLIENT;
        Direction back = out == Direction.TO_BROKER ? Direction.TO_CLIENT : Direction.TO_BROKER;
        addFlowPacket(PacketType.PUBLISH, out);
        if (qos == 1) {
            addFlowPacket(PacketType.PUBACK, back);
        } else if (qos == 2) {
            addFlowPacket(PacketType.PUBREC, back);
            addFlowPacket(PacketType.PUBREL, out);
            addFlowPacket(PacketType.PUBCOMP, back);
        }
        for (Where where : Where.values()) {
            for (int i = 0; i < flowTypes.size(); i++) {
                CutKind kind = new CutKind(flowTypes.get(i), flowDirections.get(i), where);
                kinds.add(kind);
                fired.put(kind.label(), 0);
            }
        }
    }

    private void addFlowPacket(PacketType type, Direction direction) {
        flowTypes.add(type);
        flowDirections.add(direction);
    }

    /** Ends the previous slot (counting its cut as fired or expired) and arms the next one. */
    void armNext(FaultProxy proxy) {
        endSlot(proxy);
        CutKind kind = kinds.get(next++ % kinds.size());
        Predicate<SeenPacket> match = packet(kind.type(), kind.direction());
        switch (kind.where()) {
            case AFTER -> proxy.cutAfter(match);
            case BEFORE -> proxy.cutBefore(match);
            case INSIDE -> proxy.cutInside(match, 1 + random.nextInt(MAX_INSIDE_BYTES));
        }
        armed = kind;
        cutsWhenArmed = proxy.cuts();
        int extra = random.nextInt(16);
        int which = random.nextInt(flowTypes.size());
        Predicate<SeenPacket> other = packet(flowTypes.get(which), flowDirections.get(which));
        if (extra == 0 && delays) {
            proxy.delayOnce(other, Duration.ofMillis(20 + random.nextInt(MAX_DELAY_MILLIS)));
        } else if (extra <= 4) {
            proxy.splitOnce(other);
        } else if (extra == 5 && random.nextInt(2) == 0) {
            proxy.byteByByte(true);
            byteByBytePhases++;
        }
    }

    /** True when no cut is armed or the armed one has fired. */
    boolean armedCutFired(FaultProxy proxy) {
        return armed == null || proxy.cuts() > cutsWhenArmed;
    }

    /** Withdraws what has not fired and ends any byte-by-byte phase. */
    void endSlot(FaultProxy proxy) {
        proxy.clearRules();
        proxy.byteByByte(false);
        if (armed != null) {
            if (proxy.cuts() > cutsWhenArmed) {
                fired.merge(armed.label(), 1, Integer::sum);
            } else {
                expired++;
            }
            armed = null;
        }
    }

    private static Predicate<SeenPacket> packet(PacketType type, Direction direction) {
        return p -> p.type() == type && p.direction() == direction;
    }

    /** Cuts that fired, by kind ("after PUBLISH>", "inside PUBREC<", ...), every kind listed. */
    Map<String, Integer> firedByKind() {
        return new LinkedHashMap<>(fired);
    }

    int expired() {
        return expired;
    }

    int byteByBytePhases() {
        return byteByBytePhases;
    }
}
