package dev.tern.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.tern.mqtt.codec.PacketType;

/**
 * Tells apart, among the numbered QoS 2 messages an engine delivers, a copy the broker caused: a
 * PUBLISH of a message for whose packet id the engine had already received the PUBREL. The sender
 * must not re-send a PUBLISH once it sent its PUBREL (4.3.3, [MQTT-4.3.3-1] for the sender's side);
 * having the PUBREL, the engine rightly forgot the id (and answered PUBCOMP), so such a PUBLISH is
 * a new message to it [MQTT-4.3.3-2]. mosquitto 2.0.11 does this when the PUBREL it re-sends at a
 * reconnect fails on a connection that is already gone: at the next reconnect it puts the message
 * back to "publish" (src/database.c db__message_reconnect_reset_outgoing keeps the PUBREL phase only
 * from wait_for_pubcomp).
 *
 * <p>Fed from the engine's thread: {@link #received} from its packet trace (which reports a packet
 * before the engine handles it), {@link #isResentAfterPubrel} from its onMessage.
 */
public final class ResentAfterPubrel {

    private final Map<Integer, Long> seqByPacketId = new HashMap<>();
    private final Set<Long> delivered = new HashSet<>();
    private final Set<Long> released = new HashSet<>();
    private int lastPublishId;
    private int count;

    /** A packet the engine received (its packet trace, {@code sent} false). */
    public void received(int type, int packetId) {
        if (type == PacketType.PUBLISH) {
            lastPublishId = packetId;
        } else if (type == PacketType.PUBREL && seqByPacketId.containsKey(packetId)) {
            released.add(seqByPacketId.get(packetId));
        }
    }

    /**
     * The engine delivers message {@code seq} (from the PUBLISH just received): true when it had
     * delivered it before and then received its PUBREL, so this copy is the broker's (counted here).
     */
    public boolean isResentAfterPubrel(long seq) {
        seqByPacketId.put(lastPublishId, seq);
        if (!delivered.add(seq) && released.contains(seq)) {
            count++;
            return true;
        }
        return false;
    }

    /** Copies the broker sent again after its own PUBREL. */
    public int count() {
        return count;
    }
}
