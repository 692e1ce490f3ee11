package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link PropertyWriter}: the sender applies the receiver's rules, and a refused add leaves the block as it was. */
class PropertyWriterTest {

    private final byte[] buffer = new byte[32];
    private final PropertyWriter writer = new PropertyWriter();

    @Test
    void writesEachValueTypeAsTheStandardEncodesIt() {
        writer.wrap(buffer, 1, 31, PacketType.PUBLISH);
        assertStatus(CodecStatus.OK, writer.addByte(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1));
        assertStatus(CodecStatus.OK, writer.addInt16(PropertyId.TOPIC_ALIAS, 0x0102));
        assertStatus(CodecStatus.OK, writer.addInt32(PropertyId.MESSAGE_EXPIRY_INTERVAL, 0xFFFFFFFEL));
        assertStatus(CodecStatus.OK, writer.addVariableByteInteger(PropertyId.SUBSCRIPTION_IDENTIFIER, 16384));
        assertStatus(CodecStatus.OK, writer.addBytes(PropertyId.CORRELATION_DATA, bytes(9), 0, 1));
        assertStatus(CodecStatus.OK, writer.addUserProperty(Vectors.ascii("kv"), 0, 1, 1, 1));
        byte[] expected = bytes(
                0x01, 0x01,                          // Payload Format Indicator 1
                0x23, 0x01, 0x02,                    // Topic Alias 0x0102
                0x02, 0xFF, 0xFF, 0xFF, 0xFE,        // Message Expiry Interval 0xFFFFFFFE
                0x0B, 0x80, 0x80, 0x01,              // Subscription Identifier 16384 (three-byte VBI)
                0x09, 0x00, 0x01, 0x09,              // Correlation Data 09
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v'); // User Property k=v
        assertEquals(expected.length, writer.length());
        assertArrayEquals(expected, Arrays.copyOfRange(buffer, 1, 1 + writer.length()));
    }

    @Test
    void refusesWhatAReceiverWouldAndKeepsTheBlock() {
        writer.wrap(buffer, 0, buffer.length, PacketType.CONNECT);
        assertStatus(CodecStatus.OK, writer.addInt16(PropertyId.RECEIVE_MAXIMUM, 20));
        int length = writer.length();
        assertStatus(CodecStatus.DUPLICATE_PROPERTY, writer.addInt16(PropertyId.RECEIVE_MAXIMUM, 21));
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED, writer.addInt16(PropertyId.TOPIC_ALIAS, 1));
        assertStatus(CodecStatus.MAXIMUM_PACKET_SIZE_ZERO, writer.addInt32(PropertyId.MAXIMUM_PACKET_SIZE, 0));
        assertStatus(CodecStatus.PROPERTY_NOT_0_OR_1, writer.addByte(PropertyId.REQUEST_PROBLEM_INFORMATION, 2));
        assertStatus(CodecStatus.UTF8_NULL_CHARACTER, writer.addBytes(PropertyId.AUTHENTICATION_METHOD, bytes(0), 0, 1));
        assertStatus(CodecStatus.UTF8_OVERLONG, writer.addUserProperty(bytes('k', 0xC0, 0x80), 0, 1, 1, 2));
        assertStatus(CodecStatus.VALUE_OUT_OF_RANGE, writer.addByte(PropertyId.RECEIVE_MAXIMUM, 1)); // wrong type
        assertStatus(CodecStatus.VALUE_OUT_OF_RANGE, writer.addInt16(PropertyId.TOPIC_ALIAS_MAXIMUM, 65536));
        assertStatus(CodecStatus.INSUFFICIENT_CAPACITY, writer.addBytes(PropertyId.AUTHENTICATION_DATA, new byte[40], 0, 40));
        assertEquals(length, writer.length());
        assertStatus(CodecStatus.OK, Properties.validate(buffer, 0, writer.length(), PacketType.CONNECT));
    }

    @Test
    void theWillIsItsOwnContext() {
        writer.wrap(buffer, 0, buffer.length, PropertyId.WILL_CONTEXT);
        assertStatus(CodecStatus.OK, writer.addInt32(PropertyId.WILL_DELAY_INTERVAL, 5));
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED, writer.addInt32(PropertyId.SESSION_EXPIRY_INTERVAL, 5));
        writer.wrap(buffer, 0, buffer.length, PacketType.PUBLISH);
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED, writer.addInt32(PropertyId.WILL_DELAY_INTERVAL, 5));
    }
}
