package dev.tern.bench.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tern.bench.ResultLine;
import dev.tern.bench.Spread;
import dev.tern.bench.SuiteArguments;
import dev.tern.bench.Table;
import dev.tern.bench.footprint.RetainedHeap;
import dev.tern.boards.tls.PkiKeyType;
import dev.tern.boards.tls.TlsTransport;
import dev.tern.boards.virtual.SocketTransport;
import dev.tern.hal.Transport;

/**
 * {@code bench/run tls [--quick]}: what TLS costs a board, against mosquitto's TLS listener
 * (client certificates required, PKI from DevPki): (1) handshake time and bytes on the wire per
 * connection, ECDSA P-256 and RSA 2048, TLS 1.2 and 1.3, full and second connection from the same
 * transport (resumed when the broker takes the session); (2) the engine's QoS 1 publishing rate
 * over TLS 1.3 ECDSA as a ratio to plain TCP, alternating rounds, plain first; (3) heap held by a
 * connected TlsTransport beside the plain SocketTransport. Exit 1 when a measurement failed.
 */
public final class TlsBench {

    static final String USAGE = "[--quick] [--handshakes N] [--messages N] [--rounds N]";
    private static final String[] PROTOCOLS = {"TLSv1.2", "TLSv1.3"};

    private TlsBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        // JOL reads the JDK's field offsets this way on JDKs that hide them (as footprint's JVM options do)
        System.setProperty("jol.magicFieldOffset", "true");
        if (SuiteArguments.wantsHelp(args)) {
            System.out.println("usage: bench/run tls " + USAGE);
            return SuiteArguments.EXIT_OK;
        }
        int handshakes;
        int messages;
        int rounds;
        SuiteArguments arguments;
        try {
            arguments = SuiteArguments.parse(args, "handshakes", "messages", "rounds");
            handshakes = (int) arguments.number("handshakes", 5, 20);
            messages = (int) arguments.number("messages", 1_000, 5_000);
            rounds = (int) arguments.number("rounds", 2, 5);
            if (handshakes < 1 || messages < 1 || rounds < 1) {
                throw new IllegalArgumentException("--handshakes, --messages and --rounds must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            return SuiteArguments.usageError("tls", e, USAGE);
        }
        System.out.println("tls" + (arguments.quick() ? " (quick)" : "") + ": mosquitto's TLS listener on 127.0.0.1"
                + " (client certificates required); " + handshakes + " handshakes per row; QoS 1, " + messages
                + " messages x " + rounds + " rounds per transport; JDK " + Runtime.version());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("suite", "tls");
        result.put("quick", arguments.quick());
        result.put("handshakesPerRow", handshakes);
        result.put("messages", messages);
        result.put("rounds", rounds);
        List<String> failures = new ArrayList<>();
        try {
            Path folder = Files.createTempDirectory("tern-bench-tls");
            result.put("handshakes", handshakeRows(folder, handshakes));
            result.put("throughput", throughput(folder, messages, rounds));
            result.put("memory", memory(folder));
        } catch (IOException | InterruptedException | RuntimeException e) {
            failures.add(e.toString());
            System.out.println("FAILED: " + e);
        }
        result.put("ok", failures.isEmpty());
        result.put("failures", failures);
        System.out.println(ResultLine.of(result));
        return failures.isEmpty() ? SuiteArguments.EXIT_OK : SuiteArguments.EXIT_GUARANTEE_BROKEN;
    }

    private static List<Object> handshakeRows(Path folder, int handshakes) throws IOException, InterruptedException {
        Table table = new Table("key", "asked", "connection", "got", "ms median", "ms min-max", "B sent", "B received");
        List<Object> rows = new ArrayList<>();
        for (PkiKeyType keyType : List.of(PkiKeyType.ECDSA_P256, PkiKeyType.RSA_2048)) {
            try (TlsBroker broker = TlsBroker.start(Files.createDirectories(folder.resolve(keyType.name())), keyType)) {
                for (String protocol : PROTOCOLS) {
                    Handshakes.Figures[] figures = Handshakes.measure(TlsBroker.HOST, broker.tlsPort(),
                            broker.device("bench-" + protocol, protocol), handshakes);
                    String[] kinds = {"full", "second"};
                    for (int k = 0; k < kinds.length; k++) {
                        Handshakes.Figures f = figures[k];
                        table.row(keyType, protocol, kinds[k], f.protocol, Spread.format(f.millis.median(), 2),
                                f.millis.range(2), Spread.format(f.sent.median(), 0), Spread.format(f.received.median(), 0));
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("key", keyType.name());
                        row.put("protocol", protocol);
                        row.put("connection", kinds[k]);
                        row.put("negotiated", f.protocol);
                        row.put("cipherSuite", f.cipherSuite);
                        row.put("ms", f.millis.toMap(2));
                        row.put("bytesSent", f.sent.toMap(0));
                        row.put("bytesReceived", f.received.toMap(0));
                        rows.add(row);
                    }
                }
            }
        }
        System.out.println();
        System.out.println("1. handshake per connection (connect() to CONNECTED, median of " + handshakes
                + "; bytes on the wire both ways; second: the same transport again, its session offered)");
        table.print(System.out);
        return rows;
    }

    private static Map<String, Object> throughput(Path folder, int messages, int rounds) throws IOException {
        Spread plain = new Spread();
        Spread tls = new Spread();
        Spread ratio = new Spread();
        try (TlsBroker broker = TlsBroker.start(Files.createDirectories(folder.resolve("throughput")), PkiKeyType.ECDSA_P256)) {
            for (int round = 1; round <= rounds; round++) {
                double p = QosOnePublisher.messagesPerSecond(new SocketTransport("127.0.0.1", broker.plainPort()),
                        "bench-plain-" + round, messages);
                double t = QosOnePublisher.messagesPerSecond(new TlsTransport(TlsBroker.HOST, broker.tlsPort(),
                        broker.device("bench-tls-" + round, "TLSv1.3")), "bench-tls-" + round, messages);
                plain.add(p);
                tls.add(t);
                ratio.add(t / p);
            }
        }
        System.out.println();
        System.out.println("2. the engine publishing QoS 1 (64 B payload, first PUBLISH to last PUBACK), " + messages
                + " messages, " + rounds + " rounds alternating plain then TLS 1.3 ECDSA P-256");
        new Table("transport", "msg/s median", "msg/s min-max", "TLS/plain per round: median", "min-max")
                .row("plain TCP", Spread.format(plain.median(), 0), plain.range(0), "1.00", "-")
                .row("TLS 1.3", Spread.format(tls.median(), 0), tls.range(0), Spread.format(ratio.median(), 2), ratio.range(2))
                .print(System.out);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("plainMessagesPerSecond", plain.toMap(0));
        map.put("tlsMessagesPerSecond", tls.toMap(0));
        map.put("ratio", ratio.toMap(3));
        return map;
    }

    private static Map<String, Object> memory(Path folder) throws IOException, InterruptedException {
        Map<String, Object> map = new LinkedHashMap<>();
        try (TlsBroker broker = TlsBroker.start(Files.createDirectories(folder.resolve("memory")), PkiKeyType.ECDSA_P256)) {
            TlsTransport tls = new TlsTransport(TlsBroker.HOST, broker.tlsPort(), broker.device("bench-memory", "TLSv1.3"));
            Handshakes.handshake(tls);
            Handshakes.settle(tls);
            SocketTransport plain = new SocketTransport("127.0.0.1", broker.plainPort());
            connect(plain);
            long tlsJol = RetainedHeap.jol(tls);
            long tlsOwned = RetainedHeap.ownedBy(tls);
            long plainJol = RetainedHeap.jol(plain);
            long plainOwned = RetainedHeap.ownedBy(plain);
            System.out.println();
            System.out.println("3. heap held by a connected transport (JOL; after the TLS 1.3 ECDSA handshake)");
            new Table("transport", "JOL graph B", "owned B", "TLS record buffers B")
                    .row("TlsTransport", tlsJol, tlsOwned, tls.bufferBytes())
                    .row("SocketTransport", plainJol, plainOwned, "-")
                    .print(System.out);
            System.out.println("JOL graph: GraphLayout.parseInstance(transport).totalSize(), everything reachable (SSLContext,"
                    + " its session cache, providers); owned: the same walk stopping at JVM-wide state (classes, loaders,"
                    + " threads, references). SocketTransport's two 64 KiB direct buffers are off-heap: not counted.");
            map.put("tlsJolBytes", tlsJol);
            map.put("tlsOwnedBytes", tlsOwned);
            map.put("tlsBufferBytes", tls.bufferBytes());
            map.put("plainJolBytes", plainJol);
            map.put("plainOwnedBytes", plainOwned);
            tls.close();
            plain.close();
        }
        return map;
    }

    private static void connect(Transport transport) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int result;
        while ((result = transport.connect()) == Transport.IN_PROGRESS && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        if (result != Transport.CONNECTED) {
            throw new IllegalStateException("plain connect failed: " + result);
        }
    }
}
