package dev.tern.mqtt.client;

import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.codec.PropertyId;
import dev.tern.mqtt.codec.PropertyWriter;
import dev.tern.mqtt.codec.Uint16;

/**
 * The MQTT 5 CONNECT Properties and Will Properties a configuration asks for, written once when the
 * engine is built (they do not change between connections). A property equal to the standard's
 * default is left out: fewer bytes on the wire.
 *
 * <pre>
 *   Session Expiry Interval      0 with cleanSession (ends with the connection, as 3.1.1), else sessionExpirySeconds
 *   Receive Maximum              what the incoming QoS 2 table holds (receiveMaximum, default incomingQos2Slots)
 *   Maximum Packet Size          maxPacketSize: the receive buffer
 *   Topic Alias Maximum          incomingTopicAliases
 *   Request Problem Information  0 when requestProblemInformation is false
 *   Will Delay Interval          willDelaySeconds (Will Properties)
 * </pre>
 */
final class ConnectProperties {

    /** Room for every property above: 5 + 3 + 5 + 3 + 2 bytes. */
    static final int CAPACITY = 18;
    /** Room for the Will Delay Interval. */
    static final int WILL_CAPACITY = 5;

    private ConnectProperties() {
    }

    /** Writes the CONNECT Properties into {@code dst}: the Property Length. */
    static int write(MqttConfig config, byte[] dst, PropertyWriter writer) {
        writer.wrap(dst, 0, dst.length, PacketType.CONNECT);
        long expiry = config.cleanSession ? 0 : config.sessionExpirySeconds;
        if (expiry != 0) {
            check(writer.addInt32(PropertyId.SESSION_EXPIRY_INTERVAL, expiry));
        }
        int receiveMaximum = config.announcedReceiveMaximum();
        if (receiveMaximum != Uint16.MAX_VALUE) {
            check(writer.addInt16(PropertyId.RECEIVE_MAXIMUM, receiveMaximum));
        }
        check(writer.addInt32(PropertyId.MAXIMUM_PACKET_SIZE, config.maxPacketSize));
        if (config.incomingTopicAliases > 0) {
            check(writer.addInt16(PropertyId.TOPIC_ALIAS_MAXIMUM, config.incomingTopicAliases));
        }
        if (!config.requestProblemInformation) {
            check(writer.addByte(PropertyId.REQUEST_PROBLEM_INFORMATION, 0));
        }
        return writer.length();
    }

    /** Writes the Will Properties into {@code dst}: their length (0 without a Will Delay Interval). */
    static int writeWill(MqttConfig config, byte[] dst, PropertyWriter writer) {
        writer.wrap(dst, 0, dst.length, PropertyId.WILL_CONTEXT);
        if (config.willDelaySeconds != 0) {
            check(writer.addInt32(PropertyId.WILL_DELAY_INTERVAL, config.willDelaySeconds));
        }
        return writer.length();
    }

    private static void check(int status) {
        if (status < 0) {
            // MqttConfig.validate() keeps every value in range and CAPACITY fits them all
            throw new IllegalStateException("CONNECT property does not encode: status=" + status);
        }
    }
}
