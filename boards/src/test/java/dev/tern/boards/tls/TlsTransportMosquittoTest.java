package dev.tern.boards.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tern.mqtt.client.ClientStatus;

/**
 * The engine over {@link TlsTransport} against mosquitto 2.0's TLS listener with
 * {@code require_certificate true}: QoS 0, 1 and 2 both ways on TLS 1.2 and 1.3 with ECDSA and RSA
 * chains, and a connection cut mid-session that resumes with nothing lost.
 */
@Tag("mosquitto")
@Timeout(60)
class TlsTransportMosquittoTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path folder;
    private static TlsMosquitto ecdsa;
    private static TlsMosquitto rsa;

    @BeforeAll
    static void startBrokers() throws Exception {
        ecdsa = TlsMosquitto.start(Files.createDirectories(folder.resolve("ecdsa")), PkiKeyType.ECDSA_P256);
        Path rsaFolder = Files.createDirectories(folder.resolve("rsa"));
        rsa = TlsMosquitto.start(rsaFolder, PkiKeyType.RSA_2048);
    }

    @AfterAll
    static void stopBrokers() {
        if (ecdsa != null) {
            ecdsa.close();
        }
        if (rsa != null) {
            rsa.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.3, ECDSA_P256", "TLSv1.2, ECDSA_P256", "TLSv1.3, RSA_2048", "TLSv1.2, RSA_2048"})
    void qos0And1And2BothWays(String protocol, PkiKeyType keyType) throws Exception {
        TlsMosquitto broker = keyType == PkiKeyType.RSA_2048 ? rsa : ecdsa;
        String id = "tls-" + protocol + "-" + keyType;
        TlsTransport tls = new TlsTransport(TlsMosquitto.HOST, broker.tlsPort(),
                broker.settingsFor(broker.device(id)).withProtocols(protocol));
        TlsEngine engine = TlsEngine.over(id, tls);
        engine.subscribe("tern/tls/" + id + "/#", 2);
        engine.start();
        assertTrue(engine.pollUntil(() -> engine.granted == 2, WAIT), () -> "subscribed: " + engine.failures);

        List<String> sent = new ArrayList<>();
        for (int qos = 0; qos <= 2; qos++) {
            for (int i = 0; i < 5; i++) {
                String payload = "q" + qos + "-" + i;
                assertTrue(engine.publish("tern/tls/" + id + "/q" + qos, payload, qos) >= 0);
                sent.add(payload);
            }
        }
        assertTrue(engine.pollUntil(() -> engine.received.size() >= sent.size() && engine.client.inflight() == 0, WAIT),
                () -> "received " + engine.received);
        String negotiated = tls.protocol();
        System.out.println("[tls] " + protocol + " " + keyType + ": " + negotiated + " " + tls.cipherSuite()
                + ", wire " + tls.wireBytesSent() + " B sent, " + tls.wireBytesReceived() + " B received for 15 messages");
        engine.stop();

        assertEquals(protocol, negotiated);
        assertEquals(Set.copyOf(sent), Set.copyOf(engine.received), "every message came back over TLS");
        assertEquals(sent.size(), engine.received.size(), "no duplicate without a reconnect");
        assertEquals(1, tls.handshakes());
        assertEquals(List.of(), engine.failures);
        assertTrue(broker.sawClient(id), "the broker accepted the MQTT connection");
    }

    @Test
    void negotiatesTheProtocolItWasAskedFor() {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            TlsTransport tls = new TlsTransport(TlsMosquitto.HOST, ecdsa.tlsPort(),
                    ecdsa.settingsFor(ecdsa.device("proto")).withProtocols(protocol));
            TlsEngine engine = TlsEngine.over("proto-" + protocol, tls);
            engine.start();
            assertTrue(engine.pollUntil(() -> engine.connected, WAIT), () -> "connected: " + engine.failures);
            assertEquals(protocol, tls.protocol());
            engine.stop();
        }
    }

    @Test
    void cutsMidSessionResumeWithNothingLostAndQos2DeliveredOnce() throws Exception {
        try (TlsRecordProxy proxy = TlsRecordProxy.start(ecdsa.tlsPort())) {
            String id = "tls-cut";
            TlsTransport tls = new TlsTransport(TlsMosquitto.HOST, proxy.port(), ecdsa.settingsFor(ecdsa.device(id)));
            TlsEngine engine = TlsEngine.over(id, tls);
            engine.subscribe("tern/tls/cut/#", 2);
            engine.start();
            assertTrue(engine.pollUntil(() -> engine.granted == 2, WAIT), () -> "subscribed: " + engine.failures);

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int qos = 1 + i % 2;
                String payload = "m" + i + "-q" + qos;
                int published = engine.publish("tern/tls/cut/q" + qos, payload, qos);
                assertTrue(published >= 0 || published == ClientStatus.QUEUED, () -> "publish " + payload + ": " + ClientStatus.name(published));
                sent.add(payload);
                engine.pollFor(Duration.ofMillis(5));
                if (i == 9 || i == 19) {
                    assertTrue(engine.pollUntil(() -> engine.connected, WAIT), "connected before the cut");
                    proxy.cutAll();
                }
            }
            assertTrue(engine.pollUntil(() -> Set.copyOf(engine.received).containsAll(sent) && engine.client.inflight() == 0
                    && engine.connected, WAIT), () -> "received " + engine.received + ", failures " + engine.failures);
            engine.stop();

            System.out.println("[tls] cut and resume: " + engine.connections + " connections, " + tls.handshakes()
                    + " handshakes, failures seen " + engine.failures);
            assertTrue(engine.connections >= 3, "two cuts, two reconnects: " + engine.connections);
            assertEquals(engine.connections, tls.handshakes(), "a handshake per connection");
            assertTrue(engine.failures.contains("TRANSPORT_FAILED: TLS_TRUNCATED"), "a cut is a truncation: " + engine.failures);
            assertTrue(engine.sessionPresent, "the broker kept the session across the cuts");
            Set<String> qos2 = new HashSet<>();
            for (int i = 0; i < engine.received.size(); i++) {
                if (engine.receivedQos.get(i) == 2) {
                    assertTrue(qos2.add(engine.received.get(i)), "QoS 2 delivered once: " + engine.received.get(i));
                }
            }
            assertEquals(15, qos2.size());
        }
    }
}
