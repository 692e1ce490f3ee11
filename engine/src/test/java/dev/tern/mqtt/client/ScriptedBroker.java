package dev.tern.mqtt.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import dev.tern.hal.Transport;
import dev.tern.mqtt.codec.CodecStatus;
import dev.tern.mqtt.codec.DecodedPacket;
import dev.tern.mqtt.codec.PacketDecoder;
import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.mqtt.codec.PacketType;

/**
 * An in-memory broker link for unit tests: the test decides what each {@link #connect()} answers,
 * feeds the bytes the broker sends, limits how many bytes {@link #write} takes (a full link) and
 * how many {@link #read} hands out at once, and closes or fails the connection. Every packet the
 * engine writes is decoded with the codec (malformed output fails the test) and recorded with the
 * connection it was written on.
 */
final class ScriptedBroker implements Transport {

    /** Unlimited write budget. */
    static final int UNLIMITED = Integer.MAX_VALUE;

    /** One whole packet the engine wrote. */
    static final class Sent {
        final byte[] bytes;
        final DecodedPacket packet = new DecodedPacket();
        final int connection;

        Sent(byte[] bytes, int connection, int protocolLevel) {
            this.bytes = bytes;
            this.connection = connection;
            int length = new PacketDecoder(65535, protocolLevel).decode(bytes, 0, bytes.length, packet);
            if (length != bytes.length) {
                throw new AssertionError("engine wrote a malformed packet: " + CodecStatus.name(length)
                        + " " + Arrays.toString(bytes));
            }
        }

        int type() {
            return packet.type();
        }

        int id() {
            return packet.packetId();
        }

        int qos() {
            return packet.qos();
        }

        boolean dup() {
            return packet.dup();
        }

        boolean retain() {
            return packet.retain();
        }

        String topic() {
            return text(packet.topicOffset(), packet.topicLength());
        }

        String payload() {
            return text(packet.payloadOffset(), packet.payloadLength());
        }

        /** SUBSCRIBE / UNSUBSCRIBE: "filter" or "filter@qos" per filter. */
        List<String> filters() {
            List<String> filters = new ArrayList<>();
            packet.rewindFilters();
            while (packet.nextFilter()) {
                String filter = text(packet.filterOffset(), packet.filterLength());
                filters.add(type() == PacketType.SUBSCRIBE ? filter + "@" + packet.filterQos() : filter);
            }
            return filters;
        }

        String text(int offset, int length) {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }

        /** Short form for assertions: "publish 3 qos1 dup0 t/a=x", "pubrel 3", "pingreq". */
        @Override
        public String toString() {
            String name = PacketType.name(type());
            if (type() == PacketType.PUBLISH) {
                return name + " " + id() + " qos" + qos() + " dup" + (dup() ? 1 : 0) + " " + topic() + "=" + payload();
            }
            return id() > 0 ? name + " " + id() : name;
        }
    }

    private final ArrayDeque<Integer> connectResults = new ArrayDeque<>();
    private final ArrayDeque<Byte> toClient = new ArrayDeque<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final int protocolLevel;
    private final PacketDecoder decoder;
    private final DecodedPacket scratch = new DecodedPacket();
    final List<Sent> sent = new ArrayList<>();
    private int taken;
    private boolean open;
    private boolean closedByBroker;
    private int readFailure;
    private int writeFailure;
    private int writeBudget = UNLIMITED;
    private int readChunk = UNLIMITED;
    int connectCalls;
    int connections;
    int closes;
    Consumer<Sent> onSent = packet -> { };

    /** A broker that reads what an MQTT 3.1.1 client writes. */
    ScriptedBroker() {
        this(ProtocolLevel.V3_1_1);
    }

    /** A broker that reads packets of {@code protocolLevel} (ProtocolLevel.V3_1_1 or V5). */
    ScriptedBroker(int protocolLevel) {
        this.protocolLevel = protocolLevel;
        decoder = new PacketDecoder(65535, protocolLevel);
    }

    /** The next connect() calls answer these, in order; CONNECTED once they run out. */
    ScriptedBroker answerConnect(int... results) {
        for (int result : results) {
            connectResults.add(result);
        }
        return this;
    }

    /** Bytes the broker sends; the engine reads them on its next polls. */
    ScriptedBroker send(byte[]... packets) {
        for (byte[] packet : packets) {
            for (byte b : packet) {
                toClient.add(b);
            }
        }
        return this;
    }

    /** The broker ends the connection: reads return CLOSED once what was sent is read. */
    void closeFromBroker() {
        closedByBroker = true;
    }

    /** Reads return this failure (e.g. FAILED) from now on, on this connection. */
    void failReads(int status) {
        readFailure = status;
    }

    /** Writes return this failure from now on, on this connection. */
    void failWrites(int status) {
        writeFailure = status;
    }

    /** write() takes at most this many more bytes in all (0: the link is full); UNLIMITED to lift it. */
    void writeBudget(int bytes) {
        writeBudget = bytes;
    }

    /** read() hands out at most this many bytes per call. */
    void readChunk(int bytes) {
        readChunk = bytes;
    }

    boolean isOpen() {
        return open;
    }

    int unread() {
        return toClient.size();
    }

    /** Packets written since the last call, in order. */
    List<Sent> take() {
        List<Sent> fresh = new ArrayList<>(sent.subList(taken, sent.size()));
        taken = sent.size();
        return fresh;
    }

    /** {@link #take()} as short strings. */
    List<String> takeNames() {
        return take().stream().map(Sent::toString).toList();
    }

    List<Sent> ofType(int type) {
        return sent.stream().filter(s -> s.type() == type).toList();
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    @Override
    public int connect() {
        connectCalls++;
        int result = connectResults.isEmpty() ? CONNECTED : connectResults.poll();
        if (result == CONNECTED) {
            open = true;
            connections++;
            closedByBroker = false;
            readFailure = 0;
            writeFailure = 0;
            partial.reset();
        }
        return result;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (!open) {
            throw new AssertionError("read on a closed transport");
        }
        if (readFailure < 0) {
            return readFailure;
        }
        if (toClient.isEmpty()) {
            return closedByBroker ? CLOSED : 0;
        }
        int n = Math.min(Math.min(length, readChunk), toClient.size());
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = toClient.poll();
        }
        return n;
    }

    @Override
    public int write(byte[] buffer, int offset, int length) {
        if (!open) {
            throw new AssertionError("write on a closed transport");
        }
        if (writeFailure < 0) {
            return writeFailure;
        }
        int n = Math.min(length, writeBudget);
        if (writeBudget != UNLIMITED) {
            writeBudget -= n;
        }
        partial.write(buffer, offset, n);
        splitPackets();
        return n;
    }

    @Override
    public void close() {
        if (open) {
            closes++;
        }
        open = false;
        toClient.clear();
    }

    private void splitPackets() {
        byte[] bytes = partial.toByteArray();
        int position = 0;
        while (position < bytes.length) {
            int length = decoder.decode(bytes, position, bytes.length - position, scratch);
            if (length == CodecStatus.NEED_MORE_BYTES) {
                break;
            }
            if (length < 0) {
                throw new AssertionError("engine wrote malformed bytes: " + CodecStatus.name(length));
            }
            Sent packet = new Sent(Arrays.copyOfRange(bytes, position, position + length), connections, protocolLevel);
            sent.add(packet);
            position += length;
            onSent.accept(packet);
        }
        partial.reset();
        partial.write(bytes, position, bytes.length - position);
    }
}
