package dev.tern.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.tern.testsupport.fuzz.GeneratedInputs;

/**
 * Fuzz target: {@link PacketDecoder#decode} on arbitrary bytes. For every input:
 * <ul>
 * <li>the result is a packet length, {@link CodecStatus#NEED_MORE_BYTES} or a named decoder
 * violation (never an encoder-only status, never an exception);</li>
 * <li>only {@code src[offset .. offset + available)} is used: the same bytes at an offset inside a
 * larger array give the same result and fields whatever the bytes around them (two different
 * canary fills), nothing in the array is written, and every (offset, length) the decoder
 * reports lies inside the packet;</li>
 * <li>a packet that decodes re-encodes to exactly its bytes (MQTT 3.1.1 as the codec checks it
 * has one encoding per packet: minimal Remaining Length, fixed flags), and the encoder writes
 * nothing outside its packet, and nothing at all when the capacity is one byte short;</li>
 * <li>a valid packet cut anywhere before its end is {@link CodecStatus#NEED_MORE_BYTES}, never a
 * violation (incremental receive never refuses a good packet early).</li>
 * </ul>
 * Seeds: {@code PacketDecoderFuzzTestInputs/decode/}, one valid packet of every type.
 */
class PacketDecoderFuzzTest {

    static final int MAX_PACKET = 1024;
    static final int MARGIN = 7;

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) {
        check(data);
    }

    @Test
    void generatedInputsKeepEveryProperty() {
        GeneratedInputs.run("PacketDecoderFuzzTest", 20261126L, 20_000, 300,
                GeneratedInputs.corpus(PacketDecoderFuzzTest.class, "decode"), PacketDecoderFuzzTest::check);
    }

    static void check(byte[] data) {
        PacketDecoder decoder = new PacketDecoder(MAX_PACKET);
        DecodedPacket exact = new DecodedPacket();
        // exactly sized: any read past the end throws
        int result = decoder.decode(data, 0, data.length, exact);
        assertNamed(result);

        DecodedPacket low = new DecodedPacket();
        DecodedPacket high = new DecodedPacket();
        byte[] lowFill = embedded(data, (byte) 0x00);
        byte[] highFill = embedded(data, (byte) 0xFF);
        byte[] lowBefore = lowFill.clone();
        byte[] highBefore = highFill.clone();
        assertEquals(result, decoder.decode(lowFill, MARGIN, data.length, low), "result depends on bytes before/after");
        assertEquals(result, decoder.decode(highFill, MARGIN, data.length, high), "result depends on bytes before/after");
        assertArrayEquals(lowBefore, lowFill, "decoder wrote into the receive buffer");
        assertArrayEquals(highBefore, highFill, "decoder wrote into the receive buffer");
        if (result < 0) {
            return;
        }
        assertTrue(result >= FixedHeader.MIN_SIZE && result <= data.length, "length " + result);
        assertEquals(fields(exact, 0), fields(low, MARGIN), "decoded fields depend on bytes around the packet");
        assertEquals(fields(exact, 0), fields(high, MARGIN), "decoded fields depend on bytes around the packet");
        assertInside(exact, result);

        reencodes(exact, Arrays.copyOf(data, result));
        for (int cut = 0; cut < result; cut += result <= 64 ? 1 : 1 + result / 64) {
            assertEquals(CodecStatus.NEED_MORE_BYTES, decoder.decode(data, 0, cut, new DecodedPacket()),
                    "a valid " + PacketType.name(exact.type()) + " of " + result + " bytes refused when cut at " + cut);
        }
    }

    static void assertNamed(int result) {
        if (result >= 0) {
            return;
        }
        assertNotEquals("UNKNOWN_STATUS", CodecStatus.name(result), "unnamed status " + result);
        assertTrue(result != CodecStatus.INSUFFICIENT_CAPACITY && result != CodecStatus.FIELD_TOO_LONG
                && result != CodecStatus.REMAINING_LENGTH_TOO_LARGE && result != CodecStatus.VALUE_OUT_OF_RANGE,
                "decoder returned an encoder-only status " + CodecStatus.name(result));
    }

    static byte[] embedded(byte[] data, byte fill) {
        byte[] buffer = new byte[data.length + 2 * MARGIN];
        Arrays.fill(buffer, fill);
        System.arraycopy(data, 0, buffer, MARGIN, data.length);
        return buffer;
    }

    /** The decoded fields, offsets made relative to the packet start. */
    static String fields(DecodedPacket p, int base) {
        StringBuilder text = new StringBuilder();
        text.append(p.type()).append(' ').append(p.flags()).append(' ').append(p.remainingLength()).append(' ')
                .append(p.totalLength()).append(' ').append(p.packetId()).append(' ').append(rel(p.offset(), base))
                .append(" q").append(p.qos()).append(p.dup()).append(p.retain())
                .append(" t").append(rel(p.topicOffset(), base)).append('+').append(p.topicLength())
                .append(" p").append(rel(p.payloadOffset(), base)).append('+').append(p.payloadLength())
                .append(" c").append(p.sessionPresent()).append(p.returnCode())
                .append(" s").append(rel(p.returnCodesOffset(), base)).append('+').append(p.returnCodeCount())
                .append(" f").append(p.filterCount());
        p.rewindFilters();
        while (p.nextFilter()) {
            text.append(' ').append(rel(p.filterOffset(), base)).append('+').append(p.filterLength()).append('@')
                    .append(p.filterQos());
        }
        if (PacketType.CONNECT == p.type()) {
            text.append(" k").append(p.keepAliveSeconds()).append(p.cleanSession()).append(p.willFlag())
                    .append(p.willQos()).append(p.willRetain()).append(p.hasUserName()).append(p.hasPassword())
                    .append(' ').append(rel(p.clientIdOffset(), base)).append('+').append(p.clientIdLength())
                    .append(' ').append(rel(p.willTopicOffset(), base)).append('+').append(p.willTopicLength())
                    .append(' ').append(rel(p.willMessageOffset(), base)).append('+').append(p.willMessageLength())
                    .append(' ').append(rel(p.userNameOffset(), base)).append('+').append(p.userNameLength())
                    .append(' ').append(rel(p.passwordOffset(), base)).append('+').append(p.passwordLength());
        }
        return text.toString();
    }

    /** An offset relative to the packet; 0 stays 0 (a field the packet type does not have). */
    static int rel(int offset, int base) {
        return 0 == offset ? 0 : offset - base;
    }

    /** Every range the decoder reports lies inside the packet [0, length). */
    static void assertInside(DecodedPacket p, int length) {
        switch (p.type()) {
            case PacketType.PUBLISH:
                assertRange("topic", p.topicOffset(), p.topicLength(), length);
                assertRange("payload", p.payloadOffset(), p.payloadLength(), length);
                break;
            case PacketType.SUBACK:
            case PacketType.UNSUBACK: // MQTT 5 only: a 3.1.1 UNSUBACK has no codes
                if (p.returnCodeCount() > 0) {
                    assertRange("return codes", p.returnCodesOffset(), p.returnCodeCount(), length);
                }
                break;
            case PacketType.SUBSCRIBE:
            case PacketType.UNSUBSCRIBE:
                p.rewindFilters();
                while (p.nextFilter()) {
                    assertRange("filter", p.filterOffset(), p.filterLength(), length);
                }
                break;
            case PacketType.CONNECT:
                assertRange("client id", p.clientIdOffset(), p.clientIdLength(), length);
                if (p.willFlag()) {
                    assertRange("will topic", p.willTopicOffset(), p.willTopicLength(), length);
                    assertRange("will message", p.willMessageOffset(), p.willMessageLength(), length);
                }
                if (p.hasUserName()) {
                    assertRange("user name", p.userNameOffset(), p.userNameLength(), length);
                }
                if (p.hasPassword()) {
                    assertRange("password", p.passwordOffset(), p.passwordLength(), length);
                }
                break;
            default:
                break;
        }
    }

    static void assertRange(String what, int offset, int length, int packetLength) {
        assertTrue(offset > 0 && length >= 0 && offset + length <= packetLength,
                what + " at " + offset + "+" + length + " outside the packet of " + packetLength + " bytes");
    }

    /** Encodes what was decoded: exactly the original bytes, written inside the packet's range only. */
    private static void reencodes(DecodedPacket p, byte[] original) {
        byte[] canvas = new byte[original.length + 2 * MARGIN];
        Arrays.fill(canvas, (byte) 0xA5);
        assertEquals(original.length, encode(p, canvas, MARGIN, original.length),
                PacketType.name(p.type()) + " does not re-encode");
        assertArrayEquals(original, Arrays.copyOfRange(canvas, MARGIN, MARGIN + original.length),
                PacketType.name(p.type()) + " re-encodes to other bytes");
        for (int i = 0; i < canvas.length; i++) {
            if (i < MARGIN || i >= MARGIN + original.length) {
                assertEquals((byte) 0xA5, canvas[i], "encoder wrote outside its packet at " + (i - MARGIN));
            }
        }
        byte[] tooSmall = new byte[original.length + 2 * MARGIN];
        Arrays.fill(tooSmall, (byte) 0x5A);
        assertEquals(CodecStatus.INSUFFICIENT_CAPACITY, encode(p, tooSmall, MARGIN, original.length - 1),
                PacketType.name(p.type()) + " with one byte too little room");
        for (byte b : tooSmall) {
            assertEquals((byte) 0x5A, b, "encoder wrote although the packet did not fit");
        }
    }

    /** What a decoded CONNECT carries, as encoder input (MQTT 5 properties included). */
    static ConnectParameters connectParameters(DecodedPacket p) {
        byte[] src = p.buffer();
        ConnectParameters c = new ConnectParameters();
        c.protocolLevel(p.protocolLevel());
        c.properties(src, p.propertiesOffset(), p.propertiesLength());
        c.clientId(src, p.clientIdOffset(), p.clientIdLength());
        c.cleanSession(p.cleanSession());
        c.keepAliveSeconds(p.keepAliveSeconds());
        if (p.willFlag()) {
            c.will(src, p.willTopicOffset(), p.willTopicLength(), src, p.willMessageOffset(),
                    p.willMessageLength(), p.willQos(), p.willRetain());
            c.willProperties(src, p.willPropertiesOffset(), p.willPropertiesLength());
        }
        if (p.hasUserName()) {
            c.userName(src, p.userNameOffset(), p.userNameLength());
        }
        if (p.hasPassword()) {
            c.password(src, p.passwordOffset(), p.passwordLength());
        }
        return c;
    }

    private static int encode(DecodedPacket p, byte[] dst, int offset, int capacity) {
        byte[] src = p.buffer();
        switch (p.type()) {
            case PacketType.CONNECT:
                return ConnectCodec.encode(dst, offset, capacity, connectParameters(p));
            case PacketType.CONNACK:
                return ConnackCodec.encode(dst, offset, capacity, p.sessionPresent(), p.returnCode());
            case PacketType.PUBLISH:
                return PublishCodec.encode(dst, offset, capacity, p.qos(), p.dup(), p.retain(), p.packetId(),
                        src, p.topicOffset(), p.topicLength(), src, p.payloadOffset(), p.payloadLength());
            case PacketType.SUBACK:
                return SubackCodec.encode(dst, offset, capacity, p.packetId(), src, p.returnCodesOffset(),
                        p.returnCodeCount());
            case PacketType.SUBSCRIBE:
            case PacketType.UNSUBSCRIBE: {
                int[] offsets = new int[p.filterCount()];
                int[] lengths = new int[p.filterCount()];
                int[] qos = new int[p.filterCount()];
                int n = 0;
                p.rewindFilters();
                while (p.nextFilter()) {
                    offsets[n] = p.filterOffset();
                    lengths[n] = p.filterLength();
                    qos[n++] = p.filterQos();
                }
                return PacketType.SUBSCRIBE == p.type()
                        ? SubscribeCodec.encodeSubscribe(dst, offset, capacity, p.packetId(), src, offsets, lengths, qos, n)
                        : SubscribeCodec.encodeUnsubscribe(dst, offset, capacity, p.packetId(), src, offsets, lengths, n);
            }
            case PacketType.PINGREQ:
            case PacketType.PINGRESP:
            case PacketType.DISCONNECT:
                return EmptyPacketCodec.encode(dst, offset, capacity, p.type());
            default: // PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK
                return AckCodec.encode(dst, offset, capacity, p.type(), p.packetId());
        }
    }
}
