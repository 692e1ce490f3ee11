package dev.tern.bench.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPubAck;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPublish;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttWireMessage;

import dev.tern.mqtt.codec.AckCodec;
import dev.tern.mqtt.codec.DecodedPacket;
import dev.tern.mqtt.codec.PacketDecoder;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.codec.Properties;
import dev.tern.mqtt.codec.PropertyId;
import dev.tern.mqtt.codec.PropertyWriter;
import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.mqtt.codec.PublishCodec;

/**
 * The packets the codec benchmarks encode and decode, and one encode/decode of each with Tern's
 * codec and with Paho's wire classes: a PUBLISH at QoS 1 with a 64-byte payload on a 20-byte
 * topic, and its PUBACK. The benchmarks call these; the test checks both sides give the same bytes.
 * The same PUBLISH in MQTT 5 (Tern only) carries what a board's reading would: a Message Expiry
 * Interval and a Topic Alias, written with {@link PropertyWriter} and read back with {@link Properties}.
 */
public final class CodecVectors {

    public static final String TOPIC = "tern/bench/codec/t01";
    public static final int PAYLOAD_LENGTH = 64;
    public static final int PACKET_ID = 4242;
    public static final int QOS = 1;
    /** Fixed header (2) + topic length (2) + topic + packet id (2) + payload. */
    public static final int PUBLISH_LENGTH = 2 + 2 + TOPIC.length() + 2 + PAYLOAD_LENGTH;

    public final byte[] topic = TOPIC.getBytes(StandardCharsets.UTF_8);
    public final byte[] payload = new byte[PAYLOAD_LENGTH];
    /** Tern encodes into and Paho's encoding is copied into this buffer, as a socket write would take it. */
    public final byte[] out = new byte[256];
    public final byte[] publishPacket;
    public final byte[] pubackPacket;
    public final PacketDecoder decoder = new PacketDecoder(1024);
    public final DecodedPacket decoded = new DecodedPacket();
    /** MQTT 5: Property Length 8, Message Expiry Interval 60 (5 bytes), Topic Alias 1 (3 bytes). */
    public static final int PUBLISH5_LENGTH = PUBLISH_LENGTH + 9;
    public final byte[] properties = new byte[16];
    public final PropertyWriter writer = new PropertyWriter();
    public final Properties reader = new Properties();
    public final PacketDecoder decoder5 = new PacketDecoder(1024, ProtocolLevel.V5);
    public final byte[] publish5Packet;

    public CodecVectors() {
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        publishPacket = Arrays.copyOf(out, ternEncodePublish());
        pubackPacket = Arrays.copyOf(out, ternEncodePuback());
        publish5Packet = Arrays.copyOf(out, ternEncodePublish5());
    }

    /** Tern, MQTT 5: the properties written, then the PUBLISH into {@link #out}; returns its length. */
    public int ternEncodePublish5() {
        writer.wrap(properties, 0, properties.length, PacketType.PUBLISH);
        writer.addInt32(PropertyId.MESSAGE_EXPIRY_INTERVAL, 60);
        writer.addInt16(PropertyId.TOPIC_ALIAS, 1);
        return PublishCodec.encode5(out, 0, out.length, QOS, false, false, PACKET_ID, topic, 0, topic.length,
                properties, 0, writer.length(), payload, 0, payload.length);
    }

    /** Tern, MQTT 5: decodes (properties validated) into {@link #decoded}; returns its total length or a status. */
    public int ternDecode5(byte[] packet) {
        return decoder5.decode(packet, 0, packet.length, decoded);
    }

    /** Tern, MQTT 5: what a receiver reads from the properties: the Message Expiry Interval (0 if none). */
    public long messageExpiry() {
        reader.wrap(decoded);
        return reader.find(PropertyId.MESSAGE_EXPIRY_INTERVAL) ? reader.longValue() : 0;
    }

    /** Tern: the PUBLISH into {@link #out}; returns its length. */
    public int ternEncodePublish() {
        return PublishCodec.encode(out, 0, out.length, QOS, false, false, PACKET_ID, topic, 0, topic.length,
                payload, 0, payload.length);
    }

    /** Tern: the PUBACK into {@link #out}; returns its length. */
    public int ternEncodePuback() {
        return AckCodec.encodePuback(out, 0, out.length, PACKET_ID);
    }

    /** Tern: decodes {@code packet} into {@link #decoded}; returns its total length or a status. */
    public int ternDecode(byte[] packet) {
        return decoder.decode(packet, 0, packet.length, decoded);
    }

    /**
     * Paho, as its client does for each publish: a message and a wire PUBLISH made for it, then
     * header and payload encoded (getHeader, getPayload) and copied into {@link #out}.
     */
    public int pahoEncodePublish() throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(QOS);
        MqttPublish publish = new MqttPublish(TOPIC, message);
        publish.setMessageId(PACKET_ID);
        return copyOut(publish.getHeader(), publish.getPayload());
    }

    /** Paho: a PUBACK as its client makes one for a received QoS 1 PUBLISH, encoded into {@link #out}. */
    public int pahoEncodePuback() throws MqttException {
        MqttPubAck ack = new MqttPubAck(PACKET_ID);
        return copyOut(ack.getHeader(), ack.getPayload());
    }

    /** Paho: the whole packet parsed into its wire message (MqttWireMessage.createWireMessage). */
    public static MqttWireMessage pahoDecode(byte[] packet) throws MqttException {
        return MqttWireMessage.createWireMessage(packet);
    }

    private int copyOut(byte[] header, byte[] body) {
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(body, 0, out, header.length, body.length);
        return header.length + body.length;
    }
}
