package dev.tern.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.tern.hal.Transport;
import dev.tern.hal.testing.LoopbackBroker;
import dev.tern.mqtt.codec.CodecStatus;
import dev.tern.mqtt.codec.DecodedPacket;
import dev.tern.mqtt.codec.PacketDecoder;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.codec.ProtocolLevel;

/**
 * Passes everything to another transport and records the PUBLISH packets the client writes (and
 * each CONNECT's protocol level);
 * it can also make the connection fail right after the next PUBLISH of a given QoS went out, so
 * that its acknowledgement is lost (the broker has the message, the client does not know).
 */
final class RecordingTransport implements Transport {

    record Published(String topic, String payload, int qos, boolean dup, int packetId, int length) {
    }

    private final Transport inner;
    private final PacketDecoder decoder311 = new PacketDecoder(65535);
    private final PacketDecoder decoder5 = new PacketDecoder(65535, ProtocolLevel.V5);
    /** The decoder of this connection's MQTT version: null until its CONNECT's Protocol Level is in. */
    private PacketDecoder decoder;
    private final DecodedPacket packet = new DecodedPacket();
    private final byte[] pending = new byte[1 << 17];
    private int pendingLength;
    final List<Published> published = new ArrayList<>();
    /** The Protocol Level byte of each CONNECT written: 4 for MQTT 3.1.1, 5 for MQTT 5. */
    final List<Integer> connectLevels = new ArrayList<>();
    private int failAfterPublishQos = -1;
    private boolean failing;
    int failures;

    RecordingTransport(Transport inner) {
        this.inner = inner;
    }

    /** The next PUBLISH at {@code qos} is written, then the connection fails before any answer is read. */
    void failAfterNextPublish(int qos) {
        failAfterPublishQos = qos;
    }

    @Override
    public int connect() {
        failing = false;
        pendingLength = 0;
        decoder = null;
        return inner.connect();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        return failing ? FAILED : inner.read(buffer, offset, length);
    }

    @Override
    public int write(byte[] buffer, int offset, int length) {
        if (failing) {
            return FAILED;
        }
        int written = inner.write(buffer, offset, length);
        if (written <= 0) {
            return written;
        }
        System.arraycopy(buffer, offset, pending, pendingLength, written);
        pendingLength += written;
        int position = 0;
        while (position < pendingLength) {
            if (decoder == null) {
                int level = LoopbackBroker.connectProtocolLevel(pending, 0, pendingLength);
                if (CodecStatus.NEED_MORE_BYTES == level) {
                    break;
                }
                decoder = ProtocolLevel.V5 == level ? decoder5 : decoder311;
            }
            int size = decoder.decode(pending, position, pendingLength - position, packet);
            if (size == CodecStatus.NEED_MORE_BYTES) {
                break;
            }
            if (size < 0) {
                throw new IllegalStateException("client wrote a malformed packet: " + CodecStatus.name(size));
            }
            if (packet.type() == PacketType.CONNECT) {
                connectLevels.add(packet.protocolVersion());
            }
            if (packet.type() == PacketType.PUBLISH) {
                published.add(new Published(
                        new String(pending, packet.topicOffset(), packet.topicLength(), StandardCharsets.UTF_8),
                        new String(pending, packet.payloadOffset(), packet.payloadLength(), StandardCharsets.UTF_8),
                        packet.qos(), packet.dup(), packet.packetId(), packet.totalLength()));
                if (packet.qos() == failAfterPublishQos) {
                    failAfterPublishQos = -1;
                    failing = true;
                    failures++;
                }
            }
            position += size;
        }
        System.arraycopy(pending, position, pending, 0, pendingLength - position);
        pendingLength -= position;
        return written;
    }

    @Override
    public void close() {
        inner.close();
    }

    List<Published> on(String topic) {
        List<Published> result = new ArrayList<>();
        for (Published p : published) {
            if (p.topic().equals(topic)) {
                result.add(p);
            }
        }
        return result;
    }
}
