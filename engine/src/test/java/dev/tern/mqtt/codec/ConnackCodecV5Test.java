package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static dev.tern.mqtt.codec.Vectors.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MQTT 5 CONNACK (3.2): Reason Code and every property a broker may send. */
class ConnackCodecV5Test {

    @Test
    void encodesEveryConnackProperty() {
        byte[] props = Blocks5.connack();
        assertEncodes(Vectors5.CONNACK_FULL, (dst, offset, capacity) ->
                ConnackCodec.encode5(dst, offset, capacity, true, ReasonCode.SUCCESS, props, 0, props.length));
    }

    @Test
    void decodesEveryConnackPropertyInPlace() {
        DecodedPacket d = Vectors5.decode(Vectors5.CONNACK_FULL);
        assertTrue(d.sessionPresent());
        assertEquals(ReasonCode.SUCCESS, d.reasonCode());
        Properties p = new Properties();
        p.wrap(d);
        int[] expectedIds = {0x11, 0x21, 0x24, 0x25, 0x27, 0x12, 0x22, 0x1F, 0x26, 0x28, 0x29, 0x2A, 0x13, 0x1A, 0x1C, 0x15, 0x16};
        int i = 0;
        while (p.next()) {
            assertEquals(expectedIds[i++], p.id());
        }
        assertEquals(expectedIds.length, i);
        assertTrue(p.find(PropertyId.RECEIVE_MAXIMUM));
        assertEquals(10, p.intValue());
        assertTrue(p.find(PropertyId.MAXIMUM_QOS));
        assertEquals(1, p.intValue());
        assertTrue(p.find(PropertyId.SERVER_KEEP_ALIVE));
        assertEquals(30, p.intValue());
        assertTrue(p.find(PropertyId.ASSIGNED_CLIENT_IDENTIFIER));
        assertEquals("id", string(d, p.valueOffset(), p.valueLength()));
        assertFalse(p.find(PropertyId.TOPIC_ALIAS));
    }

    @Test
    void decodesARefusalByReasonCode() {
        DecodedPacket d = Vectors5.decode(Vectors5.CONNACK_REFUSED);
        assertFalse(d.sessionPresent());
        assertEquals(ReasonCode.BAD_USER_NAME_OR_PASSWORD, d.reasonCode());
        assertEquals("BAD_USER_NAME_OR_PASSWORD", ReasonCode.name(d.reasonCode(), d.type()));
    }

    @Test
    void everyConnackReasonCodeDecodesAndOthersAreRefused() {
        int accepted = 0;
        for (int code = 0; code < 256; code++) {
            int status = Vectors5.status(bytes(0x20, 0x03, 0x00, code, 0x00));
            if (ReasonCode.isAllowed(code, PacketType.CONNACK)) {
                assertEquals(5, status, "code " + code);
                accepted++;
            } else {
                assertStatus(CodecStatus.INVALID_REASON_CODE, status);
            }
        }
        assertEquals(22, accepted); // Table 3-1: Success and 21 failures
    }

    @Test
    void refusesTheBadInputsIssue12Lists() {
        assertStatus(CodecStatus.RECEIVE_MAXIMUM_ZERO, Vectors5.status(bytes(0x20, 0x06, 0x00, 0x00, 0x03, 0x21, 0x00, 0x00)));
        assertStatus(CodecStatus.MAXIMUM_PACKET_SIZE_ZERO,
                Vectors5.status(bytes(0x20, 0x08, 0x00, 0x00, 0x05, 0x27, 0x00, 0x00, 0x00, 0x00)));
        assertStatus(CodecStatus.INVALID_MAXIMUM_QOS, Vectors5.status(bytes(0x20, 0x05, 0x00, 0x00, 0x02, 0x24, 0x02)));
        assertStatus(CodecStatus.PROPERTY_NOT_0_OR_1, Vectors5.status(bytes(0x20, 0x05, 0x00, 0x00, 0x02, 0x25, 0x02)));
        assertStatus(CodecStatus.UNKNOWN_PROPERTY, Vectors5.status(bytes(0x20, 0x05, 0x00, 0x00, 0x02, 0x04, 0x00)));
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED, Vectors5.status(bytes(0x20, 0x06, 0x00, 0x00, 0x03, 0x23, 0x00, 0x01)));
        assertStatus(CodecStatus.SESSION_PRESENT_WITH_REFUSAL, Vectors5.status(bytes(0x20, 0x03, 0x01, 0x87, 0x00)));
        assertStatus(CodecStatus.INVALID_CONNACK_FLAGS, Vectors5.status(bytes(0x20, 0x03, 0x02, 0x00, 0x00)));
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors5.status(bytes(0x20, 0x02, 0x00, 0x00))); // no Property Length
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors5.status(bytes(0x20, 0x04, 0x00, 0x00, 0x00, 0x00)));
        assertStatus(CodecStatus.INVALID_REASON_CODE, ConnackCodec.encode5(new byte[8], 0, 8, false, 0x10, null, 0, 0));
        assertStatus(CodecStatus.SESSION_PRESENT_WITH_REFUSAL, ConnackCodec.encode5(new byte[8], 0, 8, true, 0x80, null, 0, 0));
    }
}
