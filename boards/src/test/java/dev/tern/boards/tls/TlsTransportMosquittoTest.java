package dev.tern.boards.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tern.hal.Transport;

/**
 * The engine over {@link TlsTransport} against mosquitto 2.0's TLS listener with
 * {@code require_certificate true}: QoS 0, 1 and 2 both ways on TLS 1.2 and 1.3 with ECDSA and RSA
 * chains, and a connection cut mid-session that resumes with nothing lost.
 */
@Tag("mosquitto")
@Timeout(60)
class TlsTransportMosquittoTest {

    private static final Duration WAIT = TlsRoundTrips.WAIT;

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

        assertEquals(protocol, TlsRoundTrips.qos012BothWays(id, tls));
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

    /**
     * A reconnect from the same transport resumes the TLS session: the broker sends no certificate
     * again, so the second handshake receives fewer bytes than the broker's chain alone (a full
     * handshake receives more than the chain).
     */
    @ParameterizedTest
    @CsvSource({"TLSv1.3", "TLSv1.2"})
    void aReconnectResumesTheSessionWithoutTheBrokersCertificate(String protocol) throws Exception {
        int chainBytes = 0;
        for (X509Certificate certificate : ecdsa.broker.chain()) {
            chainBytes += certificate.getEncoded().length;
        }
        TlsTransport tls = new TlsTransport(TlsMosquitto.HOST, ecdsa.tlsPort(),
                ecdsa.settingsFor(ecdsa.device("resume")).withProtocols(protocol));

        long fullReceived = handshakeBytesReceived(tls);
        readForAMoment(tls); // TLS 1.3 sends its session tickets after the handshake
        tls.close();
        long secondReceived = handshakeBytesReceived(tls);
        tls.close();

        assertTrue(fullReceived > chainBytes, "full handshake: " + fullReceived + " B received, chain " + chainBytes + " B");
        assertTrue(secondReceived < chainBytes, "second handshake not resumed: " + secondReceived
                + " B received, the broker's chain alone is " + chainBytes + " B (" + protocol + ")");
        assertEquals(2, tls.handshakes());
    }

    private static long handshakeBytesReceived(TlsTransport tls) throws InterruptedException {
        long before = tls.wireBytesReceived();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int result;
        do {
            result = tls.connect();
            Thread.sleep(1);
        } while (Transport.IN_PROGRESS == result && System.nanoTime() < deadline);
        assertEquals(Transport.CONNECTED, result, () -> TlsStatus.name(tls.lastFailure()));
        return tls.wireBytesReceived() - before;
    }

    private static void readForAMoment(TlsTransport tls) throws InterruptedException {
        byte[] buffer = new byte[256];
        for (int i = 0; i < 100; i++) {
            tls.read(buffer, 0, buffer.length);
            Thread.sleep(5);
        }
    }

    @Test
    void cutsMidSessionResumeWithNothingLostAndQos2DeliveredOnce() throws Exception {
        try (TlsRecordProxy proxy = TlsRecordProxy.start(ecdsa.tlsPort())) {
            TlsTransport tls = new TlsTransport(TlsMosquitto.HOST, proxy.port(), ecdsa.settingsFor(ecdsa.device("tls-cut")));
            TlsRoundTrips.cutTwiceMidSession("tls-cut", tls, proxy);
        }
    }
}
