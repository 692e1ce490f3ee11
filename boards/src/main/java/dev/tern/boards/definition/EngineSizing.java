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
 *   outgoingSlots * 30                     7 int and 2 byte columns per outgoing record
 * + outgoingPoolBytes                      the outgoing records' shared packet pool
 * + incomingQos2Slots * 4                  incoming QoS 2 packet ids
 * + 3 * maxPacketSize                      send buffer (2x), receive buffer
 * + offlineQueueBytes                      offline queue ring
 * + 2048                                   CRC-32 table (1 KB), subscriptions at MqttConfig defaults
 *                                          (8 x 20 B + 512 B), trace line (64 B), rounded up
 * </pre>
 * The session store's own RAM is not in it. Object headers and the VM's own overhead are not
 * counted: keep a margin in the budget.
 */
public record EngineSizing(int outgoingSlots, int incomingQos2Slots, int maxPacketSize, int outgoingPoolBytes,
        int offlineQueueBytes) {

    static final int PER_OUTGOING_SLOT = 7 * 4 + 2;
    static final int PACKET_BUFFERS = 3;
    static final int FIXED_BYTES = 2048;

    /** Static RAM of an engine with this sizing, the session store's aside. */
    public long ramBytes() {
        return (long) outgoingSlots * PER_OUTGOING_SLOT
                + outgoingPoolBytes
                + 4L * incomingQos2Slots
                + (long) PACKET_BUFFERS * maxPacketSize
                + offlineQueueBytes
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
        config.outgoingPoolBytes = outgoingPoolBytes;
        config.offlineQueueBytes = offlineQueueBytes;
        return config;
    }
}
