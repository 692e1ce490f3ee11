package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static dev.tern.mqtt.codec.Vectors.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MQTT 5 PUBACK, PUBREC, PUBREL, PUBCOMP (3.4 to 3.7): the short forms, Reason Codes, properties. */
class AckCodecV5Test {

    @Test
    void writesTheShortestFormThatCarriesTheReasonAndProperties() {
        assertEncodes(Vectors5.PUBACK_SHORT, (dst, offset, capacity) ->
                AckCodec.encode5(dst, offset, capacity, PacketType.PUBACK, 10, ReasonCode.SUCCESS, null, 0, 0));
        assertEncodes(Vectors5.PUBACK_REASON_ONLY, (dst, offset, capacity) ->
                AckCodec.encode5(dst, offset, capacity, PacketType.PUBACK, 10, ReasonCode.NO_MATCHING_SUBSCRIBERS, null, 0, 0));
        assertFull(Vectors5.PUBACK_FULL, PacketType.PUBACK, ReasonCode.QUOTA_EXCEEDED);
        assertFull(Vectors5.PUBREC_FULL, PacketType.PUBREC, ReasonCode.NOT_AUTHORIZED);
        assertFull(Vectors5.PUBREL_FULL, PacketType.PUBREL, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND);
        assertFull(Vectors5.PUBCOMP_FULL, PacketType.PUBCOMP, ReasonCode.SUCCESS);
    }

    private static void assertFull(byte[] vector, int type, int reasonCode) {
        byte[] props = Blocks5.ack(type);
        assertEncodes(vector, (dst, offset, capacity) ->
                AckCodec.encode5(dst, offset, capacity, type, 10, reasonCode, props, 0, props.length));
        DecodedPacket d = Vectors5.decode(vector);
        assertEquals(type, d.type());
        assertEquals(10, d.packetId());
        assertEquals(reasonCode, d.reasonCode());
        Properties p = new Properties();
        p.wrap(d);
        assertTrue(p.find(PropertyId.REASON_STRING));
        assertEquals("full", string(d, p.valueOffset(), p.valueLength()));
    }

    @Test
    void decodesEveryFormTheStandardAllows() {
        assertEquals(ReasonCode.SUCCESS, Vectors5.decode(Vectors5.PUBACK_SHORT).reasonCode());
        assertEquals(ReasonCode.NO_MATCHING_SUBSCRIBERS, Vectors5.decode(Vectors5.PUBACK_REASON_ONLY).reasonCode());
        DecodedPacket d = Vectors5.decode(bytes(0x50, 0x04, 0x00, 0x0A, 0x97, 0x00)); // RL 4, Property Length 0
        assertEquals(ReasonCode.QUOTA_EXCEEDED, d.reasonCode());
        assertEquals(0, d.propertiesLength());
    }

    @Test
    void refusesReasonCodesThePacketDoesNotDefine() {
        assertStatus(CodecStatus.INVALID_REASON_CODE, Vectors5.status(bytes(0x40, 0x03, 0x00, 0x0A, 0x92))); // PUBACK 0x92
        assertStatus(CodecStatus.INVALID_REASON_CODE, Vectors5.status(bytes(0x62, 0x03, 0x00, 0x0A, 0x80))); // PUBREL 0x80
        assertStatus(CodecStatus.INVALID_REASON_CODE, Vectors5.status(bytes(0x70, 0x03, 0x00, 0x0A, 0x10))); // PUBCOMP 0x10
        assertStatus(CodecStatus.INVALID_REASON_CODE,
                AckCodec.encode5(new byte[8], 0, 8, PacketType.PUBREL, 1, ReasonCode.QUOTA_EXCEEDED, null, 0, 0));
    }

    @Test
    void refusesBadLengthsAndProperties() {
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors5.status(bytes(0x40, 0x01, 0x00)));
        assertStatus(CodecStatus.CODEC_INVALID_PACKET_ID, Vectors5.status(bytes(0x40, 0x02, 0x00, 0x00)));
        assertStatus(CodecStatus.PROPERTY_LENGTH_EXCEEDS_PACKET, Vectors5.status(bytes(0x40, 0x05, 0x00, 0x0A, 0x00, 0x02, 0x1F)));
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors5.status(bytes(0x40, 0x05, 0x00, 0x0A, 0x00, 0x00, 0x00)));
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED,
                Vectors5.status(bytes(0x40, 0x07, 0x00, 0x0A, 0x00, 0x02, 0x25, 0x01, 0x00)));
        assertStatus(CodecStatus.DUPLICATE_PROPERTY,
                Vectors5.status(bytes(0x40, 0x0B, 0x00, 0x0A, 0x80, 0x07, 0x1F, 0x00, 0x00, 0x1F, 0x00, 0x01, 'x')));
        assertStatus(CodecStatus.UTF8_SURROGATE,
                Vectors5.status(bytes(0x40, 0x0A, 0x00, 0x0A, 0x80, 0x06, 0x1F, 0x00, 0x03, 0xED, 0xA0, 0x80)));
        assertStatus(CodecStatus.VALUE_OUT_OF_RANGE,
                AckCodec.encode5(new byte[8], 0, 8, PacketType.UNSUBACK, 1, ReasonCode.SUCCESS, null, 0, 0));
    }
}
