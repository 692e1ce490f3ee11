package dev.tern.mqtt.client;

import dev.tern.mqtt.codec.DecodedPacket;
import dev.tern.mqtt.codec.Properties;
import dev.tern.mqtt.codec.PropertyId;
import dev.tern.mqtt.codec.Uint16;

/**
 * What the broker's MQTT 5 CONNACK allows this connection (3.2.2.3), read once per CONNACK into
 * plain fields; a 3.1.1 CONNACK, or a property the broker left out, leaves the standard's default.
 *
 * <pre>
 *   property                      default when absent               the engine obeys it by
 *   Receive Maximum               65,535                            a send quota on QoS 1/2 PUBLISH
 *   Maximum QoS                   2                                 refusing publish() above it
 *   Retain Available              1                                 refusing publish() with retain
 *   Maximum Packet Size           no limit                          refusing publish() above it
 *   Topic Alias Maximum           0: no aliases                     aliases only up to it
 *   Server Keep Alive             the client's own                  keep-alive on this interval
 *   Assigned Client Identifier    none                              keeping it in the session, reconnecting with it
 * </pre>
 */
final class ServerLimits {

    int receiveMaximum;
    int maximumQos;
    boolean retainAvailable;
    long maximumPacketSize;
    int topicAliasMaximum;
    /** Seconds; -1 when the broker did not send Server Keep Alive. */
    int serverKeepAlive;
    /** Where the Assigned Client Identifier's bytes start in the CONNACK's buffer; valid while it is handled. */
    int assignedClientIdOffset;
    /** Bytes of the Assigned Client Identifier; -1 when the broker assigned none. */
    int assignedClientIdLength;

    ServerLimits() {
        reset();
    }

    /** The standard's defaults: what a 3.1.1 broker, or a v5 CONNACK without properties, allows. */
    void reset() {
        receiveMaximum = Uint16.MAX_VALUE;
        maximumQos = 2;
        retainAvailable = true;
        maximumPacketSize = Long.MAX_VALUE;
        topicAliasMaximum = 0;
        serverKeepAlive = -1;
        assignedClientIdLength = -1;
    }

    /** Reads the properties of a decoded, validated MQTT 5 CONNACK. */
    void read(DecodedPacket connack, Properties properties) {
        reset();
        properties.wrap(connack);
        while (properties.next()) {
            switch (properties.id()) {
                case PropertyId.RECEIVE_MAXIMUM:
                    receiveMaximum = properties.intValue();
                    break;
                case PropertyId.MAXIMUM_QOS:
                    maximumQos = properties.intValue();
                    break;
                case PropertyId.RETAIN_AVAILABLE:
                    retainAvailable = properties.intValue() == 1;
                    break;
                case PropertyId.MAXIMUM_PACKET_SIZE:
                    maximumPacketSize = properties.longValue();
                    break;
                case PropertyId.TOPIC_ALIAS_MAXIMUM:
                    topicAliasMaximum = properties.intValue();
                    break;
                case PropertyId.SERVER_KEEP_ALIVE:
                    serverKeepAlive = properties.intValue();
                    break;
                case PropertyId.ASSIGNED_CLIENT_IDENTIFIER:
                    assignedClientIdOffset = properties.valueOffset();
                    assignedClientIdLength = properties.valueLength();
                    break;
                default:
                    // Reason String, User Property, Wildcard/Shared/Subscription Identifier Available,
                    // Response Information, Server Reference, Authentication: nothing to obey
            }
        }
    }
}
