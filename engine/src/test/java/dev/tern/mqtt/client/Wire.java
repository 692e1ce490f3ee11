package dev.tern.mqtt.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.codec.RemainingLength;
import dev.tern.mqtt.session.Session;
import dev.tern.proxy.Direction;
import dev.tern.proxy.PacketType;
import dev.tern.proxy.SeenPacket;

/** What the broker-level proofs ask of the packets a {@link dev.tern.proxy.FaultProxy} saw. */
final class Wire {

    private Wire() {
    }

    static Predicate<SeenPacket> toBroker(PacketType type) {
        return p -> p.direction() == Direction.TO_BROKER && p.type() == type;
    }

    static Predicate<SeenPacket> toClient(PacketType type) {
        return p -> p.direction() == Direction.TO_CLIENT && p.type() == type;
    }

    /** A PUBLISH towards the broker whose payload is {@code payload}. */
    static Predicate<SeenPacket> publishToBroker(String payload) {
        // the proxy does not know the protocol version: the payload read as 3.1.1 or as MQTT 5
        return toBroker(PacketType.PUBLISH).and(p -> payload.equals(payload(p)) || payload.equals(payload5(p)));
    }

    /** The packets of one type, one direction, one connection (counting from 1), with this id (-1: any). */
    static List<SeenPacket> select(List<SeenPacket> seen, int connection, Direction direction, PacketType type,
                                   int packetId) {
        return seen.stream()
                .filter(p -> p.connection() == connection && p.direction() == direction && p.type() == type)
                .filter(p -> packetId < 0 || p.packetId() == packetId)
                .toList();
    }

    /** The payload of a PUBLISH as UTF-8. */
    static String payload(SeenPacket publish) {
        byte[] bytes = publish.bytes();
        int at = 1;
        while ((bytes[at] & 0x80) != 0) {
            at++;
        }
        at++;
        int topicLength = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
        at += 2 + topicLength + (publish.qos() > 0 ? 2 : 0);
        return new String(bytes, at, bytes.length - at, StandardCharsets.UTF_8);
    }

    /** The payload of an MQTT 5 PUBLISH as UTF-8: after the properties (a Topic Alias, say); null if it has none that fit. */
    static String payload5(SeenPacket publish) {
        byte[] bytes = publish.bytes();
        int at = 1;
        while ((bytes[at] & 0x80) != 0) {
            at++;
        }
        at++;
        int topicLength = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
        at += 2 + topicLength + (publish.qos() > 0 ? 2 : 0);
        int propertiesLength = RemainingLength.readWithin(bytes, at, bytes.length);
        if (propertiesLength < 0) {
            return null;
        }
        at += RemainingLength.size(propertiesLength) + propertiesLength;
        return at <= bytes.length ? new String(bytes, at, bytes.length - at, StandardCharsets.UTF_8) : null;
    }

    /**
     * Flash for the session journal: units of 4 KB (or larger than a record of the largest packet)
     * and enough of them for two checkpoints of this configuration's largest session, with room to spare.
     */
    static FlashFake flashFor(MqttConfig config) {
        int image = new Session(config.outgoingSlots, config.maxPacketSize, config.incomingQos2Slots,
                config.offlineQueueBytes, config.offlineQueuePolicy).maxImageLength();
        int pageSize = 4096;
        while (pageSize < config.maxPacketSize + 64) {
            pageSize *= 2;
        }
        return new FlashFake(2 * ((2 * image + pageSize - 1) / pageSize) + 4, pageSize);
    }

    /** How many times each payload arrived, for exactly-once and at-least-once checks. */
    static long count(RecordingListener listener, String payload) {
        return listener.messages.stream().filter(m -> m.payload().equals(payload)).count();
    }
}
