package dev.tern.hal.testing;

import dev.tern.hal.Transport;
import dev.tern.mqtt.codec.AckCodec;
import dev.tern.mqtt.codec.CodecStatus;
import dev.tern.mqtt.codec.ConnackCodec;
import dev.tern.mqtt.codec.DecodedPacket;
import dev.tern.mqtt.codec.EmptyPacketCodec;
import dev.tern.mqtt.codec.PacketDecoder;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.mqtt.codec.RemainingLength;
import dev.tern.mqtt.codec.SubackCodec;

/**
 * A broker in memory behind the {@link Transport} interface, answering on the engine's own thread:
 * CONNACK (session present once it has seen this client with a persistent session), PUBACK,
 * PUBREC, PUBCOMP, SUBACK and PINGRESP. It can cut the connection when the next PUBLISH arrives,
 * before acknowledging it. It speaks the MQTT version of each connection's CONNECT, 3.1.1 or 5 (a
 * v5 CONNACK and SUBACK with no properties; success acknowledgements are the same two bytes). It
 * allocates nothing after construction, so an allocation test of the engine through it measures
 * the engine alone (a real socket allocates when it connects).
 */
public final class LoopbackBroker implements Transport {

    private final PacketDecoder decoder311 = new PacketDecoder(65535);
    private final PacketDecoder decoder5 = new PacketDecoder(65535, ProtocolLevel.V5);
    /** The decoder of this connection's version; null until its CONNECT's Protocol Level is in. */
    private PacketDecoder decoder;
    private final DecodedPacket packet = new DecodedPacket();
    private final byte[] fromClient = new byte[65536];
    private final byte[] toClient = new byte[65536];
    private final byte[] grantedCodes = new byte[16];
    private int fromClientLength;
    private int toClientStart;
    private int toClientEnd;
    private boolean connected;
    private boolean closedByBroker;
    private boolean knowsSession;
    private boolean cutOnNextPublish;
    private int connects;
    private int publishesReceived;

    /** The next PUBLISH from the client ends the connection before any acknowledgement. */
    public void cutOnNextPublish() {
        cutOnNextPublish = true;
    }

    public int connects() {
        return connects;
    }

    public int publishesReceived() {
        return publishesReceived;
    }

    @Override
    public int connect() {
        if (!connected) {
            connects++;
            connected = true;
            closedByBroker = false;
            fromClientLength = 0;
            toClientStart = 0;
            toClientEnd = 0;
            decoder = null;
        }
        return CONNECTED;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (!connected) {
            return FAILED;
        }
        if (toClientStart == toClientEnd) {
            return closedByBroker ? CLOSED : 0;
        }
        int n = Math.min(length, toClientEnd - toClientStart);
        System.arraycopy(toClient, toClientStart, buffer, offset, n);
        toClientStart += n;
        if (toClientStart == toClientEnd) {
            toClientStart = 0;
            toClientEnd = 0;
        }
        return n;
    }

    @Override
    public int write(byte[] buffer, int offset, int length) {
        if (!connected) {
            return FAILED;
        }
        if (closedByBroker) {
            return length; // swallowed: the connection is going away
        }
        System.arraycopy(buffer, offset, fromClient, fromClientLength, length);
        fromClientLength += length;
        int position = 0;
        while (position < fromClientLength) {
            if (decoder == null && !chooseDecoder()) {
                break;
            }
            int size = decoder.decode(fromClient, position, fromClientLength - position, packet);
            if (size == CodecStatus.NEED_MORE_BYTES) {
                break;
            }
            if (size < 0) {
                throw new IllegalStateException("client sent a malformed packet: " + CodecStatus.name(size));
            }
            answer();
            position += size;
        }
        System.arraycopy(fromClient, position, fromClient, 0, fromClientLength - position);
        fromClientLength -= position;
        return length;
    }

