package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** MQTT 5 SUBACK (3.9) and UNSUBACK (3.11): properties and a Reason Code per filter. */
class SubackCodecV5Test {

    private static final byte[] SUBACK_CODES = bytes(0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2);
    private static final byte[] UNSUBACK_CODES = bytes(0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91);

    @Test
    void encodesAndDecodesEverySubackReasonCode() {
        byte[] props = Blocks5.suback(PacketType.SUBACK);
        assertEncodes(Vectors5.SUBACK_FULL, (dst, offset, capacity) -> SubackCodec.encode5(dst, offset, capacity,
                PacketType.SUBACK, 11, props, 0, props.length, SUBACK_CODES, 0, SUBACK_CODES.length));
        DecodedPacket d = Vectors5.decode(Vectors5.SUBACK_FULL);
        assertEquals(SUBACK_CODES.length, d.returnCodeCount());
        for (int i = 0; i < SUBACK_CODES.length; i++) {
            assertEquals(SUBACK_CODES[i] & 0xFF, d.returnCode(i));
        }
    }

    @Test
    void encodesAndDecodesEveryUnsubackReasonCode() {
        byte[] props = Blocks5.suback(PacketType.UNSUBACK);
        assertEncodes(Vectors5.UNSUBACK_FULL, (dst, offset, capacity) -> SubackCodec.encode5(dst, offset, capacity,
                PacketType.UNSUBACK, 12, props, 0, props.length, UNSUBACK_CODES, 0, UNSUBACK_CODES.length));
        DecodedPacket d = Vectors5.decode(Vectors5.UNSUBACK_FULL);
        assertEquals(12, d.packetId());
        assertEquals(UNSUBACK_CODES.length, d.returnCodeCount());
        assertEquals(ReasonCode.NO_SUBSCRIPTION_EXISTED, d.returnCode(1));
    }

    @Test
    void refusesCodesTheOtherPacketDefinesAndAnEmptyList() {
        assertStatus(CodecStatus.INVALID_REASON_CODE, Vectors5.status(bytes(0x90, 0x04, 0x00, 0x01, 0x00, 0x11))); // 0x11 is UNSUBACK's
        assertStatus(CodecStatus.INVALID_REASON_CODE, Vectors5.status(bytes(0xB0, 0x04, 0x00, 0x01, 0x00, 0x01))); // 0x01 is SUBACK's
        assertStatus(CodecStatus.NO_TOPIC_FILTER, Vectors5.status(bytes(0x90, 0x03, 0x00, 0x01, 0x00)));
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors5.status(bytes(0xB0, 0x01, 0x00)));
        assertStatus(CodecStatus.INVALID_REASON_CODE, SubackCodec.encode5(new byte[16], 0, 16, PacketType.UNSUBACK, 1,
                null, 0, 0, bytes(0x02), 0, 1));
        assertStatus(CodecStatus.VALUE_OUT_OF_RANGE, SubackCodec.encode5(new byte[16], 0, 16, PacketType.PUBACK, 1,
                null, 0, 0, bytes(0x00), 0, 1));
    }
}
