package dev.tern.bench.clients;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The wire baseline: no client library, one thread, a plain blocking socket. The PUBLISH is
 * encoded once; only its packet id is written into it per message. It keeps {@link Worker#WINDOW}
 * messages unacknowledged, answers PUBREC with PUBREL, and counts PUBACK / PUBCOMP (QoS 0: every
 * packet written). What the broker and loopback allow, against which the clients are compared.
 * Also the feeder of the alloc suite's receive runs (in the suite's own JVM).
 *
 * <p>Worker main: {@link Worker}'s arguments, op {@code publish} only.
 */
public final class WirePublisher {

    private WirePublisher() {
    }

    public static void main(String[] args) {
        if (args.length != 8 || !"publish".equals(args[0])) {
            System.err.println("usage: WirePublisher publish QOS HOST PORT TOPIC WARMUP MESSAGES TIMEOUT_SECONDS");
            System.exit(2);
        }
        int qos = Integer.parseInt(args[1]);
        long warmup = Long.parseLong(args[5]);
        long messages = Long.parseLong(args[6]);
        WorkerLine line = new WorkerLine().put("client", "wire").put("op", "publish").put("qos", qos)
                .put("storage", "none").put("warmup", warmup).put("messages", messages);
        int exit = 0;
        try (Socket socket = open(args[2], Integer.parseInt(args[3]), Integer.parseInt(args[7]))) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            connect(in, out, "wire-" + Long.toHexString(System.nanoTime()));
            publish(in, out, args[4] + "/warm", qos, warmup, 1);
            if (qos == 0) {
                Thread.sleep(Worker.SETTLE_NANOS / 1_000_000L); // as the clients' workers do
            }
            long cpuBefore = Worker.processCpuNanos();
            long start = System.nanoTime();
            publish(in, out, args[4] + "/data", qos, messages, warmup + 1);
            long end = System.nanoTime();
            line.put(WorkerLine.CPU_NANOS, Worker.processCpuNanos() - cpuBefore);
            out.write(Wire.disconnect());
            out.flush();
            line.put("counted", messages).put("startNanos", start).put("endNanos", end);
        } catch (IOException | RuntimeException | InterruptedException e) {
            line.put("error", String.valueOf(e).replace(' ', '_'));
            e.printStackTrace();
            exit = 1;
        }
        System.out.println(line);
        System.out.flush();
        System.exit(exit);
    }

    /** Connects, publishes {@code messages} to {@code topic} with the window, disconnects: the alloc suite's feeder. */
    public static void feed(String host, int port, String topic, int qos, long messages, int timeoutSeconds)
            throws IOException {
        try (Socket socket = open(host, port, timeoutSeconds)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            connect(in, out, "feeder-" + Long.toHexString(System.nanoTime()));
            publish(in, out, topic, qos, messages, 1);
            out.write(Wire.disconnect());
            out.flush();
        }
    }

    static Socket open(String host, int port, int timeoutSeconds) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutSeconds * 1000);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        return socket;
    }

    static void connect(DataInputStream in, OutputStream out, String clientId) throws IOException {
        out.write(Wire.connect(clientId));
        out.flush();
        byte[] body = new byte[256];
        int read = Wire.read(in, body);
        if (Wire.type(read) != Wire.CONNACK || body[1] != 0) {
            throw new IOException("no CONNACK accepted: type " + Wire.type(read) + " code " + body[1]);
        }
    }

    /** Publishes {@code count} messages with packet ids counting on from {@code firstId}, waits for their acks. */
    private static void publish(DataInputStream in, OutputStream out, String topic, int qos, long count, long firstId)
            throws IOException {
        byte[] packet = Wire.publish(topic, Worker.payload(), qos);
        int idAt = Wire.packetIdOffset(packet);
        byte[] body = new byte[256];
        long sent = 0;
        long done = 0;
        while (done < count) {
            while (sent < count && (qos == 0 || sent - done < Worker.WINDOW)) {
                if (qos > 0) {
                    int id = packetId(firstId + sent);
                    packet[idAt] = (byte) (id >> 8);
                    packet[idAt + 1] = (byte) id;
                }
                out.write(packet);
                sent++;
            }
            out.flush();
            if (qos == 0) {
                done = sent;
                continue;
            }
            do {
                int read = Wire.read(in, body);
                int type = Wire.type(read);
                if (type == Wire.PUBACK && qos == 1 || type == Wire.PUBCOMP && qos == 2) {
                    done++;
                } else if (type == Wire.PUBREC && qos == 2) {
                    Wire.writeAck(out, Wire.PUBREL, Wire.uint16(body, 0));
                } else {
                    throw new IOException("unexpected packet type " + type + " publishing at QoS " + qos);
                }
            } while (in.available() >= 4);
        }
    }

    /** Packet ids 1..65535, never 0. */
    private static int packetId(long sequence) {
        return (int) ((sequence - 1) % 65535) + 1;
    }
}
