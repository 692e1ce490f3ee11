package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tern.mqtt.codec.CodecStatus;

/** What the broker must not do, and what the engine does when it does. */
class MqttClientProtocolErrorTest {

    private static ClientHarness connected() {
        ClientHarness h = new ClientHarness(ClientHarness.config()).connect(false);
        h.broker.take();
        return h;
    }

    private static void assertClosedWith(ClientHarness h, int status) {
        assertFalse(h.client.isConnected());
        assertFalse(h.broker.isOpen());
        assertEquals(status, h.client.lastStatus(), () -> ClientStatus.name(h.client.lastStatus()));
        assertEquals(new RecordingListener.ConnectionChange(false, false, status), h.listener.connectionChanges.get(1));
    }

    @Test
    void pubackForQos2MessageClosesWithAckOutOfFlow() {
        ClientHarness h = connected();
        int id = h.publish("t", "x", 2);
        h.poll();
        h.receive(Packets.puback(id));
        assertClosedWith(h, ClientStatus.ACK_OUT_OF_FLOW);
        assertTrue(h.listener.completions.isEmpty());
        assertEquals(1, h.client.inflight());
    }

    @Test
    void pubrecForQos1MessageClosesWithAckOutOfFlow() {
        ClientHarness h = connected();
        int id = h.publish("t", "x", 1);
        h.poll();
        h.receive(Packets.pubrec(id));
        assertClosedWith(h, ClientStatus.ACK_OUT_OF_FLOW);
        assertTrue(h.listener.completions.isEmpty());
    }

    @Test
    void pubcompBeforePubrelClosesWithAckOutOfFlow() {
        ClientHarness h = connected();
        int id = h.publish("t", "x", 2);
        h.poll();
        h.receive(Packets.pubcomp(id));
        assertClosedWith(h, ClientStatus.ACK_OUT_OF_FLOW);
    }

    @Test
    void unknownPubackPubcompAndUnsubackAreIgnored() {
        ClientHarness h = connected();
        h.receive(Packets.puback(77), Packets.pubcomp(78), Packets.unsuback(79));
        assertTrue(h.client.isConnected());
        assertTrue(h.broker.take().isEmpty());
        assertTrue(h.listener.completions.isEmpty());
    }

    @Test
    void pubrecForUnknownIdIsAnsweredWithPubrel() {
        ClientHarness h = connected();
        h.receive(Packets.pubrec(4242));
        assertEquals(List.of("pubrel 4242"), h.broker.takeNames());
        assertTrue(h.client.isConnected());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("reserved flag bit in PUBACK", new byte[] {
                        0x41, 0x02,             // PUBACK with flags 0001 (must be 0000)
                        0x00, 0x01}, CodecStatus.INVALID_FLAGS),
                Arguments.of("non-minimal Remaining Length", new byte[] {
                        0x40, (byte) 0x82, 0x00, // PUBACK, Remaining Length 2 in two bytes
                        0x00, 0x01}, CodecStatus.NON_MINIMAL_REMAINING_LENGTH),
                Arguments.of("reserved packet type 15", new byte[] {
                        (byte) 0xF0, 0x00}, CodecStatus.RESERVED_PACKET_TYPE),
                Arguments.of("PUBLISH at QoS 3", new byte[] {
                        0x36, 0x05,             // PUBLISH, QoS bits 11
                        0x00, 0x01, 't', 0x00, 0x01}, CodecStatus.CODEC_INVALID_QOS),
                Arguments.of("PUBLISH at QoS 0 with DUP", new byte[] {
                        0x38, 0x04,             // PUBLISH, DUP 1, QoS 0
                        0x00, 0x01, 't', 'x'}, CodecStatus.DUP_WITH_QOS_0),
                Arguments.of("packet id 0", new byte[] {
                        0x40, 0x02, 0x00, 0x00}, CodecStatus.CODEC_INVALID_PACKET_ID),
                Arguments.of("wildcard in a received Topic Name", new byte[] {
                        0x30, 0x04,             // PUBLISH QoS 0
                        0x00, 0x01, '#', 'x'}, CodecStatus.WILDCARD_IN_TOPIC_NAME),
                Arguments.of("PUBACK with Remaining Length 3", new byte[] {
                        0x40, 0x03, 0x00, 0x01, 0x00}, CodecStatus.INVALID_REMAINING_LENGTH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedBytesCloseWithTheCodecStatus(String what, byte[] bytes, int status) {
        ClientHarness h = connected();
        h.receive(bytes);
        assertClosedWith(h, status);
        assertTrue(h.listener.messages.isEmpty());
        assertTrue(h.broker.take().isEmpty());
    }

    @Test
    void packetsOnlyAClientSendsCloseWithUnexpectedPacket() {
        byte[][] clientOnly = {
                {(byte) 0xC0, 0x00},                              // PINGREQ
                {(byte) 0xE0, 0x00},                              // DISCONNECT
                {(byte) 0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 'a', 0x00}, // SUBSCRIBE id 1 "a" QoS 0
        };
        for (byte[] packet : clientOnly) {
            ClientHarness h = connected();
            h.receive(packet);
            assertClosedWith(h, ClientStatus.UNEXPECTED_PACKET);
        }
    }

    @Test
    void subackForAPublishIdClosesWithAckOutOfFlow() {
        ClientHarness h = connected();
        int id = h.publish("t", "x", 1);
        h.poll();
        h.receive(Packets.suback(id, 0));
        assertClosedWith(h, ClientStatus.ACK_OUT_OF_FLOW);
    }
}
