package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PacketDecoderTest {

    static Stream<byte[]> packets() {
        return Vectors.all().stream();
    }

    /** Every field the decoder fills, as text, with offsets made relative to the packet start. */
    private static String fields(DecodedPacket p) {
        int base = p.offset();
        java.util.function.IntUnaryOperator rel = o -> 0 == o ? 0 : o - base; // absent fields stay 0
        StringBuilder s = new StringBuilder();
        s.append(p.type()).append(' ').append(p.flags()).append(' ').append(p.remainingLength()).append(' ')
                .append(p.totalLength()).append(' ').append(p.packetId()).append(' ').append(p.qos()).append(p.dup())
                .append(p.retain()).append(' ').append(rel.applyAsInt(p.topicOffset())).append(',').append(p.topicLength())
                .append(' ').append(rel.applyAsInt(p.payloadOffset())).append(',').append(p.payloadLength()).append(' ')
                .append(p.sessionPresent()).append(p.returnCode()).append(' ').append(p.returnCodeCount()).append('@')
                .append(rel.applyAsInt(p.returnCodesOffset()))
                .append(' ').append(p.filterCount()).append(' ').append(p.clientIdLength()).append(p.willTopicLength())
                .append(p.willMessageLength()).append(p.userNameLength()).append(p.passwordLength()).append('@')
                .append(rel.applyAsInt(p.clientIdOffset())).append(',').append(rel.applyAsInt(p.willTopicOffset()))
                .append(',').append(rel.applyAsInt(p.willMessageOffset())).append(',').append(rel.applyAsInt(p.userNameOffset()))
                .append(',').append(rel.applyAsInt(p.passwordOffset())).append(' ')
                .append(p.keepAliveSeconds());
        p.rewindFilters();
        while (p.nextFilter()) {
            s.append(" f").append(p.filterOffset() - base).append(',').append(p.filterLength()).append(',').append(p.filterQos());
        }
        return s.toString();
    }

    @ParameterizedTest
    @MethodSource("packets")
    void needsMoreBytesUntilTheLastByteArrivesFedByteByByte(byte[] packet) {
        String whole = fields(Vectors.decode(packet));
        byte[] receive = new byte[packet.length + 16];
        Arrays.fill(receive, (byte) 0xFF); // bytes not yet received: must never be read
        int at = 5;
        DecodedPacket out = new DecodedPacket();
        for (int received = 0; received < packet.length; received++) {
            assertStatus(CodecStatus.NEED_MORE_BYTES, Vectors.DECODER.decode(receive, at, received, out));
            receive[at + received] = packet[received];
        }
        assertEquals(packet.length, Vectors.DECODER.decode(receive, at, packet.length, out));
        assertSame(receive, out.buffer());
        assertEquals(at, out.offset());
        assertEquals(whole, fields(out));
    }

    @ParameterizedTest
    @MethodSource("packets")
    void decodesIdenticallyWhateverTheSplitPoint(byte[] packet) {
        String whole = fields(Vectors.decode(packet));
        for (int split = 0; split <= packet.length; split++) {
            // first chunk, then the rest, then the next packet already behind it
            byte[] receive = new byte[packet.length * 2 + 3];
            DecodedPacket out = new DecodedPacket();
            System.arraycopy(packet, 0, receive, 3, split);
            int first = Vectors.DECODER.decode(receive, 3, split, out);
            if (split < packet.length) {
                assertStatus(CodecStatus.NEED_MORE_BYTES, first);
            }
            System.arraycopy(packet, split, receive, 3 + split, packet.length - split);
            System.arraycopy(packet, 0, receive, 3 + packet.length, packet.length);
            assertEquals(packet.length, Vectors.DECODER.decode(receive, 3, packet.length * 2, out), "split " + split);
            assertEquals(whole, fields(out), "split " + split);
            assertEquals(packet.length, Vectors.DECODER.decode(receive, 3 + packet.length, packet.length, out));
            assertEquals(whole, fields(out), "second packet, split " + split);
        }
    }

    @Test
    void reportsTheTotalLengthOnceTheFixedHeaderIsComplete() {
        DecodedPacket out = new DecodedPacket();
        byte[] packet = Vectors.SUBSCRIBE;
        assertStatus(CodecStatus.NEED_MORE_BYTES, Vectors.DECODER.decode(packet, 0, 1, out));
        assertEquals(0, out.totalLength());
        assertStatus(CodecStatus.NEED_MORE_BYTES, Vectors.DECODER.decode(packet, 0, 2, out));
        assertEquals(14, out.totalLength());
        assertEquals(PacketType.SUBSCRIBE, out.type());
    }

    @Test
    void refusesAPacketAboveTheMaximumSizeFromItsFixedHeader() {
        PacketDecoder decoder = new PacketDecoder(16);
        DecodedPacket out = new DecodedPacket();
        byte[] header = bytes(0x30, 0x0F);                         // PUBLISH, RL 15: 17 bytes in all
        assertStatus(CodecStatus.CODEC_PACKET_TOO_LARGE, decoder.decode(header, 0, 2, out));
        byte[] fits = bytes(0x30, 0x0E, 0x00, 0x01, 'a');          // RL 14: 16 bytes, body still missing
        assertStatus(CodecStatus.NEED_MORE_BYTES, decoder.decode(fits, 0, fits.length, out));
        assertEquals(16, out.totalLength());
        // a partial Remaining Length already too big: 0x80 means at least 128
        assertStatus(CodecStatus.CODEC_PACKET_TOO_LARGE, new PacketDecoder(100).decode(bytes(0x30, 0x80), 0, 2, out));
        assertStatus(CodecStatus.NEED_MORE_BYTES, new PacketDecoder(200).decode(bytes(0x30, 0x80), 0, 2, out));
        assertStatus(CodecStatus.CODEC_PACKET_TOO_LARGE, new PacketDecoder(16383).decode(bytes(0x30, 0x80, 0x80), 0, 3, out));
        assertStatus(CodecStatus.CODEC_PACKET_TOO_LARGE, new PacketDecoder(2097151).decode(bytes(0x30, 0x80, 0x80, 0x80), 0, 4, out));
        // exactly at the limit
        assertEquals(Vectors.CONNECT_FULL.length, new PacketDecoder(Vectors.CONNECT_FULL.length)
                .decode(Vectors.CONNECT_FULL, 0, Vectors.CONNECT_FULL.length, out));
        assertStatus(CodecStatus.CODEC_PACKET_TOO_LARGE, new PacketDecoder(Vectors.CONNECT_FULL.length - 1)
                .decode(Vectors.CONNECT_FULL, 0, 2, out));
    }

    @Test
    void needsMoreBytesForAnEmptyBuffer() {
        assertStatus(CodecStatus.NEED_MORE_BYTES, Vectors.DECODER.decode(new byte[0], 0, 0, new DecodedPacket()));
    }

    @Test
    void refusesAMaximumBelowTheSmallestPacket() {
        assertThrows(IllegalArgumentException.class, () -> new PacketDecoder(1));
    }

    @Test
    void readsPacketsAsTheConfiguredProtocolLevel() {
        assertEquals(ProtocolLevel.V3_1_1, new PacketDecoder(64).protocolLevel());
        assertEquals(ProtocolLevel.V5, new PacketDecoder(64, ProtocolLevel.V5).protocolLevel());
        assertThrows(IllegalArgumentException.class, () -> new PacketDecoder(64, 3));
        // a PUBACK with a Reason Code: MQTT 5 reads it, 3.1.1 refuses its length from the header
        byte[] puback = bytes(0x40, 0x03, 0x00, 0x01, 0x10);
        assertEquals(ProtocolLevel.V5, Vectors5.decode(puback).protocolVersion());
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(puback));
        // a 3.1.1 CONNACK lacks the Property Length MQTT 5 requires
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors5.status(Vectors.CONNACK_SESSION_PRESENT));
        // a packet over the maximum is refused from its header in MQTT 5 too; DISCONNECT 0x95
        int status = new PacketDecoder(16, ProtocolLevel.V5).decode(bytes(0x30, 0x7F), 0, 2, new DecodedPacket());
        assertStatus(CodecStatus.CODEC_PACKET_TOO_LARGE, status);
        assertEquals(ReasonCode.PACKET_TOO_LARGE, ReasonCode.forViolation(status));
    }
}
