package dev.tern.bench.clients;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few MQTT 3.1.1 packets the wire publisher and the wire subscriber need, encoded by hand
 * (no client library, not Tern's codec): what a minimal program puts on the socket.
 *
 * <pre>
 * PUBLISH: 0x30|dup<<3|qos<<1 | remaining length (1..4 bytes) | topic length (2) | topic
 *          | packet id (2, QoS 1/2 only) | payload
 * acks:    type<<4|flags | 0x02 | packet id (2)       (PUBACK 0x40, PUBREC 0x50, PUBREL 0x62, PUBCOMP 0x70)
 * </pre>
 */
final class Wire {

    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int PUBREC = 5;
    static final int PUBREL = 6;
    static final int PUBCOMP = 7;
    static final int SUBACK = 9;

    private Wire() {
    }

    static byte[] connect(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02 /* clean session */, 0, 60 /* keep alive */};
        byte[] body = new byte[variable.length + 2 + id.length];
        System.arraycopy(variable, 0, body, 0, variable.length);
        body[variable.length] = (byte) (id.length >> 8);
        body[variable.length + 1] = (byte) id.length;
        System.arraycopy(id, 0, body, variable.length + 2, id.length);
        return packet(0x10, body);
    }

    static byte[] subscribe(int packetId, String filter, int qos) {
        byte[] topic = filter.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + 2 + topic.length + 1];
        body[0] = (byte) (packetId >> 8);
        body[1] = (byte) packetId;
        body[2] = (byte) (topic.length >> 8);
        body[3] = (byte) topic.length;
        System.arraycopy(topic, 0, body, 4, topic.length);
        body[body.length - 1] = (byte) qos;
        return packet(0x82, body);
    }

    /** A PUBLISH with packet id 0; {@link #packetIdOffset} says where to write the real one. */
    static byte[] publish(String topicName, byte[] payload, int qos) {
        byte[] topic = topicName.getBytes(StandardCharsets.UTF_8);
        int idLength = qos > 0 ? 2 : 0;
        byte[] body = new byte[2 + topic.length + idLength + payload.length];
        body[0] = (byte) (topic.length >> 8);
        body[1] = (byte) topic.length;
        System.arraycopy(topic, 0, body, 2, topic.length);
        System.arraycopy(payload, 0, body, 2 + topic.length + idLength, payload.length);
        return packet(0x30 | qos << 1, body);
    }

    /** Where the packet id sits in a packet made by {@link #publish}. */
    static int packetIdOffset(byte[] publish) {
        int at = 1;
        while ((publish[at] & 0x80) != 0) {
            at++;
        }
        at++;
        int topicLength = (publish[at] & 0xFF) << 8 | publish[at + 1] & 0xFF;
        return at + 2 + topicLength;
    }

    static void writeAck(OutputStream out, int type, int packetId) throws IOException {
        out.write(type << 4 | (type == PUBREL ? 0x02 : 0));
        out.write(2);
        out.write(packetId >> 8);
        out.write(packetId);
    }

    static byte[] disconnect() {
        return new byte[] {(byte) 0xE0, 0};
    }

    /**
     * Reads one packet's body into {@code body} and returns {@code header << 24 | remainingLength}
     * (read it with {@link #type}, {@link #qos}, {@link #length}).
     */
    static int read(DataInputStream in, byte[] body) throws IOException {
        int header = in.readUnsignedByte();
        int length = 0;
        int shift = 0;
        int digit;
        do {
            digit = in.readUnsignedByte();
            length |= (digit & 0x7F) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        if (length > body.length) {
            throw new IOException("packet of " + length + " bytes is larger than the buffer of " + body.length);
        }
        in.readFully(body, 0, length);
        return header << 24 | length;
    }

    static int type(int read) {
        return read >>> 28;
    }

    static int qos(int read) {
        return (read >>> 25) & 0x03;
    }

    static int length(int read) {
        return read & 0xFFFFFF;
    }

    static int uint16(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    private static byte[] packet(int header, byte[] body) {
        int length = body.length;
        byte[] remaining = new byte[4];
        int n = 0;
        do {
            int digit = length & 0x7F;
            length >>>= 7;
            remaining[n++] = (byte) (length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        byte[] out = new byte[1 + n + body.length];
        out[0] = (byte) header;
        System.arraycopy(remaining, 0, out, 1, n);
        System.arraycopy(body, 0, out, 1 + n, body.length);
        return out;
    }
}
