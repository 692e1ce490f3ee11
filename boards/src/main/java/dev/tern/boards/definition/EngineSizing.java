package dev.tern.boards.definition;

import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.session.Session;
import dev.tern.mqtt.session.SessionImage;
import dev.tern.mqtt.session.SessionStore;

/**
 * The MQTT engine's fixed sizes for one board (the {@code MqttConfig} fields of the same names),
 * and the RAM and session storage they need.
 *
 * <p>Static RAM of the engine, from what {@code MqttClient}'s constructor allocates:
 * <pre>
 *   outgoingSlots * 30                     7 int and 2 byte columns per outgoing record
 * + outgoingPoolBytes                      the outgoing records' shared packet pool
 * + incomingQos2Slots * 2                  incoming QoS 2 packet ids (char)
 * + 3 * maxPacketSize                      send buffer (2x), receive buffer
 * + offlineQueueBytes                      offline queue ring
 * + outgoingSlots * 9 + incomingQos2Slots * 2
 *                                          the session journal's shadow of what is on flash
 * + 512                                    the journal's scratch buffers, unit header, retired list
 *                                          and CRC-32 nibble table (about 460 B), rounded up
 * + 2048                                   subscriptions at MqttConfig defaults (8 x 20 B + 512 B),
 *                                          decoder and trace line, rounded up
 * </pre>
 * The session store's RAM does not grow with its flash region. Object headers and the VM's own
 * overhead are not counted (the footprint suite measures them: about 1.4 KB at the virtual
 * sizing): keep a margin in the budget.
 */
public record EngineSizing(int outgoingSlots, int incomingQos2Slots, int maxPacketSize, int outgoingPoolBytes,
        int offlineQueueBytes) {

    static final int PER_OUTGOING_SLOT = 7 * 4 + 2;
    static final int PACKET_BUFFERS = 3;
    static final int FIXED_BYTES = 2048;
    static final int JOURNAL_SHADOW_PER_OUTGOING_SLOT = 9;
    static final int JOURNAL_SHADOW_PER_INCOMING_ID = 2;
    static final int PER_INCOMING_ID = 2;
    static final int JOURNAL_FIXED_BYTES = 512;

    /** Static RAM of an engine with this sizing, its session store included. */
    public long ramBytes() {
        return (long) outgoingSlots * PER_OUTGOING_SLOT
                + outgoingPoolBytes
                + (long) PER_INCOMING_ID * incomingQos2Slots
                + (long) PACKET_BUFFERS * maxPacketSize
                + offlineQueueBytes
                + (long) outgoingSlots * JOURNAL_SHADOW_PER_OUTGOING_SLOT
                + (long) incomingQos2Slots * JOURNAL_SHADOW_PER_INCOMING_ID
                + JOURNAL_FIXED_BYTES
                + FIXED_BYTES;
    }

    /** The largest session image: header + every slot full + every incoming id + a full offline queue. */
    public int maxSessionImageBytes() {
        return SessionImage.maxLength(outgoingSlots, maxPacketSize, incomingQos2Slots, offlineQueueBytes);
    }

    /**
     * Erase units the session journal's checkpoint of this sizing's largest session takes in a
     * region of {@code size} bytes in units of {@code unitSize}, or -1 when it is larger than the
     * region; the region must hold two (the live checkpoint and the next).
     */
    public int checkpointUnits(int size, int unitSize) {
        return new SessionStore(new SizingRegion(size, unitSize)).checkpointUnits(newSession());
    }

    /** An empty session of these sizes, as the engine builds it. */
    public Session newSession() {
        MqttConfig config = toConfig();
        return new Session(config.outgoingSlots, config.maxPacketSize, config.poolBytes(), config.incomingQos2Slots,
                config.offlineQueueBytes, config.offlineQueuePolicy);
    }

    /** An engine configuration with these sizes and the engine's defaults for everything else. */
    public MqttConfig toConfig() {
        MqttConfig config = new MqttConfig();
        config.outgoingSlots = outgoingSlots;
        config.incomingQos2Slots = incomingQos2Slots;
        config.maxPacketSize = maxPacketSize;
        config.outgoingPoolBytes = outgoingPoolBytes;
        config.offlineQueueBytes = offlineQueueBytes;
        return config;
    }
}
