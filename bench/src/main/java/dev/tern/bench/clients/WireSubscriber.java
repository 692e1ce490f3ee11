package dev.tern.bench.clients;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The throughput suite's subscriber, the same for every publisher: a JVM of its own, no client
 * library, a plain socket, started once and kept for the whole suite. Subscribes to a filter
 * (e.g. {@code bench/tp/+/data}) at the QoS asked (the broker delivers min(publish, that)),
 * prints {@code READY}, then counts PUBLISH packets per topic and acknowledges them (PUBACK;
 * PUBREC, then PUBCOMP on PUBREL), acks written in batches as the input runs dry. Runs follow
 * one another, one topic each: a topic's line is printed when {@code MESSAGES} arrived on it,
 * when another topic starts, or when nothing came for 3 s. The line holds the count and the
 * {@link System#nanoTime} of the first and last arrival (CLOCK_MONOTONIC on Linux: comparable
 * with the publisher's process). Ends when the broker closes the connection or at the timeout.
 *
 * <p>Arguments: {@code QOS HOST PORT FILTER MESSAGES TIMEOUT_SECONDS}.
 */
public final class WireSubscriber {

    private static final int QUIET_MILLIS = 3_000;

    private byte[] topic;
    private long count;
    private long duplicates;
    private long first;
    private long last;

    private WireSubscriber() {
    }

    public static void main(String[] args) {
        int qos = Integer.parseInt(args[0]);
        long messages = Long.parseLong(args[4]);
        long deadline = System.nanoTime() + Long.parseLong(args[5]) * 1_000_000_000L;
        WireSubscriber counting = new WireSubscriber();
        int exit = 0;
        try (Socket socket = WirePublisher.open(args[1], Integer.parseInt(args[2]), QUIET_MILLIS / 1000)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            WirePublisher.connect(in, out, "sub-" + Long.toHexString(System.nanoTime()));
            out.write(Wire.subscribe(1, args[3], qos));
            out.flush();
            byte[] body = new byte[1024];
            int read = Wire.read(in, body);
            if (Wire.type(read) != Wire.SUBACK || (body[2] & 0x80) != 0) {
                throw new IOException("subscription refused: type " + Wire.type(read) + " code " + body[2]);
            }
            System.out.println(WorkerLine.READY);
            System.out.flush();
            while (System.nanoTime() - deadline < 0) {
                try {
                    read = Wire.read(in, body);
                } catch (SocketTimeoutException quiet) {
                    counting.report();
                    continue;
                } catch (EOFException closed) {
                    break;
                }
                int type = Wire.type(read);
                if (type == Wire.PUBLISH) {
                    int topicLength = Wire.uint16(body, 0);
                    counting.arrived(body, topicLength, (read >>> 27 & 1) != 0, messages);
                    int qosIn = Wire.qos(read);
                    if (qosIn > 0) {
                        Wire.writeAck(out, qosIn == 1 ? Wire.PUBACK : Wire.PUBREC, Wire.uint16(body, 2 + topicLength));
                    }
                } else if (type == Wire.PUBREL) {
                    Wire.writeAck(out, Wire.PUBCOMP, Wire.uint16(body, 0));
                } else {
                    throw new IOException("unexpected packet type " + type);
                }
                if (in.available() == 0) {
                    out.flush();
                }
            }
            counting.report();
        } catch (IOException | RuntimeException e) {
            System.out.println(new WorkerLine().put("client", "wire-subscriber").put("error",
                    String.valueOf(e).replace(' ', '_')));
            e.printStackTrace();
            exit = 1;
        }
        System.out.flush();
        System.exit(exit);
    }

    private void arrived(byte[] body, int topicLength, boolean dup, long messages) {
        long now = System.nanoTime();
        if (topic == null || !Arrays.equals(topic, 0, topic.length, body, 2, 2 + topicLength)) {
            report();
            topic = Arrays.copyOfRange(body, 2, 2 + topicLength);
            first = now;
        }
        last = now;
        count++;
        if (dup) {
            duplicates++; // DUP flag: a re-send
        }
        if (count == messages) {
            report();
        }
    }

    /** Prints the current topic's line, if it has one not yet printed. */
    private void report() {
        if (count == 0) {
            return;
        }
        System.out.println(new WorkerLine().put("client", "wire-subscriber")
                .put("topic", new String(topic, StandardCharsets.UTF_8)).put("counted", count)
                .put("duplicates", duplicates).put("firstNanos", first).put("lastNanos", last));
        System.out.flush();
        count = 0;
        duplicates = 0;
    }
}
