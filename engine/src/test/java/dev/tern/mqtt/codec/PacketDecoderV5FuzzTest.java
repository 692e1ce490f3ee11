package dev.tern.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.tern.testsupport.fuzz.GeneratedInputs;

/**
 * Fuzz target: {@link PacketDecoder#decode} as MQTT 5 on arbitrary bytes. The properties of
 * {@link PacketDecoderFuzzTest} (a named result, only the packet's bytes read and none written,
 * ranges inside the packet, a cut valid packet is NEED_MORE_BYTES), and for MQTT 5:
 * <ul>
 * <li>the properties of a decoded packet (and of its Will) iterate with {@link Properties} to
 * exactly the end of their block, and every string or binary value lies inside it;</li>
 * <li>a packet that decodes re-encodes with the v5 encoders to bytes that decode to the same
 * fields; re-encoding is idempotent (MQTT 5 has more than one encoding of some packets: a PUBACK
 * with Reason Code 0 and no properties may be 2 or 4 bytes long, and the encoder writes the
 * shortest), never longer than the original, written inside its packet only, and nothing at all
 * with one byte too little room.</li>
 * </ul>
 * Seeds: {@code PacketDecoderV5FuzzTestInputs/decode/}, every vector of {@link Vectors5}.
 */
class PacketDecoderV5FuzzTest {

