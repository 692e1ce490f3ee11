package dev.tern.mqtt.session;

import dev.tern.hal.testing.FlashFake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The steady state of the session layer allocates nothing: table add/transition/release, id
 * allocation, receiver QoS 2, offline queue push/pop across the ring end, a new assigned client
 * id, and a store save and restore. Measured per thread, here and in an interpreted JVM ({@code -Xint}) where no JIT
 * escape analysis can hide an allocation.
 */
class SessionAllocationTest {

    @Test
    void steadyStateAllocatesZeroBytes() {
        assertEquals(0L, new Workload().measure(2000));
    }

    @Test
    void steadyStateAllocatesZeroBytesInTheInterpreter() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-Xint", "-cp", System.getProperty("java.class.path"),
                Workload.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.waitFor(), output);
        assertEquals("allocated=0", output);
    }

    /** Everything a client does with the session in steady state, sized and warmed up first. */
    static final class Workload {

        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        private final Session session = new Session(4, 64, 4 * 64, 4, 100, OfflineQueue.DROP_OLDEST, 48);
        private final byte[][] assignedIds = {"auto-one".getBytes(StandardCharsets.US_ASCII),
            "auto-two-longer".getBytes(StandardCharsets.US_ASCII)};
        private int rounds;
        private final FlashFake flash = new FlashFake(8, 1024);
        private final SessionStore store = new SessionStore(flash);
        private final byte[] packet = SessionFixtures.packet(3, 40);
        private final byte[] topic = "sensors/t".getBytes(StandardCharsets.US_ASCII);
        private final byte[] payload = SessionFixtures.packet(5, 21);
        private final byte[] copy = new byte[64];
        private int now = Integer.MAX_VALUE - 1000; // crosses the clock wrap while running
        private long sink;

        public static void main(String[] args) {
            System.out.println("allocated=" + new Workload().measure(50));
        }

        /**
         * The fewest bytes allocated by 20 rounds, over 5 windows after the warm-up: a JIT
         * compilation or deoptimization can charge a one-off allocation to this thread, a steady
         * allocation shows in every window.
         */
        long measure(int warmUpRounds) {
            for (int round = 0; round < warmUpRounds; round++) {
                run();
            }
            long allocated = Long.MAX_VALUE;
            for (int window = 0; window < 5; window++) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                for (int round = 0; round < 20; round++) {
                    run();
                }
                allocated = Math.min(allocated, THREADS.getCurrentThreadAllocatedBytes() - before);
            }
            if (0 == sink) {
                throw new AssertionError("the workload did nothing");
            }
            return allocated;
        }

        private void run() {
            OutgoingTable outgoing = session.outgoing();
            for (int qos = 1; qos <= 2; qos++) {
                int packetId = session.packetIds().allocate();
                int state = 1 == qos ? QosStates.QOS1_PUBLISH_SEND : QosStates.QOS2_PUBLISH_SEND;
                int slot = outgoing.add(packetId, qos, state, 1, packet, 0, packet.length);
                outgoing.transition(slot, QosEvents.PUBLISH_SENT);
                outgoing.setDeadline(slot, now + 500);
            }
            int due = outgoing.earliestDeadlineSlot();
            sink += Millis.isDue(outgoing.deadline(due), now) ? 1 : 2;
            for (int index = 0; index < outgoing.size(); index++) {
                sink += outgoing.packetId(outgoing.slotInSendOrder(index));
            }
            byte[] assigned = assignedIds[rounds++ & 1]; // a new id each round: saved and restored
            sink += session.assignedClientId().set(assigned, 0, assigned.length);
            store.save(session);
            store.restore(session);
            sink += session.assignedClientId().length();
            // acknowledge both, oldest first: PUBACK; PUBREC, PUBREL sent, PUBCOMP
            int first = outgoing.packetId(outgoing.slotInSendOrder(0));
            int second = outgoing.packetId(outgoing.slotInSendOrder(1));
            sink += outgoing.onEvent(first, QosEvents.PUBACK_RECEIVED);
            sink += outgoing.onEvent(second, QosEvents.PUBREC_RECEIVED);
            sink += outgoing.onEvent(second, QosEvents.PUBREL_SENT);
            sink += outgoing.onEvent(second, QosEvents.PUBCOMP_RECEIVED);

            IncomingQos2Table incoming = session.incoming();
            int incomingId = (int) (sink & 0x7FFF) + 1;
            sink += incoming.onEvent(incomingId, QosEvents.QOS2_PUBLISH_RECEIVED);
            sink += incoming.onEvent(incomingId, QosEvents.QOS2_PUBLISH_RECEIVED);
            sink += incoming.onEvent(incomingId, QosEvents.PUBREL_RECEIVED);

            OfflineQueue queue = session.offlineQueue();
            queue.push(1, false, topic, 0, topic.length, payload, 0, payload.length);
            queue.push(2, true, topic, 0, topic.length, payload, 0, payload.length);
            sink += queue.copyPeekTopic(copy, 0) + queue.copyPeekPayload(copy, 0);
            queue.pop();
            sink += SessionStatus.name(queue.pop()).length() + QosStates.name(3).length();
            // Message Expiry: one expires while queued, one is sent with the interval left
            queue.push(1, false, topic, 0, topic.length, payload, 0, payload.length, 1, now);
            queue.push(0, false, topic, 0, topic.length, payload, 0, payload.length, 60, now);
            sink += queue.dropExpired(now + 1000) + queue.peekExpirySeconds(now + 1000) + queue.expiredCount();
            queue.pop();
            now += 400;
        }
    }
}
