package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Utf8Test {

    private static int check(byte[] b) {
        // at an offset, with a byte on each side that must not be read
        byte[] padded = new byte[b.length + 2];
        padded[0] = (byte) 0xE2;
        System.arraycopy(b, 0, padded, 1, b.length);
        padded[padded.length - 1] = (byte) 0x80;
        return Utf8.check(padded, 1, b.length);
    }

    @Test
    void acceptsWellFormedTextOfEveryLength() {
        assertStatus(CodecStatus.OK, check(bytes()));
        assertStatus(CodecStatus.OK, check("sensors/temp ~\u007f".getBytes(StandardCharsets.UTF_8)));
        assertStatus(CodecStatus.OK, check(bytes(0xC2, 0x80)));                // U+0080, smallest 2-byte
        assertStatus(CodecStatus.OK, check(bytes(0xDF, 0xBF)));                // U+07FF, largest 2-byte
        assertStatus(CodecStatus.OK, check(bytes(0xE0, 0xA0, 0x80)));          // U+0800, smallest 3-byte
        assertStatus(CodecStatus.OK, check(bytes(0xED, 0x9F, 0xBF)));          // U+D7FF, just below surrogates
        assertStatus(CodecStatus.OK, check(bytes(0xEE, 0x80, 0x80)));          // U+E000, just above surrogates
        assertStatus(CodecStatus.OK, check(bytes(0xEF, 0xBB, 0xBF)));          // U+FEFF, kept [MQTT-1.5.3-3]
        assertStatus(CodecStatus.OK, check(bytes(0xEF, 0xBF, 0xBF)));          // U+FFFF, a non-character: allowed
        assertStatus(CodecStatus.OK, check(bytes(0xF0, 0x90, 0x80, 0x80)));    // U+10000, smallest 4-byte
        assertStatus(CodecStatus.OK, check(bytes('A', 0xF0, 0xAA, 0x9B, 0x94))); // "A" U+2A6D4, the 1.5.3.1 example
        assertStatus(CodecStatus.OK, check(bytes(0xF4, 0x8F, 0xBF, 0xBF)));    // U+10FFFF, the largest
        assertStatus(CodecStatus.OK, check("\u6e29\u5ea6/\u00fc".getBytes(StandardCharsets.UTF_8)));
    }

    static Stream<Arguments> illFormed() {
        return Stream.of(
                Arguments.of(bytes(0x00), CodecStatus.UTF8_NULL_CHARACTER),                // U+0000
                Arguments.of(bytes('a', 0x00, 'b'), CodecStatus.UTF8_NULL_CHARACTER),      // U+0000 inside
                Arguments.of(bytes(0xED, 0xA0, 0x80), CodecStatus.UTF8_SURROGATE),         // U+D800
                Arguments.of(bytes(0xED, 0xBF, 0xBF), CodecStatus.UTF8_SURROGATE),         // U+DFFF
                Arguments.of(bytes(0xED, 0xA0, 0xBD, 0xED, 0xB2, 0xA9), CodecStatus.UTF8_SURROGATE), // CESU-8 pair
                Arguments.of(bytes(0xC0, 0x80), CodecStatus.UTF8_OVERLONG),                // U+0000 in 2 bytes
                Arguments.of(bytes(0xC1, 0xBF), CodecStatus.UTF8_OVERLONG),                // U+007F in 2 bytes
                Arguments.of(bytes(0xE0, 0x80, 0xAF), CodecStatus.UTF8_OVERLONG),          // '/' in 3 bytes
                Arguments.of(bytes(0xE0, 0x9F, 0xBF), CodecStatus.UTF8_OVERLONG),          // U+07FF in 3 bytes
                Arguments.of(bytes(0xF0, 0x8F, 0xBF, 0xBF), CodecStatus.UTF8_OVERLONG),    // U+FFFF in 4 bytes
                Arguments.of(bytes(0xC3), CodecStatus.UTF8_TRUNCATED),                     // 2-byte cut at the end
                Arguments.of(bytes(0xE2, 0x82), CodecStatus.UTF8_TRUNCATED),               // 3-byte cut at the end
                Arguments.of(bytes(0xF0, 0x9F, 0x98), CodecStatus.UTF8_TRUNCATED),         // 4-byte cut at the end
                Arguments.of(bytes(0xC3, 'a'), CodecStatus.UTF8_TRUNCATED),                // cut by an ASCII byte
                Arguments.of(bytes(0xE2, 0x82, 0xC3, 0xA9), CodecStatus.UTF8_TRUNCATED),   // cut by a new sequence
                Arguments.of(bytes(0x80), CodecStatus.UTF8_ILL_FORMED),                    // lone continuation
                Arguments.of(bytes('a', 0xBF), CodecStatus.UTF8_ILL_FORMED),               // stray continuation
                Arguments.of(bytes(0xF4, 0x90, 0x80, 0x80), CodecStatus.UTF8_ILL_FORMED),  // U+110000, too large
                Arguments.of(bytes(0xF5, 0x80, 0x80, 0x80), CodecStatus.UTF8_ILL_FORMED),  // never a first byte
                Arguments.of(bytes(0xFF), CodecStatus.UTF8_ILL_FORMED));                   // never in UTF-8
    }

    @ParameterizedTest
    @MethodSource("illFormed")
    void refusesIllFormedTextWithItsNamedStatus(byte[] text, int expected) {
        assertStatus(expected, check(text));
    }

    @ParameterizedTest
    @MethodSource("illFormed")
    void decoderRefusesIllFormedTextInATopicName(byte[] text, int expected) {
        // PUBLISH QoS 0 with the text as the Topic Name: 0x30, RL, length, text
        byte[] packet = Vectors.concat(bytes(0x30, 2 + text.length, 0, text.length), text);
        assertStatus(expected, Vectors.status(packet));
    }

    @ParameterizedTest
    @MethodSource("illFormed")
    void decoderRefusesIllFormedTextInAClientId(byte[] text, int expected) {
        byte[] packet = Vectors.concat(
                bytes(0x10, 12 + text.length),            // CONNECT, Remaining Length
                bytes(0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 0), // name, level, clean session, keep alive 0
                bytes(0, text.length), text);              // Client Identifier
        assertStatus(expected, Vectors.status(packet));
    }
}
