package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Properties}: strict validation of a block (2.2.2) and in-place reading of every value type. */
class PropertiesTest {

    private static int validate(int context, int... block) {
        byte[] b = bytes(block);
        return Properties.validate(b, 0, b.length, context);
    }

    @Test
    void acceptsEveryPropertyWhereTable24AllowsItAndNowhereElse() {
        int[] contexts = {PropertyId.WILL_CONTEXT, PacketType.CONNECT, PacketType.CONNACK, PacketType.PUBLISH,
            PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL, PacketType.PUBCOMP, PacketType.SUBSCRIBE,
            PacketType.SUBACK, PacketType.UNSUBSCRIBE, PacketType.UNSUBACK, PacketType.DISCONNECT, PacketType.AUTH};
        int allowedPairs = 0;
        for (int id = 0; id < 128; id++) {
            byte[] block = sample(id);
            for (int context : contexts) {
                int status = Properties.validate(block, 0, block.length, context);
                if (PropertyId.TYPE_UNKNOWN == PropertyId.type(id)) {
                    assertStatus(CodecStatus.UNKNOWN_PROPERTY, status);
                } else if (PropertyId.isAllowed(id, context)) {
                    assertStatus(PropertyId.AUTHENTICATION_DATA == id ? CodecStatus.AUTH_DATA_WITHOUT_METHOD : CodecStatus.OK, status);
                    allowedPairs++;
                } else {
                    assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED, status);
                }
            }
        }
        // Table 2-4 counted by hand, in identifier order: 5 x 2 (PUBLISH and Will) + 2 + 3 + 1 + 1 + 3 + 3 + 1 + 1
        // + 1 + 1 + 2 + 9 (Reason String) + 2 + 2 + 1 + 1 + 1 + 14 (User Property) + 2 + 1 + 1 + 1 = 64
        assertEquals(64, allowedPairs);
    }

    /** A valid property {@code id} (any identifier) with a small value of its type. */
    static byte[] sample(int id) {
        switch (PropertyId.type(id)) {
            case PropertyId.TYPE_BYTE: return bytes(id, 0x01);
            case PropertyId.TYPE_INT16: return bytes(id, 0x00, 0x01);
            case PropertyId.TYPE_INT32: return bytes(id, 0x00, 0x00, 0x00, 0x01);
            case PropertyId.TYPE_VARIABLE_BYTE_INTEGER: return bytes(id, 0x01);
            case PropertyId.TYPE_STRING: return bytes(id, 0x00, 0x01, 'x');
            case PropertyId.TYPE_BINARY: return bytes(id, 0x00, 0x01, 0x00);
            case PropertyId.TYPE_STRING_PAIR: return bytes(id, 0x00, 0x01, 'k', 0x00, 0x00);
            default: return bytes(id, 0x00);
        }
    }

    @Test
    void refusesAPropertyTwiceExceptUserPropertyAndSubscriptionIdentifierInPublish() {
        assertStatus(CodecStatus.DUPLICATE_PROPERTY, validate(PacketType.CONNACK, 0x21, 0x00, 0x01, 0x21, 0x00, 0x02));
        assertStatus(CodecStatus.OK, validate(PacketType.CONNACK, 0x26, 0, 1, 'a', 0, 0, 0x26, 0, 1, 'a', 0, 0));
        assertStatus(CodecStatus.OK, validate(PacketType.PUBLISH, 0x0B, 0x01, 0x0B, 0x02));
        assertStatus(CodecStatus.DUPLICATE_PROPERTY, validate(PacketType.SUBSCRIBE, 0x0B, 0x01, 0x0B, 0x02));
        assertStatus(CodecStatus.DUPLICATE_PROPERTY, validate(PacketType.PUBACK, 0x1F, 0, 0, 0x26, 0, 0, 0, 0, 0x1F, 0, 0));
    }

    @Test
    void refusesUnknownIdentifiersIncludingMultiByteOnes() {
        assertStatus(CodecStatus.UNKNOWN_PROPERTY, validate(PacketType.CONNACK, 0x00, 0x00));
        assertStatus(CodecStatus.UNKNOWN_PROPERTY, validate(PacketType.CONNACK, 0x2B, 0x00));
        assertStatus(CodecStatus.UNKNOWN_PROPERTY, validate(PacketType.CONNACK, 0x80, 0x01, 0x00)); // identifier 128 as a VBI
    }

    @Test
    void refusesValuesThatRunPastTheBlock() {
        assertStatus(CodecStatus.PROPERTY_VALUE_TRUNCATED, validate(PacketType.CONNACK, 0x24));
        assertStatus(CodecStatus.PROPERTY_VALUE_TRUNCATED, validate(PacketType.CONNACK, 0x21, 0x00));
        assertStatus(CodecStatus.PROPERTY_VALUE_TRUNCATED, validate(PacketType.CONNACK, 0x27, 0x00, 0x00, 0x01));
        assertStatus(CodecStatus.PROPERTY_VALUE_TRUNCATED, validate(PacketType.CONNACK, 0x1F, 0x00));
        assertStatus(CodecStatus.PROPERTY_VALUE_TRUNCATED, validate(PacketType.CONNACK, 0x1F, 0x00, 0x02, 'x'));
        assertStatus(CodecStatus.PROPERTY_VALUE_TRUNCATED, validate(PacketType.CONNACK, 0x16, 0x00, 0x05, 1, 2));
        assertStatus(CodecStatus.PROPERTY_VALUE_TRUNCATED, validate(PacketType.CONNACK, 0x26, 0x00, 0x01, 'k', 0x00));
        assertStatus(CodecStatus.MALFORMED_VARIABLE_BYTE_INTEGER, validate(PacketType.PUBLISH, 0x0B, 0x80));
        assertStatus(CodecStatus.MALFORMED_VARIABLE_BYTE_INTEGER, validate(PacketType.PUBLISH, 0x0B, 0x81, 0x00));
        assertStatus(CodecStatus.MALFORMED_VARIABLE_BYTE_INTEGER, validate(PacketType.PUBLISH, 0x0B, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
    }

    @Test
    void refusesBadUtf8InStringsAndInBothHalvesOfAPair() {
        assertStatus(CodecStatus.UTF8_OVERLONG, validate(PacketType.CONNACK, 0x1F, 0x00, 0x02, 0xC0, 0x80));
        assertStatus(CodecStatus.UTF8_NULL_CHARACTER, validate(PacketType.CONNACK, 0x12, 0x00, 0x01, 0x00));
        assertStatus(CodecStatus.UTF8_SURROGATE, validate(PacketType.CONNACK, 0x26, 0x00, 0x03, 0xED, 0xB0, 0x80, 0x00, 0x00));
        assertStatus(CodecStatus.UTF8_TRUNCATED, validate(PacketType.CONNACK, 0x26, 0x00, 0x00, 0x00, 0x01, 0xC3));
        assertStatus(CodecStatus.OK, validate(PacketType.PUBLISH, 0x09, 0x00, 0x01, 0x00)); // binary may hold anything
    }

    @Test
    void refusesOutOfRangeValuesEachByName() {
        assertStatus(CodecStatus.RECEIVE_MAXIMUM_ZERO, validate(PacketType.CONNECT, 0x21, 0x00, 0x00));
        assertStatus(CodecStatus.MAXIMUM_PACKET_SIZE_ZERO, validate(PacketType.CONNECT, 0x27, 0, 0, 0, 0));
        assertStatus(CodecStatus.TOPIC_ALIAS_ZERO, validate(PacketType.PUBLISH, 0x23, 0x00, 0x00));
        assertStatus(CodecStatus.INVALID_MAXIMUM_QOS, validate(PacketType.CONNACK, 0x24, 0x02));
        assertStatus(CodecStatus.SUBSCRIPTION_ID_ZERO, validate(PacketType.SUBSCRIBE, 0x0B, 0x00));
        int[] flags = {0x01, 0x17, 0x19, 0x25, 0x28, 0x29, 0x2A};
        for (int id : flags) {
            int context = PropertyId.isAllowed(id, PacketType.CONNACK) ? PacketType.CONNACK
                    : PropertyId.isAllowed(id, PacketType.CONNECT) ? PacketType.CONNECT : PacketType.PUBLISH;
            assertStatus(CodecStatus.OK, validate(context, id, 0x01));
            assertStatus(CodecStatus.PROPERTY_NOT_0_OR_1, validate(context, id, 0x02));
        }
        assertStatus(CodecStatus.OK, validate(PacketType.CONNECT, 0x22, 0x00, 0x00)); // Topic Alias Maximum 0: no aliases
        assertStatus(CodecStatus.OK, validate(PacketType.PUBLISH, 0x0B, 0xFF, 0xFF, 0xFF, 0x7F)); // 268,435,455
    }

    @Test
    void readsEveryValueTypeInPlace() {
        byte[] block = bytes(
                0x24, 0x01,                         // Maximum QoS 1
                0x13, 0xFF, 0xFE,                   // Server Keep Alive 65534
                0x11, 0xFF, 0xFF, 0xFF, 0xFF,       // Session Expiry Interval 4,294,967,295
                0x12, 0x00, 0x02, 'i', 'd',         // Assigned Client Identifier "id"
                0x16, 0x00, 0x01, 0x2A,             // Authentication Data 0x2A
                0x15, 0x00, 0x01, 'm',              // Authentication Method "m"
                0x26, 0x00, 0x01, 'k', 0x00, 0x02, 'v', 'w'); // User Property k=vw
        assertStatus(CodecStatus.OK, Properties.validate(block, 0, block.length, PacketType.CONNACK));
        Properties p = new Properties();
        p.wrap(block, 0, block.length);
        assertTrue(p.next());
        assertEquals(1, p.intValue());
        assertTrue(p.next());
        assertEquals(65534, p.intValue());
        assertTrue(p.next());
        assertEquals(4294967295L, p.longValue());
        assertTrue(p.next());
        assertEquals(2, p.valueLength());
        assertEquals('i', block[p.valueOffset()]);
        assertTrue(p.next());
        assertEquals(0x2A, block[p.valueOffset()]);
        assertTrue(p.next());
        assertTrue(p.next());
        assertEquals(PropertyId.USER_PROPERTY, p.id());
        assertEquals(1, p.valueLength());
        assertEquals(2, p.pairValueLength());
        assertEquals('v', block[p.pairValueOffset()]);
        assertFalse(p.next());
        assertTrue(p.find(PropertyId.SERVER_KEEP_ALIVE));
        assertFalse(p.find(PropertyId.RECEIVE_MAXIMUM));
    }

    @Test
    void namesEveryIdentifier() {
        assertEquals("RECEIVE_MAXIMUM", PropertyId.name(PropertyId.RECEIVE_MAXIMUM));
        assertEquals("UNKNOWN", PropertyId.name(0x04));
        for (int id = 1; id <= PropertyId.MAX_ID; id++) {
            assertEquals(PropertyId.TYPE_UNKNOWN == PropertyId.type(id), "UNKNOWN".equals(PropertyId.name(id)), "id " + id);
        }
    }
}
