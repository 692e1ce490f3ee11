package dev.tern.boards.definition;

import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.session.SessionImage;
import dev.tern.mqtt.session.SessionStore;

/**
 * The MQTT engine's fixed sizes for one board (the {@code MqttConfig} fields of the same names),
 * and the RAM and session storage they need.
 *
 * <p>Static RAM of the engine, from what {@code MqttClient}'s constructor allocates:
 * <pre>
 *   outgoingSlots * (maxPacketSize + 26)   outgoing slab + 6 int and 2 byte columns per slot
 * + incomingQos2Slots * 4                  incoming QoS 2 packet ids
 * + 5 * maxPacketSize                      send buffer (2x), receive buffer, offline topic and payload
 * + offlineQueueBytes                      offline queue ring
 * + sessionArea                            SessionStore's buffer: half the session region
 * + 2048                                   CRC-32 table (1 KB), subscriptions at MqttConfig defaults
 *                                          (8 x 20 B + 512 B), trace line (64 B), rounded up
 * </pre>
 * Object headers and the VM's own overhead are not counted: keep a margin in the budget.
 */
public record EngineSizing(int outgoingSlots, int incomingQos2Slots, int maxPacketSize, int offlineQueueBytes) {

    static final int PER_OUTGOING_SLOT = 6 * 4 + 2;
    static final int PACKET_BUFFERS = 5;
    static final int FIXED_BYTES = 2048;

    /** Static RAM of an engine with this sizing whose SessionStore area (half the session region) is {@code sessionAreaBytes}. */
    public long ramBytes(long sessionAreaBytes) {
        return (long) outgoingSlots * (maxPacketSize + PER_OUTGOING_SLOT)
                + 4L * incomingQos2Slots
                + (long) PACKET_BUFFERS * maxPacketSize
                + offlineQueueBytes
                + sessionAreaBytes
                + FIXED_BYTES;
    }

    /** The largest session image: header + every slot full + every incoming id + a full offline queue. */
    public int maxSessionImageBytes() {
        return SessionImage.maxLength(outgoingSlots, maxPacketSize, incomingQos2Slots, offlineQueueBytes);
    }

    /** Bytes one SessionStore area needs to hold the largest image. */
    public long sessionAreaBytesNeeded() {
        return (long) SessionStore.HEADER_LENGTH + maxSessionImageBytes();
    }

    /** An engine configuration with these sizes and the engine's defaults for everything else. */
    public MqttConfig toConfig() {
        MqttConfig config = new MqttConfig();
        config.outgoingSlots = outgoingSlots;
        config.incomingQos2Slots = incomingQos2Slots;
        config.maxPacketSize = maxPacketSize;
        config.offlineQueueBytes = offlineQueueBytes;
        return config;
    }
}
