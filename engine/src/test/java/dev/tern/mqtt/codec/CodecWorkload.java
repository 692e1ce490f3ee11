package dev.tern.mqtt.codec;

/**
 * Encodes and decodes every packet type, some split and some malformed, with buffers allocated
 * once in the constructor: the steady state the allocation tests measure. Plain Java 7 code, no
 * lambdas or boxing, so the test measures the codec and not itself.
 */
final class CodecWorkload {

    private final byte[] wire = new byte[256];
    private final byte[] strings = "tern1 t/w bye u pw sensors/temp 21.5C a/+ #".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private final byte[] returnCodes = {0x01, (byte) 0x80};
    private final byte[] malformed = {(byte) 0x30, 0x05, 0x00, 0x03, 'a', '/', '#'};
    private final int[] filterOffsets = {38, 42};
    private final int[] filterLengths = {3, 1};
    private final int[] requestedQos = {1, 2};
    private final ConnectParameters connect = new ConnectParameters();
    private final PacketDecoder decoder = new PacketDecoder(wire.length);
    private final DecodedPacket packet = new DecodedPacket();

    CodecWorkload() {
        connect.clientId(strings, 0, 5);
        connect.keepAliveSeconds(60);
        connect.will(strings, 6, 3, strings, 10, 3, 1, true);
        connect.userName(strings, 14, 1);
        connect.password(strings, 16, 2);
    }

    /** Runs {@code iterations} rounds; returns a checksum so nothing is optimised away. */
    long run(int iterations) {
        long sum = 0;
        for (int i = 0; i < iterations; i++) {
            int id = 1 + (i & 0x7FFF);
            sum += roundTrip(PublishCodec.encode(wire, 0, wire.length, 1 + (i & 1), false, false, id,
                    strings, 19, 12, strings, 32, 5));
            sum += PublishCodec.markDuplicate(wire, 0);
            sum += roundTrip(PublishCodec.encode(wire, 0, wire.length, 0, false, true, 0, strings, 19, 12, strings, 32, 5));
            sum += roundTrip(AckCodec.encodePuback(wire, 0, wire.length, id));
            sum += roundTrip(AckCodec.encodePubrec(wire, 0, wire.length, id));
            sum += roundTrip(AckCodec.encodePubrel(wire, 0, wire.length, id));
            sum += roundTrip(AckCodec.encodePubcomp(wire, 0, wire.length, id));
            sum += roundTrip(SubscribeCodec.encodeSubscribe(wire, 0, wire.length, id, strings, filterOffsets,
                    filterLengths, requestedQos, 2));
            packet.rewindFilters();
            while (packet.nextFilter()) {
                sum += packet.filterOffset() + packet.filterQos();
            }
            sum += roundTrip(SubackCodec.encode(wire, 0, wire.length, id, returnCodes, 0, 2));
            sum += packet.returnCode(1);
            sum += roundTrip(SubscribeCodec.encodeUnsubscribe(wire, 0, wire.length, id, strings, filterOffsets,
                    filterLengths, 2));
            sum += roundTrip(AckCodec.encodeUnsuback(wire, 0, wire.length, id));
            sum += roundTrip(ConnectCodec.encode(wire, 0, wire.length, connect));
            sum += roundTrip(ConnackCodec.encode(wire, 0, wire.length, true, ConnackCodec.ACCEPTED));
            sum += roundTrip(EmptyPacketCodec.encodePingreq(wire, 0, wire.length));
            sum += roundTrip(EmptyPacketCodec.encodePingresp(wire, 0, wire.length));
            sum += roundTrip(EmptyPacketCodec.encodeDisconnect(wire, 0, wire.length));
            // the failure paths: a short buffer, a partial packet, a malformed one, and the log names
            sum += PublishCodec.encode(wire, 0, 4, 1, false, false, id, strings, 19, 12, strings, 32, 5);
            sum += decoder.decode(wire, 0, 1, packet);
            sum += decoder.decode(malformed, 0, malformed.length, packet);
            sum += CodecStatus.name(CodecStatus.WILDCARD_IN_TOPIC_NAME).length();
            sum += PacketType.name(PacketType.PUBREC).length();
        }
        return sum;
    }

    private int roundTrip(int size) {
        if (size < 0) {
            throw new AssertionError(CodecStatus.name(size));
        }
        int decoded = decoder.decode(wire, 0, size, packet);
        if (decoded != size) {
            throw new AssertionError(CodecStatus.name(decoded));
        }
        return packet.type() + packet.packetId() + packet.payloadLength();
    }

    /** Bytes the current thread allocated while running {@code iterations} rounds after {@code warmUp}. */
    static long allocatedBytes(int warmUp, int iterations) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        CodecWorkload workload = new CodecWorkload();
        long sink = workload.run(warmUp);
        threads.getCurrentThreadAllocatedBytes(); // the first call may set up the counter
        long before = threads.getCurrentThreadAllocatedBytes();
        sink += workload.run(iterations);
        long after = threads.getCurrentThreadAllocatedBytes();
        if (0 == sink) {
            throw new AssertionError("no work done");
        }
        return after - before;
    }

    /** For a separate {@code -Xint} JVM: prints the bytes allocated by the measured rounds. */
    public static void main(String[] args) {
        System.out.println(allocatedBytes(200, 1000));
    }
}
