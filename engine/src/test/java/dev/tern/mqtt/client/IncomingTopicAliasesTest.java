package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.tern.mqtt.codec.CodecStatus;
import dev.tern.mqtt.codec.DecodedPacket;
import dev.tern.mqtt.codec.PacketDecoder;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.codec.PropertyId;
import dev.tern.mqtt.codec.PropertyWriter;
import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.mqtt.codec.PublishCodec;
import dev.tern.mqtt.codec.ReasonCode;

class IncomingTopicAliasesTest {

    private static final int NONE = IncomingTopicAliases.NO_ALIAS_PROPERTY;
    private final byte[] packet = new byte[64];

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Resolves {@code topic} placed at offset 3 of a packet buffer, as a decoded PUBLISH holds it. */
    private int resolve(IncomingTopicAliases aliases, int alias, String topic) {
        byte[] bytes = ascii(topic);
        java.util.Arrays.fill(packet, (byte) '?');
        System.arraycopy(bytes, 0, packet, 3, bytes.length);
        return aliases.resolve(alias, packet, 3, bytes.length);
    }

    private static String topic(IncomingTopicAliases aliases) {
        return new String(aliases.topicBuffer(), aliases.topicOffset(), aliases.topicLength(), StandardCharsets.US_ASCII);
    }

    @Test
    void aTopicWithAnAliasSetsItAndAnEmptyTopicLooksItUp() {
        IncomingTopicAliases aliases = new IncomingTopicAliases(3, 48);
        assertEquals(3, aliases.maximum());
        assertEquals(ClientStatus.OK, resolve(aliases, 2, "a/b"));
        assertEquals("a/b", topic(aliases));
        assertSame(packet, aliases.topicBuffer(), "a topic in the packet is used in place");
        assertEquals(ClientStatus.OK, resolve(aliases, 2, ""));
        assertEquals("a/b", topic(aliases));
    }

    @Test
    void aTopicWithAKnownAliasReplacesTheMapping() {
        IncomingTopicAliases aliases = new IncomingTopicAliases(3, 48);
        resolve(aliases, 1, "a/b");
        resolve(aliases, 1, "c/dd");
        assertEquals(ClientStatus.OK, resolve(aliases, 1, ""));
        assertEquals("c/dd", topic(aliases));
    }

    @Test
    void aPublishWithoutAnAliasKeepsItsTopicAndChangesNoMapping() {
        IncomingTopicAliases aliases = new IncomingTopicAliases(3, 48);
        resolve(aliases, 1, "a/b");
        assertEquals(ClientStatus.OK, resolve(aliases, NONE, "x/y"));
        assertEquals("x/y", topic(aliases));
        resolve(aliases, 1, "");
        assertEquals("a/b", topic(aliases));
    }

    @Test
    void aliasZeroOrAboveOurMaximumIsTopicAliasInvalid() {
        IncomingTopicAliases aliases = new IncomingTopicAliases(3, 48);
        int invalid = ClientStatus.violation(ReasonCode.TOPIC_ALIAS_INVALID);
        assertEquals(invalid, resolve(aliases, 0, "a/b"));
        assertEquals(invalid, resolve(aliases, 4, "a/b"));
        assertEquals(invalid, resolve(aliases, 4, ""));
        assertEquals(0x94, ClientStatus.reasonCode(invalid));
        IncomingTopicAliases none = new IncomingTopicAliases(0, 0);
        assertEquals(invalid, resolve(none, 1, "a/b"), "we allowed no alias at all");
    }

    @Test
    void anUnknownAliasWithAnEmptyTopicIsAProtocolError() {
        IncomingTopicAliases aliases = new IncomingTopicAliases(3, 48);
        assertEquals(ClientStatus.violation(ReasonCode.PROTOCOL_ERROR), resolve(aliases, 1, ""));
    }

    @Test
    void aNewConnectionForgetsEveryAlias() {
        IncomingTopicAliases aliases = new IncomingTopicAliases(3, 48);
        resolve(aliases, 1, "a/b");
        aliases.reset();
        assertEquals(ClientStatus.violation(ReasonCode.PROTOCOL_ERROR), resolve(aliases, 1, ""));
    }

    @Test
    void aTopicLongerThanItsSlotIsImplementationSpecificAndLeavesTheOldMapping() {
        IncomingTopicAliases aliases = new IncomingTopicAliases(2, 10); // 5 bytes per alias
        assertEquals(5, aliases.slotBytes());
        assertEquals(ClientStatus.OK, resolve(aliases, 2, "a/b/c"));
        assertEquals(ClientStatus.violation(ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR), resolve(aliases, 2, "a/b/cd"));
        resolve(aliases, 1, "zzzzz"); // the neighbouring slot is full to its end
        resolve(aliases, 2, "");
        assertEquals("a/b/c", topic(aliases));
    }

    @Test
    void resolvesADecodedPublish() {
        byte[] topic = ascii("s/t");
        byte[] props = new byte[8];
        PropertyWriter writer = new PropertyWriter();
        writer.wrap(props, 0, props.length, PacketType.PUBLISH);
        assertEquals(CodecStatus.OK, writer.addInt16(PropertyId.TOPIC_ALIAS, 2));
        byte[] buffer = new byte[32];
        PacketDecoder decoder = new PacketDecoder(64, ProtocolLevel.V5);
        DecodedPacket decoded = new DecodedPacket();
        IncomingTopicAliases aliases = new IncomingTopicAliases(2, 16);

        int size = PublishCodec.encode5(buffer, 0, buffer.length, 0, false, false, 0, topic, 0, 3,
                props, 0, writer.length(), topic, 0, 1);
        assertEquals(size, decoder.decode(buffer, 0, size, decoded));
        assertEquals(ClientStatus.OK, aliases.resolve(decoded));
        size = PublishCodec.encode5(buffer, 0, buffer.length, 0, false, false, 0, topic, 0, 0,
                props, 0, writer.length(), topic, 0, 1);
        assertEquals(size, decoder.decode(buffer, 0, size, decoded));
        assertEquals(ClientStatus.OK, aliases.resolve(decoded));
        assertEquals("s/t", topic(aliases));
        size = PublishCodec.encode5(buffer, 0, buffer.length, 0, false, false, 0, ascii("x/y"), 0, 3,
                null, 0, 0, topic, 0, 1);
        assertEquals(size, decoder.decode(buffer, 0, size, decoded));
        assertEquals(ClientStatus.OK, aliases.resolve(decoded));
        assertEquals("x/y", topic(aliases));
    }

    @Test
    void refusesSizesOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> new IncomingTopicAliases(-1, 8));
        assertThrows(IllegalArgumentException.class, () -> new IncomingTopicAliases(65536, 8));
        assertThrows(IllegalArgumentException.class, () -> new IncomingTopicAliases(1, -1));
    }
}
