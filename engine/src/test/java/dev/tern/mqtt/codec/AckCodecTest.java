package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AckCodecTest {

    @Test
    void encodesEachAcknowledgementExactly() {
        assertEncodes(Vectors.PUBACK, (d, o, c) -> AckCodec.encodePuback(d, o, c, 0x1234));
        assertEncodes(Vectors.PUBREC, (d, o, c) -> AckCodec.encodePubrec(d, o, c, 0x1234));
        assertEncodes(Vectors.PUBREL, (d, o, c) -> AckCodec.encodePubrel(d, o, c, 0x1234));
        assertEncodes(Vectors.PUBCOMP, (d, o, c) -> AckCodec.encodePubcomp(d, o, c, 0x1234));
        assertEncodes(Vectors.UNSUBACK, (d, o, c) -> AckCodec.encodeUnsuback(d, o, c, 11));
        assertEncodes(bytes(0x40, 0x02, 0xFF, 0xFF), (d, o, c) -> AckCodec.encodePuback(d, o, c, 65535));
    }

    @Test
    void decodesEachAcknowledgement() {
        assertAck(Vectors.PUBACK, PacketType.PUBACK, 0x1234);
        assertAck(Vectors.PUBREC, PacketType.PUBREC, 0x1234);
        assertAck(Vectors.PUBREL, PacketType.PUBREL, 0x1234);
        assertAck(Vectors.PUBCOMP, PacketType.PUBCOMP, 0x1234);
        assertAck(Vectors.UNSUBACK, PacketType.UNSUBACK, 11);
    }

    private static void assertAck(byte[] packet, int type, int packetId) {
        DecodedPacket p = Vectors.decode(packet);
        assertEquals(type, p.type());
        assertEquals(packetId, p.packetId());
        assertEquals(2, p.remainingLength());
        assertEquals(4, p.totalLength());
    }

    @Test
    void refusesPacketIdZero() {
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, Vectors.status(bytes(0x40, 0x02, 0x00, 0x00))); // PUBACK id 0
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, Vectors.status(bytes(0x50, 0x02, 0x00, 0x00))); // PUBREC id 0
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, Vectors.status(bytes(0x62, 0x02, 0x00, 0x00))); // PUBREL id 0
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, Vectors.status(bytes(0x70, 0x02, 0x00, 0x00))); // PUBCOMP id 0
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, Vectors.status(bytes(0xB0, 0x02, 0x00, 0x00))); // UNSUBACK id 0
        byte[] dst = new byte[8];
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, AckCodec.encodePuback(dst, 0, 8, 0));
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, AckCodec.encodePubrel(dst, 0, 8, 65536));
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, AckCodec.encodePubcomp(dst, 0, 8, -1));
    }

    @Test
    void refusesTypesThatAreNotAcknowledgements() {
        byte[] dst = new byte[8];
        assertStatus(CodecStatus.VALUE_OUT_OF_RANGE, AckCodec.encode(dst, 0, 8, PacketType.CONNACK, 1));
        assertStatus(CodecStatus.VALUE_OUT_OF_RANGE, AckCodec.encode(dst, 0, 8, PacketType.PUBLISH, 1));
        assertStatus(CodecStatus.VALUE_OUT_OF_RANGE, AckCodec.encode(dst, 0, 8, PacketType.PINGREQ, 1));
    }
}
