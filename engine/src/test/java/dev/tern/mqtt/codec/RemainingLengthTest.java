package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RemainingLengthTest {

    static Stream<Arguments> boundaries() {
        return Stream.of(
                Arguments.of(0, bytes(0x00)),                                 // smallest, 1 byte
                Arguments.of(127, bytes(0x7F)),                               // largest 1-byte
                Arguments.of(128, bytes(0x80, 0x01)),                         // smallest 2-byte
                Arguments.of(16383, bytes(0xFF, 0x7F)),                       // largest 2-byte
                Arguments.of(16384, bytes(0x80, 0x80, 0x01)),                 // smallest 3-byte
                Arguments.of(2097151, bytes(0xFF, 0xFF, 0x7F)),               // largest 3-byte
                Arguments.of(2097152, bytes(0x80, 0x80, 0x80, 0x01)),         // smallest 4-byte
                Arguments.of(268435455, bytes(0xFF, 0xFF, 0xFF, 0x7F)));      // largest value
    }

    @ParameterizedTest
    @MethodSource("boundaries")
    void encodesAndDecodesBoundaryValuesInTheFewestBytes(int value, byte[] encoded) {
        byte[] dst = new byte[6];
        assertEquals(encoded.length, RemainingLength.size(value));
        assertEquals(encoded.length, RemainingLength.write(dst, 1, value));
        assertArrayEquals(encoded, java.util.Arrays.copyOfRange(dst, 1, 1 + encoded.length));
        assertEquals(value, RemainingLength.read(encoded, 0, encoded.length));
    }

    @ParameterizedTest
    @MethodSource("boundaries")
    void needsMoreBytesUntilTheLastLengthByte(int value, byte[] encoded) {
        for (int available = 0; available < encoded.length; available++) {
            assertStatus(CodecStatus.NEED_MORE_BYTES, RemainingLength.read(encoded, 0, available));
        }
    }

    @Test
    void refusesAFifthByte() {
        // 0xFF 0xFF 0xFF 0xFF: the fourth byte still says "continue"; refused without a fifth
        assertStatus(CodecStatus.MALFORMED_REMAINING_LENGTH, RemainingLength.read(bytes(0xFF, 0xFF, 0xFF, 0xFF), 0, 4));
        assertStatus(CodecStatus.MALFORMED_REMAINING_LENGTH,
                RemainingLength.read(bytes(0x80, 0x80, 0x80, 0x80, 0x01), 0, 5));
    }

    @Test
    void refusesNonMinimalEncodings() {
        assertStatus(CodecStatus.NON_MINIMAL_REMAINING_LENGTH, RemainingLength.read(bytes(0x80, 0x00), 0, 2)); // 0 in 2 bytes
        assertStatus(CodecStatus.NON_MINIMAL_REMAINING_LENGTH, RemainingLength.read(bytes(0xFF, 0x00), 0, 2)); // 127 in 2
        assertStatus(CodecStatus.NON_MINIMAL_REMAINING_LENGTH,
                RemainingLength.read(bytes(0x80, 0x81, 0x00), 0, 3));                                 // 128 in 3
        assertStatus(CodecStatus.NON_MINIMAL_REMAINING_LENGTH,
                RemainingLength.read(bytes(0xFF, 0xFF, 0xFF, 0x00), 0, 4));                           // 2097151 in 4
    }

    @Test
    void decoderRefusesMalformedLengthsInAPacket() {
        assertStatus(CodecStatus.MALFORMED_REMAINING_LENGTH, Vectors.status(bytes(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)));
        assertStatus(CodecStatus.NON_MINIMAL_REMAINING_LENGTH, Vectors.status(bytes(0xC0, 0x80, 0x00))); // PINGREQ, RL 0 in 2 bytes
    }

    @Test
    void decodesAPacketWithTheLargestRemainingLength() {
        // PUBLISH whose Remaining Length is 268435455; only the header is needed to see its size
        PacketDecoder decoder = new PacketDecoder(Integer.MAX_VALUE);
        DecodedPacket out = new DecodedPacket();
        byte[] header = bytes(0x30, 0xFF, 0xFF, 0xFF, 0x7F);
        assertStatus(CodecStatus.NEED_MORE_BYTES, decoder.decode(header, 0, header.length, out));
        assertEquals(268435455, out.remainingLength());
        assertEquals(268435460, out.totalLength());
    }
}
