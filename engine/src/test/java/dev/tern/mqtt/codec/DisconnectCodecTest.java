package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static dev.tern.mqtt.codec.Vectors.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MQTT 5 DISCONNECT (3.14) and AUTH (3.15). */
class DisconnectCodecTest {

    @Test
    void writesTheShortestDisconnectThatCarriesTheReasonAndProperties() {
        assertEncodes(Vectors5.DISCONNECT_SHORT, (dst, offset, capacity) ->
                DisconnectCodec.encodeDisconnect5(dst, offset, capacity, ReasonCode.NORMAL_DISCONNECTION, null, 0, 0));
        assertEncodes(Vectors5.DISCONNECT_REASON_ONLY, (dst, offset, capacity) ->
                DisconnectCodec.encodeDisconnect5(dst, offset, capacity, ReasonCode.SESSION_TAKEN_OVER, null, 0, 0));
        byte[] props = Blocks5.disconnect();
        assertEncodes(Vectors5.DISCONNECT_FULL, (dst, offset, capacity) -> DisconnectCodec.encodeDisconnect5(dst, offset,
                capacity, ReasonCode.DISCONNECT_WITH_WILL_MESSAGE, props, 0, props.length));
    }

    @Test
    void decodesAServerDisconnectWithItsReasonByName() {
        DecodedPacket d = Vectors5.decode(Vectors5.DISCONNECT_REASON_ONLY);
        assertEquals("SESSION_TAKEN_OVER", ReasonCode.name(d.reasonCode(), d.type()));
        assertEquals("NORMAL_DISCONNECTION", ReasonCode.name(Vectors5.decode(Vectors5.DISCONNECT_SHORT).reasonCode(),
                PacketType.DISCONNECT));
        d = Vectors5.decode(Vectors5.DISCONNECT_FULL);
        Properties p = new Properties();
        p.wrap(d);
        assertTrue(p.find(PropertyId.REASON_STRING));
        assertEquals("bye", string(d, p.valueOffset(), p.valueLength()));
        assertTrue(p.find(PropertyId.SERVER_REFERENCE));
    }

    @Test
    void decodesAuthSoTheClientCanRefuseItByName() {
        byte[] props = Blocks5.auth();
        assertEncodes(Vectors5.AUTH_FULL, (dst, offset, capacity) -> DisconnectCodec.encode5(dst, offset, capacity,
                PacketType.AUTH, ReasonCode.CONTINUE_AUTHENTICATION, props, 0, props.length));
        DecodedPacket d = Vectors5.decode(Vectors5.AUTH_FULL);
        assertEquals(PacketType.AUTH, d.type());
        assertEquals("auth", PacketType.name(d.type()));
        assertEquals(ReasonCode.CONTINUE_AUTHENTICATION, d.reasonCode());
        // type 15 is reserved in 3.1.1
        assertStatus(CodecStatus.RESERVED_PACKET_TYPE, Vectors.status(Vectors5.AUTH_FULL));
    }

    @Test
    void refusesBadReasonCodesFlagsAndProperties() {
        assertStatus(CodecStatus.INVALID_REASON_CODE, Vectors5.status(bytes(0xE0, 0x01, 0x10))); // PUBACK's 0x10
        assertStatus(CodecStatus.INVALID_REASON_CODE, Vectors5.status(bytes(0xF0, 0x01, 0x80))); // not an AUTH code
        assertStatus(CodecStatus.INVALID_FLAGS, Vectors5.status(bytes(0xF1, 0x00)));
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED, Vectors5.status(bytes(0xE0, 0x04, 0x00, 0x02, 0x24, 0x01)));
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED, Vectors5.status(bytes(0xF0, 0x06, 0x00, 0x04, 0x11, 0x00, 0x00, 0x00)));
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors5.status(bytes(0xE0, 0x03, 0x00, 0x00, 0x00)));
        assertStatus(CodecStatus.AUTH_DATA_WITHOUT_METHOD, Vectors5.status(bytes(0xF0, 0x06, 0x18, 0x04, 0x16, 0x00, 0x01, 0x2A)));
        assertStatus(CodecStatus.VALUE_OUT_OF_RANGE,
                DisconnectCodec.encode5(new byte[8], 0, 8, PacketType.PUBACK, ReasonCode.SUCCESS, null, 0, 0));
    }
}
