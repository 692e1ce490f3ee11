package dev.tern.bench.clients;

import java.util.concurrent.locks.LockSupport;

import dev.tern.bench.MqttVersion;

/**
 * One measurement in a JVM of its own: a client publishes or receives {@code warmup} messages,
 * then {@code messages} more inside a window where the bytes allocated by all threads are
 * counted and the time is taken; prints one {@link WorkerLine}. Arguments:
 * {@code MQTT publish|receive QOS HOST PORT TOPIC WARMUP MESSAGES TIMEOUT_SECONDS}, MQTT the
 * version the client connects with ({@link MqttVersion#label}: 3.1.1 or 5).
 *
 * <p>Publishing, the warm-up goes to {@code TOPIC/warm} (no subscriber) and the measured
 * messages to {@code TOPIC/data}. Receiving, the client subscribes to {@code TOPIC/data}, prints
 * {@code READY} and counts what another process publishes there.
 */
final class Worker {

    /** Messages a publisher may have unacknowledged at once, for every client. */
    static final int WINDOW = 16;
    static final int PAYLOAD_BYTES = 64;
    /** Receiving at QoS 0: nothing for this long means the rest is lost. */
    private static final long QUIET_NANOS = 3_000_000_000L;
    static final long SETTLE_NANOS = 300_000_000L;

    private Worker() {
    }

    static final String USAGE = "MQTT publish|receive QOS HOST PORT TOPIC WARMUP MESSAGES TIMEOUT_SECONDS";

    static void main(BenchClient client, String[] args) {
        if (args.length != 9) {
            System.err.println("usage: " + USAGE);
            System.exit(2);
        }
        MqttVersion mqtt = MqttVersion.byLabel(args[0]);
        String op = args[1];
        int qos = Integer.parseInt(args[2]);
        String host = args[3];
        int port = Integer.parseInt(args[4]);
        String topic = args[5];
        long warmup = Long.parseLong(args[6]);
        long messages = Long.parseLong(args[7]);
        long deadline = System.nanoTime() + Long.parseLong(args[8]) * 1_000_000_000L;
        WorkerLine line = new WorkerLine().put("client", client.name()).put("mqtt", mqtt.label()).put("op", op).put("qos", qos)
                .put("storage", client.storage()).put("warmup", warmup).put("messages", messages);
        int exit = 0;
        try {
            AllThreadsAllocation allocation = new AllThreadsAllocation();
            client.connect(host, port, client.name() + "-" + op + "-" + Long.toHexString(System.nanoTime()), mqtt,
                    deadline);
            if ("publish".equals(op)) {
                publish(client, allocation, topic, qos, warmup, messages, deadline, line);
            } else if ("receive".equals(op)) {
                receive(client, allocation, topic, qos, warmup, messages, deadline, line);
            } else {
                throw new IllegalArgumentException("op is publish or receive: " + op);
            }
            client.disconnect();
        } catch (Exception e) {
            line.put("error", String.valueOf(e).replace(' ', '_'));
            e.printStackTrace();
            exit = 1;
        }
        System.out.println(line);
        System.out.flush();
        System.exit(exit);
    }

    private static void publish(BenchClient client, AllThreadsAllocation allocation, String topic, int qos,
                                long warmup, long messages, long deadline, WorkerLine line) throws Exception {
        byte[] payload = payload();
        String warm = topic + "/warm";
        String data = topic + "/data";
        byte[] warmBytes = warm.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] dataBytes = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        publishAll(client, warm, warmBytes, payload, qos, warmup, deadline);
        settleAfterWarmup(client, qos);
        long overhead = allocation.overhead();
        AllThreadsAllocation.Snapshot before = allocation.take();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        publishAll(client, data, dataBytes, payload, qos, warmup + messages, deadline);
        long end = System.nanoTime();
        long cpu = processCpuNanos() - cpuBefore;
        AllThreadsAllocation.Snapshot after = allocation.take();
        record(line, AllThreadsAllocation.between(before, after), overhead, messages, start, end);
        line.put(WorkerLine.CPU_NANOS, cpu);
    }

    /**
     * QoS 0 completes when written: the broker may still be reading the warm-up, which must not
     * slow the measured messages down. A pause lets it finish (the client keeps being served).
     */
    static void settleAfterWarmup(BenchClient client, int qos) {
        if (qos == 0) {
            long until = System.nanoTime() + SETTLE_NANOS;
            while (System.nanoTime() - until < 0) {
                client.idle();
            }
        }
    }

    /** Hands messages over until {@code upTo} completed in all. */
    private static void publishAll(BenchClient client, String topic, byte[] topicBytes, byte[] payload, int qos,
                                   long upTo, long deadline) throws Exception {
        long handed = client.completed();
        while (client.completed() < upTo) {
            if (handed < upTo && client.publish(topic, topicBytes, payload, qos)) {
                handed++;
            } else {
                client.idle();
            }
            checkDeadline(deadline, client, upTo);
        }
    }

    private static void receive(BenchClient client, AllThreadsAllocation allocation, String topic, int qos,
                                long warmup, long messages, long deadline, WorkerLine line) throws Exception {
        client.subscribe(topic + "/data", qos, deadline);
        System.out.println(WorkerLine.READY);
        System.out.flush();
        awaitReceived(client, warmup, deadline);
        long overhead = allocation.overhead();
        AllThreadsAllocation.Snapshot before = allocation.take();
        long counted = client.received();
        long start = System.nanoTime();
        awaitReceived(client, warmup + messages, deadline);
        long end = System.nanoTime();
        AllThreadsAllocation.Snapshot after = allocation.take();
        long received = client.received() - counted;
        record(line, AllThreadsAllocation.between(before, after), overhead, received, start, end);
        line.put("delivered", client.received());
    }

    /**
     * Waits until {@code count} arrived, or, once messages flow, nothing arrived for a quiet spell
     * (what is lost never comes).
     */
    private static void awaitReceived(BenchClient client, long count, long deadline) {
        long last = client.received();
        long quietSince = System.nanoTime();
        while (client.received() < count) {
            client.idle();
            long now = client.received();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (now > 0 && System.nanoTime() - quietSince > QUIET_NANOS) {
                return;
            }
            checkDeadline(deadline, client, count);
        }
    }

    private static void record(WorkerLine line, AllThreadsAllocation.Window window, long overhead, long counted,
                               long start, long end) {
        line.put("counted", counted).put("bytes", Math.max(0, window.bytes() - overhead)).put("overhead", overhead)
                .put("drivingThreadBytes", Math.max(0, window.ownThread() - overhead))
                .put("died", window.died()).put("born", window.born())
                .put("startNanos", start).put("endNanos", end);
    }

    private static void checkDeadline(long deadline, BenchClient client, long wanted) {
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("timed out: " + client.completed() + " completed, " + client.received()
                    + " received, waiting for " + wanted);
        }
    }

    /** CPU time of this whole process (all threads: the client's, its JIT and GC), in ns. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static byte[] payload() {
        byte[] payload = new byte[PAYLOAD_BYTES];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        return payload;
    }

    private static volatile Thread waiting;

    /**
     * Parks the worker's thread until {@code counter} moves (the client's callback calls
     * {@link #wake}) or 1 ms passed; allocates nothing, unlike a semaphore's timed wait.
     */
    static void awaitChange(java.util.concurrent.atomic.AtomicLong counter) {
        long seen = counter.get();
        waiting = Thread.currentThread();
        if (counter.get() == seen) {
            LockSupport.parkNanos(1_000_000L);
        }
        waiting = null;
    }

    /** Called by a client's callback thread after it moved a counter. */
    static void wake() {
        Thread thread = waiting;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
