package dev.tern.mqtt.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

import dev.tern.mqtt.codec.AckCodec;
import dev.tern.mqtt.codec.ConnackCodec;
import dev.tern.mqtt.codec.DisconnectCodec;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.codec.PropertyWriter;
import dev.tern.mqtt.codec.PublishCodec;
import dev.tern.mqtt.codec.SubackCodec;

/** MQTT 5 packets a broker sends, encoded with the engine's own (separately tested) codec. */
final class Packets5 {

    private static final Consumer<PropertyWriter> NONE = writer -> { };

    private Packets5() {
    }

    static byte[] connack(boolean sessionPresent, int reasonCode) {
        return connack(sessionPresent, reasonCode, NONE);
    }

    /** A CONNACK whose properties {@code properties} adds, e.g. {@code w -> w.addInt16(RECEIVE_MAXIMUM, 2)}. */
    static byte[] connack(boolean sessionPresent, int reasonCode, Consumer<PropertyWriter> properties) {
        byte[] block = properties(PacketType.CONNACK, properties);
        byte[] packet = new byte[block.length + 16];
        return Arrays.copyOf(packet, check(ConnackCodec.encode5(packet, 0, packet.length, sessionPresent, reasonCode,
                block, 0, block.length)));
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP with a Reason Code and no properties. */
    static byte[] ack(int type, int id, int reasonCode) {
        byte[] packet = new byte[8];
        return Arrays.copyOf(packet, check(AckCodec.encode5(packet, 0, packet.length, type, id, reasonCode, null, 0, 0)));
    }

    static byte[] unsuback(int id, int... reasonCodes) {
        return subackOrUnsuback(PacketType.UNSUBACK, id, reasonCodes);
    }

    static byte[] suback(int id, int... reasonCodes) {
        return subackOrUnsuback(PacketType.SUBACK, id, reasonCodes);
    }

    private static byte[] subackOrUnsuback(int type, int id, int... reasonCodes) {
        byte[] codes = new byte[reasonCodes.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) reasonCodes[i];
        }
        byte[] packet = new byte[codes.length + 16];
        return Arrays.copyOf(packet, check(SubackCodec.encode5(packet, 0, packet.length, type, id, null, 0, 0, codes, 0,
                codes.length)));
    }

    static byte[] disconnect(int reasonCode) {
        byte[] packet = new byte[8];
        return Arrays.copyOf(packet, check(DisconnectCodec.encodeDisconnect5(packet, 0, packet.length, reasonCode,
                null, 0, 0)));
    }

    static byte[] auth(int reasonCode) {
        byte[] packet = new byte[8];
        return Arrays.copyOf(packet, check(DisconnectCodec.encode5(packet, 0, packet.length, PacketType.AUTH, reasonCode,
                null, 0, 0)));
    }

    static byte[] publish(int qos, boolean dup, int id, String topic, String payload) {
        return publish(qos, dup, id, topic, payload, NONE);
    }

    static byte[] publish(int qos, boolean dup, int id, String topic, String payload, Consumer<PropertyWriter> properties) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        byte[] block = properties(PacketType.PUBLISH, properties);
        byte[] packet = new byte[t.length + p.length + block.length + 16];
        return Arrays.copyOf(packet, check(PublishCodec.encode5(packet, 0, packet.length, qos, dup, false, id,
                t, 0, t.length, block, 0, block.length, p, 0, p.length)));
    }

    private static byte[] properties(int context, Consumer<PropertyWriter> properties) {
        byte[] block = new byte[256];
        PropertyWriter writer = new PropertyWriter();
        writer.wrap(block, 0, block.length, context);
        properties.accept(writer);
        return Arrays.copyOf(block, writer.length());
    }

    private static int check(int length) {
        if (length < 0) {
            throw new IllegalStateException("test packet does not encode: status=" + length);
        }
        return length;
    }
}
