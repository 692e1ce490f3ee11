package dev.tern.bench.clients;

import dev.tern.testsupport.MosquittoBroker;

/**
 * The mosquitto both suites run against, started by test-support on a free loopback port with
 * three changes to its test config: it keeps at most {@link Worker#WINDOW} QoS 1/2 messages in
 * flight to each client (the receivers' window, 16 like the publishers'), queues without a limit
 * (a fast feeder never makes it drop a message for a slower receiver), and logs only errors and
 * warnings (test-support's {@code log_type all} writes a line per packet, which would slow the
 * broker down; {@code log_type none} resets it).
 */
public final class BenchBroker {

    static final String CONFIG = "max_inflight_messages " + Worker.WINDOW + "\n"
            + "max_queued_messages 0\n"
            + "log_type none\n"
            + "log_type error\n"
            + "log_type warning\n";

    private BenchBroker() {
    }

    public static MosquittoBroker start() {
        return MosquittoBroker.start(CONFIG);
    }
}
