package dev.tern.bench.clients;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tern.bench.MqttVersion;

/**
 * mosquitto's own C client as a publisher: {@code mosquitto_pub -l} (libmosquitto) reading one
 * message per line from its stdin, with an inflight window ({@code -M}) of {@link #INFLIGHT}, in
 * MQTT 3.1.1 or 5 ({@code -V}). Publish only; the same
 * arguments as {@link Worker}'s, and the same line (no allocation figures: it is not a JVM).
 *
 * <p>The warm-up is a first {@code mosquitto_pub} to {@code TOPIC/warm} (it warms the broker;
 * C needs none). The measured one is started, given {@link #CONNECT_NANOS} to connect, then
 * the clock starts and the lines are written; it exits once every message completed (QoS 1/2:
 * acknowledged) after its stdin closed.
 */
public final class MosquittoPubWorker {

    /**
     * The window every client gets ({@link Worker#WINDOW}, the bench broker's max_inflight_messages),
     * not libmosquitto's default of 20: in 3.1.1 mosquitto refuses QoS 2 messages beyond its window
     * with a PUBREC the 3.1.1 client cannot read as a refusal, and mosquitto_pub then never ends.
     */
    static final int INFLIGHT = Worker.WINDOW;
    /** Time given to the process to connect before the clock starts (loopback: a few ms). */
    static final long CONNECT_NANOS = 500_000_000L;

    private MosquittoPubWorker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 9 || !"publish".equals(args[1])) {
            System.err.println("usage: MosquittoPubWorker MQTT publish QOS HOST PORT TOPIC WARMUP MESSAGES TIMEOUT_SECONDS");
            System.exit(2);
        }
        MqttVersion mqtt = MqttVersion.byLabel(args[0]);
        int qos = Integer.parseInt(args[2]);
        String host = args[3];
        String port = args[4];
        String topic = args[5];
        long warmup = Long.parseLong(args[6]);
        long messages = Long.parseLong(args[7]);
        long timeoutSeconds = Long.parseLong(args[8]);
        WorkerLine line = new WorkerLine().put("client", "mosquitto_pub").put("mqtt", mqtt.label()).put("op", "publish")
                .put("qos", qos).put("storage", "memory").put("warmup", warmup).put("messages", messages);
        Process warm = start(command(mqtt, qos, host, port, topic + "/warm", "warm"));
        write(warm, warmup);
        await(warm, timeoutSeconds, "warm-up");
        Path times = Files.createTempFile("tern-bench-mosquitto_pub-", ".times");
        try {
            Process measured = start(timed(command(mqtt, qos, host, port, topic + "/data", "data"), times));
            Thread.sleep(CONNECT_NANOS / 1_000_000L);
            long start = System.nanoTime();
            write(measured, messages);
            await(measured, timeoutSeconds, "measured run");
            long end = System.nanoTime();
            line.put("counted", messages).put("startNanos", start).put("endNanos", end)
                    .put(WorkerLine.CPU_NANOS, ChildCpuTimes.parse(Files.readString(times)));
        } finally {
            Files.deleteIfExists(times);
        }
        System.out.println(line);
        System.out.flush();
        System.exit(0);
    }

    static List<String> command(MqttVersion mqtt, int qos, String host, String port, String topic, String suffix) {
        return List.of("mosquitto_pub", "-h", host, "-p", port, "-t", topic,
                "-q", Integer.toString(qos), "-V", mqtt == MqttVersion.V5 ? "mqttv5" : "mqttv311",
                "-M", Integer.toString(INFLIGHT), "-i", "mosquitto_pub-" + suffix + "-" + ProcessHandle.current().pid(),
                "-l");
    }

    /**
     * The command run by a shell that then writes its children's CPU times ({@code times}, second
     * line: user and system of the waited-for children) to {@code times}: the whole mosquitto_pub
     * process, connecting included (a few ms of a run of seconds).
     */
    static List<String> timed(List<String> command, Path times) {
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", "\"$@\"; rc=$?; times > '" + times + "'; exit $rc",
                "mosquitto_pub"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Writes {@code count} lines of the shared 64-byte payload, then closes stdin. */
    private static void write(Process process, long count) throws IOException {
        byte[] payload = Worker.payload();
        try (OutputStream out = new BufferedOutputStream(process.getOutputStream(), 64 * 1024)) {
            for (long i = 0; i < count; i++) {
                out.write(payload);
                out.write('\n');
            }
        }
    }

    private static void await(Process process, long timeoutSeconds, String what) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("mosquitto_pub " + what + " did not end within " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("mosquitto_pub " + what + " exited with " + process.exitValue());
        }
    }
}
