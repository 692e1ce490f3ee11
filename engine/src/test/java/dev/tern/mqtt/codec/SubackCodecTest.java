package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SubackCodecTest {

    @Test
    void encodesSubackExactly() {
        byte[] codes = bytes(0x55, SubackCodec.GRANTED_QOS_1, SubackCodec.FAILURE);
        assertEncodes(Vectors.SUBACK, (d, o, c) -> SubackCodec.encode(d, o, c, 10, codes, 1, 2));
    }

    @Test
    void decodesReturnCodesInOrder() {
        DecodedPacket p = Vectors.decode(Vectors.SUBACK);
        assertEquals(PacketType.SUBACK, p.type());
        assertEquals(10, p.packetId());
        assertEquals(2, p.returnCodeCount());
        assertEquals(4, p.returnCodesOffset());
        assertEquals(SubackCodec.GRANTED_QOS_1, p.returnCode(0));
        assertEquals(SubackCodec.FAILURE, p.returnCode(1));
    }

    @Test
    void acceptsOnlyReturnCodes0To2And0x80() {
        for (int rc = 0; rc < 256; rc++) {
            int expected = rc <= 2 || 0x80 == rc ? 5 : CodecStatus.INVALID_SUBACK_RETURN_CODE;
            int result = Vectors.status(bytes(0x90, 0x03, 0x00, 0x01, rc)); // SUBACK id 1, one return code
            assertEquals(CodecStatus.name(expected), CodecStatus.name(result), "return code " + rc);
            if (expected < 0) {
                assertStatus(expected, SubackCodec.encode(new byte[8], 0, 8, 1, bytes(rc), 0, 1));
            }
        }
    }

    @Test
    void refusesPacketIdZeroAndAnEmptyList() {
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, Vectors.status(bytes(0x90, 0x03, 0x00, 0x00, 0x00)));
        assertStatus(CodecStatus.NO_TOPIC_FILTER, Vectors.status(bytes(0x90, 0x02, 0x00, 0x01)));
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(bytes(0x90, 0x01, 0x00)));
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, SubackCodec.encode(new byte[8], 0, 8, 0, bytes(0), 0, 1));
        assertStatus(CodecStatus.NO_TOPIC_FILTER, SubackCodec.encode(new byte[8], 0, 8, 1, bytes(0), 0, 0));
    }
}
