package dev.tern.boards.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tern.testsupport.HiveMqBroker;

/**
 * The engine over {@link TlsTransport} against HiveMQ CE's TLS listener, which requires a client
 * certificate from the test's CA: QoS 0, 1 and 2 both ways on TLS 1.2 and 1.3, and a session cut
 * twice mid-flight that resumes with nothing lost, as {@link TlsTransportMosquittoTest} does
 * against mosquitto.
 */
@Tag("hivemq")
@Timeout(90)
class TlsTransportHiveMqTest {

    private static CertifiedKey ca;
    private static HiveMqBroker hivemq;

    @BeforeAll
    static void startBroker() {
        ca = DevPki.createCa("Tern test CA", PkiKeyType.ECDSA_P256, TlsMosquitto.VALID);
        CertifiedKey broker = DevPki.issueBroker(ca, TlsMosquitto.HOST, PkiKeyType.ECDSA_P256, TlsMosquitto.VALID);
        hivemq = HiveMqBroker.startWithTls(broker.privateKey(), broker.chain(), List.of(ca.certificate()));
    }

    @AfterAll
    static void stopBroker() {
        if (hivemq != null) {
            hivemq.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void qos0And1And2BothWays(String protocol) {
        String id = "hive-tls-" + protocol;
        TlsTransport tls = new TlsTransport(TlsMosquitto.HOST, hivemq.tlsPort(), settingsFor(id).withProtocols(protocol));
        assertEquals(protocol, TlsRoundTrips.qos012BothWays(id, tls));
    }

    @Test
    void cutsMidSessionResumeWithNothingLostAndQos2DeliveredOnce() throws Exception {
        try (TlsRecordProxy proxy = TlsRecordProxy.start(hivemq.tlsPort())) {
            String id = "hive-tls-cut";
            TlsRoundTrips.cutTwiceMidSession(id, new TlsTransport(TlsMosquitto.HOST, proxy.port(), settingsFor(id)), proxy);
        }
    }

    /** Trusts the test's CA and presents a device certificate from it, named {@code boardId}. */
    private static TlsSettings settingsFor(String boardId) {
        CertifiedKey device = DevPki.issueDevice(ca, boardId, PkiKeyType.ECDSA_P256, TlsMosquitto.VALID);
        return TlsSettings.of(TlsCredentials.of(List.of(ca.certificate()), device, null));
    }
}
