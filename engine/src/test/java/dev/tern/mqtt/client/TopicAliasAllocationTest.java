package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.tern.mqtt.AllocationMeter;
import dev.tern.mqtt.codec.AliasedPublish;
import dev.tern.mqtt.codec.DecodedPacket;
import dev.tern.mqtt.codec.PacketDecoder;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.mqtt.codec.PropertyId;
import dev.tern.mqtt.codec.PropertyWriter;
import dev.tern.mqtt.codec.ProtocolLevel;
import dev.tern.mqtt.codec.PublishCodec;

/**
 * The topic alias paths allocate nothing once the tables exist: outgoing lookup, establish and
 * reset, the aliased PUBLISH written from a stored one, incoming set, look-up and violations.
 * Measured per thread after warm-up, here and in an interpreter-only JVM ({@code -Xint}).
 */
class TopicAliasAllocationTest {

    @Test
    void aliasPathsAllocateNothingAfterWarmUp() {
        assertEquals(0L, Workload.allocatedBytes(20_000, 10_000));
    }

    @Test
    void aliasPathsAllocateNothingInTheInterpreter() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-Xint", "-cp", System.getProperty("java.class.path"),
                Workload.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, process.exitValue(), output);
        assertEquals("0", output, "bytes allocated in -Xint");
    }

    /** Plain Java 7 code, buffers allocated once, so the measure sees only the alias classes. */
    static final class Workload implements AllocationMeter.Work {

        private final OutgoingTopicAliases outgoing = new OutgoingTopicAliases(4, 64);
        private final IncomingTopicAliases incoming = new IncomingTopicAliases(4, 64);
        private final byte[] topics = "s/t s/h s/p s/x".getBytes(StandardCharsets.US_ASCII);
        private final byte[] stored = new byte[64];
        private final byte[] wire = new byte[64];
        private final byte[] props = new byte[16];
        private final PropertyWriter writer = new PropertyWriter();
        private final PacketDecoder decoder = new PacketDecoder(64, ProtocolLevel.V5);
        private final DecodedPacket decoded = new DecodedPacket();
        private final int storedLength;

        Workload() {
            writer.wrap(props, 0, props.length, PacketType.PUBLISH);
            writer.addInt32(PropertyId.MESSAGE_EXPIRY_INTERVAL, 60);
            storedLength = PublishCodec.encode5(stored, 0, stored.length, 1, false, false, 9, topics, 0, 3,
                    props, 0, writer.length(), topics, 4, 3);
        }

        @Override
        public long run(int rounds) {
            long sum = 0;
            for (int round = 0; round < rounds; round++) {
                outgoing.reset(3);
                for (int topic = 0; topic < 4; topic++) {
                    int alias = outgoing.aliasFor(topics, 4 * topic, 3);
                    if (OutgoingTopicAliases.NO_ALIAS != alias) {
                        boolean known = outgoing.isEstablished(alias);
                        int size = AliasedPublish.encode(wire, 0, wire.length, stored, 0, storedLength, alias, !known);
                        outgoing.established(alias);
                        if (size <= 0 || size != decoder.decode(wire, 0, size, decoded)) {
                            throw new AssertionError("aliased PUBLISH not decoded: " + size);
                        }
                        sum += size;
                        sum += incoming.resolve(decoded) + incoming.topicLength();
                    }
                }
                sum += incoming.resolve(0, topics, 0, 3) + incoming.resolve(9, topics, 0, 0);
                incoming.reset();
                sum += incoming.resolve(1, topics, 0, 0);
            }
            return sum;
        }

        static long allocatedBytes(int warmUp, int rounds) {
            return AllocationMeter.allocatedBytes(new Workload(), warmUp, rounds);
        }

        public static void main(String[] args) {
            System.out.println(allocatedBytes(200, 1000));
        }
    }
}
