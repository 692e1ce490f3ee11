package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnackCodecTest {

    @Test
    void encodesConnackExactly() {
        assertEncodes(Vectors.CONNACK_SESSION_PRESENT, (d, o, c) -> ConnackCodec.encode(d, o, c, true, ConnackCodec.ACCEPTED));
        assertEncodes(Vectors.CONNACK_NOT_AUTHORIZED,
                (d, o, c) -> ConnackCodec.encode(d, o, c, false, ConnackCodec.REFUSED_NOT_AUTHORIZED));
    }

    @Test
    void decodesSessionPresentAndReturnCode() {
        DecodedPacket p = Vectors.decode(Vectors.CONNACK_SESSION_PRESENT);
        assertEquals(PacketType.CONNACK, p.type());
        assertTrue(p.sessionPresent());
        assertEquals(ConnackCodec.ACCEPTED, p.returnCode());
        p = Vectors.decode(Vectors.CONNACK_NOT_AUTHORIZED);
        assertFalse(p.sessionPresent());
        assertEquals(ConnackCodec.REFUSED_NOT_AUTHORIZED, p.returnCode());
    }

    @Test
    void acceptsEveryReturnCodeOfTable31() {
        for (int rc = 0; rc <= 5; rc++) {
            assertEquals(rc, Vectors.decode(bytes(0x20, 0x02, 0x00, rc)).returnCode());
        }
    }

    @Test
    void refusesReservedAcknowledgeFlags() {
        assertStatus(CodecStatus.INVALID_CONNACK_FLAGS, Vectors.status(bytes(0x20, 0x02, 0x02, 0x00))); // bit 1
        assertStatus(CodecStatus.INVALID_CONNACK_FLAGS, Vectors.status(bytes(0x20, 0x02, 0x80, 0x00))); // bit 7
        assertStatus(CodecStatus.INVALID_CONNACK_FLAGS, Vectors.status(bytes(0x20, 0x02, 0xFF, 0x00)));
    }

    @Test
    void refusesReservedReturnCodes() {
        assertStatus(CodecStatus.INVALID_CONNACK_RETURN_CODE, Vectors.status(bytes(0x20, 0x02, 0x00, 0x06)));
        assertStatus(CodecStatus.INVALID_CONNACK_RETURN_CODE, Vectors.status(bytes(0x20, 0x02, 0x00, 0x80)));
        assertStatus(CodecStatus.INVALID_CONNACK_RETURN_CODE, Vectors.status(bytes(0x20, 0x02, 0x00, 0xFF)));
        assertStatus(CodecStatus.INVALID_CONNACK_RETURN_CODE, ConnackCodec.encode(new byte[4], 0, 4, false, 6));
        assertStatus(CodecStatus.INVALID_CONNACK_RETURN_CODE, ConnackCodec.encode(new byte[4], 0, 4, false, -1));
    }

    @Test
    void refusesSessionPresentWithARefusal() {
        // [MQTT-3.2.2-4]: Session Present 1 with return code 1
        assertStatus(CodecStatus.SESSION_PRESENT_WITH_REFUSAL, Vectors.status(bytes(0x20, 0x02, 0x01, 0x01)));
        assertStatus(CodecStatus.SESSION_PRESENT_WITH_REFUSAL, Vectors.status(bytes(0x20, 0x02, 0x01, 0x05)));
        assertStatus(CodecStatus.SESSION_PRESENT_WITH_REFUSAL,
                ConnackCodec.encode(new byte[4], 0, 4, true, ConnackCodec.REFUSED_SERVER_UNAVAILABLE));
    }
}
