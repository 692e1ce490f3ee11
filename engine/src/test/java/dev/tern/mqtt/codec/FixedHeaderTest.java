package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FixedHeaderTest {

    /** The first byte and a Remaining Length: flag violations are found from the first byte alone. */
    private static int decodeFirstByte(int firstByte) {
        return Vectors.status(bytes(firstByte, 0x7F));
    }

    @Test
    void refusesReservedPacketTypes() {
        assertStatus(CodecStatus.RESERVED_PACKET_TYPE, Vectors.status(bytes(0x00, 0x00))); // type 0
        assertStatus(CodecStatus.RESERVED_PACKET_TYPE, Vectors.status(bytes(0xF0, 0x00))); // type 15
        assertStatus(CodecStatus.RESERVED_PACKET_TYPE, Vectors.status(bytes(0xF0)));       // seen from the first byte
    }

    @Test
    void refusesEveryFlagValueTable22DoesNotList() {
        for (int type = PacketType.CONNECT; type <= PacketType.DISCONNECT; type++) {
            if (PacketType.PUBLISH == type) {
                continue;
            }
            for (int flags = 0; flags < 16; flags++) {
                int firstByte = type << 4 | flags;
                int expected = PacketType.requiredFlags(type) == flags ? CodecStatus.OK : CodecStatus.INVALID_FLAGS;
                assertEquals(CodecStatus.name(expected), CodecStatus.name(FixedHeader.check(firstByte)),
                        PacketType.name(type) + " flags " + flags);
                if (CodecStatus.OK != expected) {
                    // the decoder says so from the first byte, before the rest arrives
                    assertStatus(expected, Vectors.DECODER.decode(bytes(firstByte), 0, 1, new DecodedPacket()));
                }
            }
        }
    }

    @Test
    void requiresFlags0010OnPubrelSubscribeUnsubscribe() {
        assertStatus(CodecStatus.INVALID_FLAGS, decodeFirstByte(0x60)); // PUBREL 0000 [MQTT-3.6.1-1]
        assertStatus(CodecStatus.INVALID_FLAGS, decodeFirstByte(0x80)); // SUBSCRIBE 0000 [MQTT-3.8.1-1]
        assertStatus(CodecStatus.INVALID_FLAGS, decodeFirstByte(0xA0)); // UNSUBSCRIBE 0000 [MQTT-3.10.1-1]
        assertStatus(CodecStatus.INVALID_FLAGS, decodeFirstByte(0x42)); // PUBACK 0010
        assertStatus(CodecStatus.INVALID_FLAGS, decodeFirstByte(0xE1)); // DISCONNECT 0001 [MQTT-3.14.1-1]
    }

    @Test
    void refusesPublishQos3AndDupAtQos0() {
        assertStatus(CodecStatus.CODEC_INVALID_QOS, decodeFirstByte(0x36));     // QoS bits 11 [MQTT-3.3.1-4]
        assertStatus(CodecStatus.CODEC_INVALID_QOS, decodeFirstByte(0x3F));     // QoS 3 with DUP and RETAIN
        assertStatus(CodecStatus.DUP_WITH_QOS_0, decodeFirstByte(0x38));  // DUP at QoS 0 [MQTT-3.3.1-2]
        for (int flags : new int[] {0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0xA, 0xB, 0xC, 0xD}) {
            assertStatus(CodecStatus.OK, FixedHeader.check(0x30 | flags));
        }
    }

    @Test
    void refusesAWrongRemainingLengthForFixedSizePacketsFromTheHeader() {
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(bytes(0x40, 0x03, 0, 1, 0))); // PUBACK RL 3
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(bytes(0x40, 0x01)));          // PUBACK RL 1
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(bytes(0x20, 0x03)));          // CONNACK RL 3
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(bytes(0xD0, 0x01)));          // PINGRESP RL 1
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(bytes(0xE0, 0x05)));          // DISCONNECT RL 5
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(bytes(0xB0, 0x00)));          // UNSUBACK RL 0
    }

    @Test
    void namesEveryPacketType() {
        assertEquals("publish", PacketType.name(PacketType.PUBLISH));
        assertEquals("pubrec", PacketType.name(PacketType.PUBREC));
        assertEquals("reserved", PacketType.name(0));
        assertEquals("auth", PacketType.name(15)); // MQTT 5 AUTH; still refused as reserved by a 3.1.1 decoder
    }
}
