package dev.tern.bench.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.eclipse.paho.client.mqttv3.internal.wire.MqttPublish;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttWireMessage;
import org.junit.jupiter.api.Test;

/** The codec benchmarks compare like with like: both sides make and read the same bytes. */
class CodecVectorsTest {

    private final CodecVectors vectors = new CodecVectors();

    @Test
    void ternAndPahoEncodeTheSamePublishBytes() throws Exception {
        assertEquals(CodecVectors.PUBLISH_LENGTH, vectors.ternEncodePublish());
        byte[] tern = Arrays.copyOf(vectors.out, CodecVectors.PUBLISH_LENGTH);
        assertEquals(CodecVectors.PUBLISH_LENGTH, vectors.pahoEncodePublish());
        assertArrayEquals(tern, Arrays.copyOf(vectors.out, CodecVectors.PUBLISH_LENGTH));
        assertEquals(0x32, tern[0] & 0xFF, "PUBLISH, QoS 1, no DUP, no RETAIN");
    }

    @Test
    void ternAndPahoEncodeTheSamePubackBytes() throws Exception {
        assertEquals(4, vectors.ternEncodePuback());
        byte[] tern = Arrays.copyOf(vectors.out, 4);
        assertEquals(4, vectors.pahoEncodePuback());
        assertArrayEquals(new byte[] {0x40, 0x02, (byte) (CodecVectors.PACKET_ID >> 8), (byte) CodecVectors.PACKET_ID}, tern);
        assertArrayEquals(tern, Arrays.copyOf(vectors.out, 4));
    }

    @Test
    void bothDecodersReadThePacketIdTopicAndPayload() throws Exception {
        assertEquals(CodecVectors.PUBLISH_LENGTH, vectors.ternDecode(vectors.publishPacket));
        assertEquals(CodecVectors.PACKET_ID, vectors.decoded.packetId());
        assertEquals(CodecVectors.TOPIC.length(), vectors.decoded.topicLength());
        assertEquals(CodecVectors.PAYLOAD_LENGTH, vectors.decoded.payloadLength());
        MqttPublish paho = (MqttPublish) CodecVectors.pahoDecode(vectors.publishPacket);
        assertEquals(CodecVectors.PACKET_ID, paho.getMessageId());
        assertEquals(CodecVectors.TOPIC, paho.getTopicName());
        assertArrayEquals(vectors.payload, paho.getMessage().getPayload());

        assertEquals(4, vectors.ternDecode(vectors.pubackPacket));
        assertEquals(CodecVectors.PACKET_ID, vectors.decoded.packetId());
        MqttWireMessage ack = CodecVectors.pahoDecode(vectors.pubackPacket);
        assertEquals(MqttWireMessage.MESSAGE_TYPE_PUBACK, ack.getType());
        assertEquals(CodecVectors.PACKET_ID, ack.getMessageId());
    }

    @Test
    void theMqtt5PublishCarriesItsTwoPropertiesAndDecodes() {
        assertEquals(CodecVectors.PUBLISH5_LENGTH, vectors.ternEncodePublish5());
        assertEquals(CodecVectors.PUBLISH5_LENGTH, vectors.ternDecode5(vectors.publish5Packet));
        assertEquals(CodecVectors.PACKET_ID, vectors.decoded.packetId());
        assertEquals(CodecVectors.PAYLOAD_LENGTH, vectors.decoded.payloadLength());
        assertEquals(8, vectors.decoded.propertiesLength());
        assertEquals(60, vectors.messageExpiry());
    }
}