    static final int MAX_PACKET = 1024;

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) {
        check(data);
    }

    @Test
    void generatedInputsKeepEveryProperty() {
        GeneratedInputs.run("PacketDecoderV5FuzzTest", 20261202L, 20_000, 300,
                GeneratedInputs.corpus(PacketDecoderV5FuzzTest.class, "decode"), PacketDecoderV5FuzzTest::check);
    }

    @Test
    void everyVectorIsASeed() {
        assertEquals(Vectors5.all().size(), GeneratedInputs.corpus(PacketDecoderV5FuzzTest.class, "decode").size());
        for (byte[] vector : Vectors5.all()) {
            check(vector);
        }
    }

    static void check(byte[] data) {
        PacketDecoder decoder = new PacketDecoder(MAX_PACKET, ProtocolLevel.V5);
        DecodedPacket exact = new DecodedPacket();
        int result = decoder.decode(data, 0, data.length, exact);
        PacketDecoderFuzzTest.assertNamed(result);

        int margin = PacketDecoderFuzzTest.MARGIN;
        DecodedPacket low = new DecodedPacket();
        byte[] lowFill = PacketDecoderFuzzTest.embedded(data, (byte) 0x00);
        byte[] highFill = PacketDecoderFuzzTest.embedded(data, (byte) 0xFF);
        byte[] lowBefore = lowFill.clone();
        assertEquals(result, decoder.decode(lowFill, margin, data.length, low), "result depends on bytes before/after");
        assertEquals(result, decoder.decode(highFill, margin, data.length, new DecodedPacket()),
                "result depends on bytes before/after");
        assertArrayEquals(lowBefore, lowFill, "decoder wrote into the receive buffer");
        if (result < 0) {
            return;
        }
        assertTrue(result >= FixedHeader.MIN_SIZE && result <= data.length, "length " + result);
        assertEquals(fields(exact, 0), fields(low, margin), "decoded fields depend on bytes around the packet");
        PacketDecoderFuzzTest.assertInside(exact, result);
        assertProperties(exact.buffer(), exact.propertiesOffset(), exact.propertiesLength(), result);
        assertProperties(exact.buffer(), exact.willPropertiesOffset(), exact.willPropertiesLength(), result);

        reencodes(decoder, exact, result);
        for (int cut = 0; cut < result; cut += result <= 64 ? 1 : 1 + result / 64) {
            assertEquals(CodecStatus.NEED_MORE_BYTES, decoder.decode(data, 0, cut, new DecodedPacket()),
                    "a valid " + PacketType.name(exact.type()) + " of " + result + " bytes refused when cut at " + cut);
        }
    }

    /** The fields of {@link PacketDecoderFuzzTest#fields} and the MQTT 5 ones. */
    private static String fields(DecodedPacket p, int base) {
        StringBuilder text = new StringBuilder(PacketDecoderFuzzTest.fields(p, base));
        text.append(" r").append(p.reasonCode())
                .append(" props ").append(PacketDecoderFuzzTest.rel(p.propertiesOffset(), base)).append('+')
                .append(p.propertiesLength())
                .append(" will ").append(PacketDecoderFuzzTest.rel(p.willPropertiesOffset(), base)).append('+')
                .append(p.willPropertiesLength());
        p.rewindFilters();
        while (p.nextFilter()) {
            text.append(" o").append(p.filterOptions());
        }
        return text.toString();
    }

    /** Content only, no offsets: what a re-encoded packet must keep. */
    private static String content(DecodedPacket p) {
        byte[] b = p.buffer();
        StringBuilder text = new StringBuilder();
        text.append(p.type()).append(' ').append(p.packetId()).append(" q").append(p.qos()).append(p.dup())
                .append(p.retain()).append(" c").append(p.sessionPresent()).append(" r").append(p.reasonCode())
                .append(" t").append(hex(b, p.topicOffset(), p.topicLength()))
                .append(" p").append(hex(b, p.payloadOffset(), p.payloadLength()))
                .append(" codes").append(hex(b, p.returnCodesOffset(), p.returnCodeCount()))
                .append(" props").append(hex(b, p.propertiesOffset(), p.propertiesLength()))
                .append(" will").append(hex(b, p.willPropertiesOffset(), p.willPropertiesLength()));
        p.rewindFilters();
        while (p.nextFilter()) {
            text.append(" f").append(hex(b, p.filterOffset(), p.filterLength())).append('@').append(p.filterOptions());
        }
        if (PacketType.CONNECT == p.type()) {
            text.append(" k").append(p.keepAliveSeconds()).append(p.cleanSession()).append(p.willFlag())
                    .append(p.willQos()).append(p.willRetain()).append(p.hasUserName()).append(p.hasPassword())
                    .append(hex(b, p.clientIdOffset(), p.clientIdLength()))
                    .append(' ').append(hex(b, p.willTopicOffset(), p.willTopicLength()))
                    .append(' ').append(hex(b, p.willMessageOffset(), p.willMessageLength()))
                    .append(' ').append(hex(b, p.userNameOffset(), p.userNameLength()))
                    .append(' ').append(hex(b, p.passwordOffset(), p.passwordLength()));
        }
        return text.toString();
    }

    private static String hex(byte[] b, int offset, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(String.format("%02x", b[offset + i]));
        }
        return text.toString();
    }

    /** Iterates a decoded block: it ends exactly at its end, every value inside it. */
    private static void assertProperties(byte[] buffer, int offset, int length, int packetLength) {
        if (0 == length) {
            return;
        }
        byte[] exact = Arrays.copyOfRange(buffer, offset, offset + length); // a read past the block throws
        Properties p = new Properties();
        p.wrap(exact, 0, exact.length);
        int count = 0;
        while (p.next()) {
            count++;
            int type = PropertyId.type(p.id());
            assertTrue(PropertyId.TYPE_UNKNOWN != type, "unknown property " + p.id());
            if (PropertyId.TYPE_STRING == type || PropertyId.TYPE_BINARY == type || PropertyId.TYPE_STRING_PAIR == type) {
                assertTrue(p.valueOffset() + p.valueLength() <= exact.length, "value past the block");
            }
            if (PropertyId.TYPE_STRING_PAIR == type) {
                assertTrue(p.pairValueOffset() + p.pairValueLength() <= exact.length, "pair value past the block");
            }
            assertTrue(p.longValue() >= 0);
        }
        assertTrue(count > 0 && count <= length / 2, count + " properties in " + length + " bytes");
        assertTrue(offset > 0 && offset + length <= packetLength, "properties outside the packet");
    }

    private static void reencodes(PacketDecoder decoder, DecodedPacket p, int originalLength) {
        int margin = PacketDecoderFuzzTest.MARGIN;
        byte[] canvas = new byte[originalLength + 2 * margin];
        Arrays.fill(canvas, (byte) 0xA5);
        int size = encode(p, canvas, margin, originalLength);
        assertTrue(size >= FixedHeader.MIN_SIZE && size <= originalLength,
                PacketType.name(p.type()) + " re-encodes to " + CodecStatus.name(size) + " " + size);
        for (int i = 0; i < canvas.length; i++) {
            if (i < margin || i >= margin + size) {
                assertEquals((byte) 0xA5, canvas[i], "encoder wrote outside its packet at " + (i - margin));
            }
        }
        byte[] again = Arrays.copyOfRange(canvas, margin, margin + size);
        DecodedPacket second = new DecodedPacket();
        assertEquals(size, decoder.decode(again, 0, again.length, second), PacketType.name(p.type()) + " re-encoded is refused");
        assertEquals(content(p), content(second), PacketType.name(p.type()) + " changes in a round trip");
        byte[] third = new byte[size];
        assertEquals(size, encode(second, third, 0, size));
        assertArrayEquals(again, third, "re-encoding is not idempotent");
        byte[] tooSmall = new byte[size + 2 * margin];
        Arrays.fill(tooSmall, (byte) 0x5A);
        assertEquals(CodecStatus.INSUFFICIENT_CAPACITY, encode(second, tooSmall, margin, size - 1));
        for (byte b : tooSmall) {
            assertEquals((byte) 0x5A, b, "encoder wrote although the packet did not fit");
        }
    }

    /** The v5 encoder call for what was decoded. */
    static int encode(DecodedPacket p, byte[] dst, int offset, int capacity) {
        byte[] src = p.buffer();
        int props = p.propertiesOffset();
        int propsLength = p.propertiesLength();
        switch (p.type()) {
            case PacketType.CONNECT:
                return ConnectCodec.encode(dst, offset, capacity, PacketDecoderFuzzTest.connectParameters(p));
            case PacketType.CONNACK:
                return ConnackCodec.encode5(dst, offset, capacity, p.sessionPresent(), p.reasonCode(), src, props, propsLength);
            case PacketType.PUBLISH:
                return PublishCodec.encode5(dst, offset, capacity, p.qos(), p.dup(), p.retain(), p.packetId(),
                        src, p.topicOffset(), p.topicLength(), src, props, propsLength, src, p.payloadOffset(), p.payloadLength());
            case PacketType.SUBACK:
            case PacketType.UNSUBACK:
                return SubackCodec.encode5(dst, offset, capacity, p.type(), p.packetId(), src, props, propsLength,
                        src, p.returnCodesOffset(), p.returnCodeCount());
            case PacketType.SUBSCRIBE:
            case PacketType.UNSUBSCRIBE: {
                int[] offsets = new int[p.filterCount()];
                int[] lengths = new int[p.filterCount()];
                int[] options = new int[p.filterCount()];
                int n = 0;
                p.rewindFilters();
                while (p.nextFilter()) {
                    offsets[n] = p.filterOffset();
                    lengths[n] = p.filterLength();
                    options[n++] = p.filterOptions();
                }
                return PacketType.SUBSCRIBE == p.type()
                        ? SubscribeCodec.encodeSubscribe5(dst, offset, capacity, p.packetId(), src, props, propsLength,
                                src, offsets, lengths, options, n)
                        : SubscribeCodec.encodeUnsubscribe5(dst, offset, capacity, p.packetId(), src, props, propsLength,
                                src, offsets, lengths, n);
            }
            case PacketType.PINGREQ:
            case PacketType.PINGRESP:
                return EmptyPacketCodec.encode(dst, offset, capacity, p.type());
            case PacketType.DISCONNECT:
            case PacketType.AUTH:
                return DisconnectCodec.encode5(dst, offset, capacity, p.type(), p.reasonCode(), src, props, propsLength);
            default: // PUBACK, PUBREC, PUBREL, PUBCOMP
                return AckCodec.encode5(dst, offset, capacity, p.type(), p.packetId(), p.reasonCode(), src, props, propsLength);
        }
    }
}
