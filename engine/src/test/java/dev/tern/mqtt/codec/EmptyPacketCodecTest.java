package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmptyPacketCodecTest {

    @Test
    void encodesPingreqPingrespDisconnectExactly() {
        assertEncodes(Vectors.PINGREQ, EmptyPacketCodec::encodePingreq);
        assertEncodes(Vectors.PINGRESP, EmptyPacketCodec::encodePingresp);
        assertEncodes(Vectors.DISCONNECT, EmptyPacketCodec::encodeDisconnect);
    }

    @Test
    void decodesPingreqPingrespDisconnect() {
        assertEquals(PacketType.PINGREQ, Vectors.decode(Vectors.PINGREQ).type());
        assertEquals(PacketType.PINGRESP, Vectors.decode(Vectors.PINGRESP).type());
        DecodedPacket p = Vectors.decode(Vectors.DISCONNECT);
        assertEquals(PacketType.DISCONNECT, p.type());
        assertEquals(0, p.remainingLength());
        assertEquals(2, p.totalLength());
    }

    @Test
    void refusesBodiesAndOtherTypes() {
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(bytes(0xC0, 0x01, 0x00))); // PINGREQ with a byte
        assertStatus(CodecStatus.VALUE_OUT_OF_RANGE, EmptyPacketCodec.encode(new byte[4], 0, 4, PacketType.PUBACK));
    }
}
