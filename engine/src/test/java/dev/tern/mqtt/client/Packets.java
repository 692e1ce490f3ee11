package dev.tern.mqtt.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.tern.mqtt.codec.AckCodec;
import dev.tern.mqtt.codec.ConnackCodec;
import dev.tern.mqtt.codec.EmptyPacketCodec;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.codec.PublishCodec;
import dev.tern.mqtt.codec.SubackCodec;

/** Packets a broker sends, built with the codec (so a test states what, not how). */
final class Packets {

    private Packets() {
    }

    static byte[] connack(boolean sessionPresent, int returnCode) {
        byte[] packet = new byte[ConnackCodec.SIZE];
        check(ConnackCodec.encode(packet, 0, packet.length, sessionPresent, returnCode));
        return packet;
    }

    static byte[] puback(int id) {
        return ack(PacketType.PUBACK, id);
    }

    static byte[] pubrec(int id) {
        return ack(PacketType.PUBREC, id);
    }

    static byte[] pubrel(int id) {
        return ack(PacketType.PUBREL, id);
    }

    static byte[] pubcomp(int id) {
        return ack(PacketType.PUBCOMP, id);
    }

    static byte[] unsuback(int id) {
        return ack(PacketType.UNSUBACK, id);
    }

    static byte[] ack(int type, int id) {
        byte[] packet = new byte[AckCodec.SIZE];
        check(AckCodec.encode(packet, 0, packet.length, type, id));
        return packet;
    }

    static byte[] suback(int id, int... returnCodes) {
        byte[] codes = new byte[returnCodes.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) returnCodes[i];
        }
        byte[] packet = new byte[64];
        return Arrays.copyOf(packet, check(SubackCodec.encode(packet, 0, packet.length, id, codes, 0, codes.length)));
    }

    static byte[] pingresp() {
        byte[] packet = new byte[EmptyPacketCodec.SIZE];
        check(EmptyPacketCodec.encodePingresp(packet, 0, packet.length));
        return packet;
    }

    static byte[] publish(int qos, boolean dup, int id, String topic, String payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        byte[] packet = new byte[t.length + p.length + 16];
        return Arrays.copyOf(packet, check(PublishCodec.encode(packet, 0, packet.length, qos, dup, false, id,
                t, 0, t.length, p, 0, p.length)));
    }

    static byte[] concat(byte[]... packets) {
        int length = 0;
        for (byte[] packet : packets) {
            length += packet.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] packet : packets) {
            System.arraycopy(packet, 0, all, at, packet.length);
            at += packet.length;
        }
        return all;
    }

    private static int check(int length) {
        if (length < 0) {
            throw new IllegalStateException("test packet does not encode: status=" + length);
        }
        return length;
    }
}