    /** Picks this connection's decoder by its CONNECT's Protocol Level: false until that byte is in. */
    private boolean chooseDecoder() {
        int level = connectProtocolLevel(fromClient, 0, fromClientLength);
        if (CodecStatus.NEED_MORE_BYTES == level) {
            return false;
        }
        decoder = ProtocolLevel.V5 == level ? decoder5 : decoder311;
        return true;
    }

    /**
     * The Protocol Level byte of the CONNECT at {@code src[offset]} (byte 0x10, the Remaining Length,
     * "MQTT" with its two-byte length, then the level), or {@link CodecStatus#NEED_MORE_BYTES}: how a
     * test's broker or wire tap knows which version's decoder reads the connection.
     */
    public static int connectProtocolLevel(byte[] src, int offset, int available) {
        int remainingLength = RemainingLength.read(src, offset + 1, available - 1);
        if (remainingLength < 0) {
            return CodecStatus.NEED_MORE_BYTES; // or malformed: the decoder reports that
        }
        int levelAt = 1 + RemainingLength.size(remainingLength) + 6;
        return available <= levelAt ? CodecStatus.NEED_MORE_BYTES : src[offset + levelAt] & 0xFF;
    }

    private boolean v5() {
        return decoder == decoder5;
    }

    private void answer() {
        switch (packet.type()) {
            case PacketType.CONNECT:
                boolean sessionPresent = knowsSession && !packet.cleanSession();
                knowsSession = !packet.cleanSession();
                toClientEnd += v5()
                        ? ConnackCodec.encode5(toClient, toClientEnd, toClient.length - toClientEnd, sessionPresent,
                                ConnackCodec.ACCEPTED, grantedCodes, 0, 0)
                        : ConnackCodec.encode(toClient, toClientEnd, toClient.length - toClientEnd,
                                sessionPresent, ConnackCodec.ACCEPTED);
                return;
            case PacketType.PUBLISH:
                publishesReceived++;
                if (cutOnNextPublish) {
                    cutOnNextPublish = false;
                    closedByBroker = true;
                    return;
                }
                if (packet.qos() == 1) {
                    reply(PacketType.PUBACK, packet.packetId());
                } else if (packet.qos() == 2) {
                    reply(PacketType.PUBREC, packet.packetId());
                }
                return;
            case PacketType.PUBREL:
                reply(PacketType.PUBCOMP, packet.packetId());
                return;
            case PacketType.SUBSCRIBE:
                int count = 0;
                packet.rewindFilters();
                while (packet.nextFilter()) {
                    grantedCodes[count++] = (byte) packet.filterQos();
                }
                toClientEnd += v5()
                        ? SubackCodec.encode5(toClient, toClientEnd, toClient.length - toClientEnd, PacketType.SUBACK,
                                packet.packetId(), grantedCodes, 0, 0, grantedCodes, 0, count)
                        : SubackCodec.encode(toClient, toClientEnd, toClient.length - toClientEnd,
                                packet.packetId(), grantedCodes, 0, count);
                return;
            case PacketType.UNSUBSCRIBE:
                if (v5()) {
                    int filters = 0;
                    packet.rewindFilters();
                    while (packet.nextFilter()) {
                        grantedCodes[filters++] = 0; // Success
                    }
                    toClientEnd += SubackCodec.encode5(toClient, toClientEnd, toClient.length - toClientEnd,
                            PacketType.UNSUBACK, packet.packetId(), grantedCodes, 0, 0, grantedCodes, 0, filters);
                } else {
                    reply(PacketType.UNSUBACK, packet.packetId());
                }
                return;
            case PacketType.PINGREQ:
                toClientEnd += EmptyPacketCodec.encodePingresp(toClient, toClientEnd, toClient.length - toClientEnd);
                return;
            default:
                // DISCONNECT, acknowledgements of messages we never send: nothing to answer
        }
    }

    private void reply(int type, int packetId) {
        toClientEnd += AckCodec.encode(toClient, toClientEnd, toClient.length - toClientEnd, type, packetId);
    }

    @Override
    public void close() {
        connected = false;
    }
}
