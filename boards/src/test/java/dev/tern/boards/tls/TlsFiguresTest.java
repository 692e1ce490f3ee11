package dev.tern.boards.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.virtual.SocketTransport;
import dev.tern.hal.Transport;
import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.client.MqttClient;

/**
 * The figures of docs/tls.md, printed (never asserted on time): handshake time and bytes on the
 * wire per connection, ECDSA P-256 against RSA 2048, TLS 1.2 against 1.3, full and resumed;
 * QoS 1 throughput over TLS as a ratio to plain TCP on the same broker in the same run.
 * Tagged slow: run it on demand.
 */
@Tag("mosquitto")
@Tag("slow")
@Timeout(300)
class TlsFiguresTest {

    private static final int HANDSHAKES = 10;
    private static final int MESSAGES = 3000;

    @TempDir
    Path folder;

    @Test
    void handshakeTimeAndBytes() throws Exception {
        System.out.println("[tls figures] key      protocol  kind     ms/handshake  B sent  B received");
        for (PkiKeyType keyType : PkiKeyType.values()) {
            try (TlsMosquitto broker = TlsMosquitto.start(Files.createDirectories(folder.resolve(keyType.name())), keyType)) {
                CertifiedKey device = DevPki.issueDevice(broker.ca, "figures", keyType, TlsMosquitto.VALID);
                for (String protocol : TlsSettings.TLS_1_2_AND_1_3) {
                    TlsSettings settings = TlsSettings.of(TlsCredentials.of(List.of(broker.ca.certificate()), device, null))
                            .withProtocols(protocol);
                    long[] full = new long[3];
                    long[] resumed = new long[3];
                    for (int i = 0; i < HANDSHAKES; i++) {
                        TlsTransport tls = new TlsTransport(TlsMosquitto.HOST, broker.tlsPort(), settings);
                        add(full, handshake(tls));
                        settle(tls);
                        tls.close();
                        add(resumed, handshake(tls));
                        tls.close();
                    }
                    print(keyType, protocol, "full", full);
                    print(keyType, protocol, "second", resumed);
                }
            }
        }
    }

    @Test
    void throughputOverTlsAgainstPlainTcp() throws Exception {
        try (TlsMosquitto broker = TlsMosquitto.start(folder, PkiKeyType.ECDSA_P256)) {
            double plain = messagesPerSecond(new SocketTransport("127.0.0.1", broker.mosquitto.port()), "tp-plain");
            TlsTransport tls = new TlsTransport(TlsMosquitto.HOST, broker.tlsPort(), broker.settingsFor(broker.device("tp-tls")));
            double overTls = messagesPerSecond(tls, "tp-tls");
            System.out.printf("[tls figures] QoS 1 out and back, %d messages: plain TCP %.0f msg/s, TLS (%s) %.0f msg/s,"
                    + " ratio %.2f%n", MESSAGES, plain, "ECDSA P-256", overTls, overTls / plain);
            assertTrue(plain > 0 && overTls > 0);
        }
    }

    /** {nanoseconds, bytes sent, bytes received} of one handshake. */
    private static long[] handshake(TlsTransport tls) {
        long sent = tls.wireBytesSent();
        long received = tls.wireBytesReceived();
        long start = System.nanoTime();
        int result;
        do {
            result = tls.connect();
        } while (Transport.IN_PROGRESS == result && System.nanoTime() - start < 10_000_000_000L);
        assertEquals(Transport.CONNECTED, result, TlsStatus.name(tls.lastFailure()));
        return new long[] {System.nanoTime() - start, tls.wireBytesSent() - sent, tls.wireBytesReceived() - received};
    }

    /** Reads for a moment: TLS 1.3 session tickets come after the handshake. */
    private static void settle(TlsTransport tls) throws InterruptedException {
        byte[] buffer = new byte[256];
        for (int i = 0; i < 20; i++) {
            tls.read(buffer, 0, buffer.length);
            Thread.sleep(2);
        }
    }

    private static void add(long[] sum, long[] one) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += one[i];
        }
    }

    private static void print(PkiKeyType keyType, String protocol, String kind, long[] sum) {
        System.out.printf("[tls figures] %-10s %-8s %-7s %8.2f %8d %8d%n", keyType, protocol, kind,
                sum[0] / 1e6 / HANDSHAKES, sum[1] / HANDSHAKES, sum[2] / HANDSHAKES);
    }

    private static double messagesPerSecond(Transport transport, String clientId) {
        TlsEngine engine = new TlsEngine(clientId, null, transport, new FlashFake(16, 4096));
        byte[] topic = ("tern/tp/" + clientId).getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[64];
        MqttClient client = engine.client;
        engine.subscribe("tern/tp/" + clientId, 1);
        engine.start();
        assertTrue(engine.pollUntil(() -> engine.granted == 1, Duration.ofSeconds(10)));
        long start = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++) {
            int expected = engine.received.size() + 1;
            client.publish(topic, 0, topic.length, payload, 0, payload.length, 1, false);
            while (engine.received.size() < expected || client.inflight() > 0) {
                client.poll(System.nanoTime() / 1_000_000L);
            }
        }
        double rate = MESSAGES / ((System.nanoTime() - start) / 1e9);
        engine.stop();
        return rate;
    }
}
