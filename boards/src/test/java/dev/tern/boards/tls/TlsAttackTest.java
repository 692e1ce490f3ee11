package dev.tern.boards.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attacks and bad peers: each makes the board refuse the connection with a named
 * {@link TlsStatus} (the console's line is printed), no MQTT connection is made (the impostor
 * receives no application byte, the broker logs no client), and the session is untouched (the
 * QoS 1 message queued before is still held, and where the fault passes, delivered after).
 */
@Tag("mosquitto")
@Timeout(60)
class TlsAttackTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Instant NOW = Instant.now();

    @TempDir
    static Path folder;
    private static TlsMosquitto broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TlsMosquitto.start(folder, PkiKeyType.ECDSA_P256);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void manInTheMiddleWithItsOwnCertificateIsUntrusted() throws Exception {
        CertifiedKey theirCa = DevPki.createCa("Mallory CA", PkiKeyType.ECDSA_P256, TlsMosquitto.VALID);
        refusedByImpostor("man in the middle", DevPki.issueBroker(theirCa, TlsMosquitto.HOST, PkiKeyType.ECDSA_P256,
                TlsMosquitto.VALID), TlsStatus.TLS_UNTRUSTED_BROKER);
    }

    @Test
    void aTrustedCertificateForAnotherHostIsANameMismatch() throws Exception {
        refusedByImpostor("host name mismatch", DevPki.issueBroker(broker.ca, "other.example", PkiKeyType.ECDSA_P256,
                TlsMosquitto.VALID), TlsStatus.TLS_NAME_MISMATCH);
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        CertValidity lastMonth = new CertValidity(NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(30)));
        refusedByImpostor("expired certificate", DevPki.issueBroker(broker.ca, TlsMosquitto.HOST, PkiKeyType.ECDSA_P256,
                lastMonth), TlsStatus.TLS_EXPIRED);
    }

    @Test
    void aSelfSignedCertificateIsRefused() throws Exception {
        refusedByImpostor("self-signed certificate", DevPki.selfSignedBroker(TlsMosquitto.HOST, PkiKeyType.ECDSA_P256,
                TlsMosquitto.VALID), TlsStatus.TLS_SELF_SIGNED_BROKER);
    }

    @Test
    void aBrokerKeyOtherThanThePinnedOneIsRefused() throws Exception {
        byte[] otherPin = PublicKeyPin.of(broker.device("someone").certificate());
        TlsSettings pinned = pinnedTo(otherPin, "pin-wrong");
        TlsEngine engine = refused("pinned key", TlsMosquitto.HOST, broker.tlsPort(), pinned, TlsStatus.TLS_PIN_MISMATCH);
        assertFalse(broker.sawClient("pin-wrong"), "no MQTT connection reached the broker");
        engine.stop();
    }

    @Test
    void theBrokersOwnPinnedKeyConnects() throws Exception {
        TlsEngine engine = TlsEngine.over("pin-right", new TlsTransport(TlsMosquitto.HOST, broker.tlsPort(),
                pinnedTo(PublicKeyPin.of(broker.broker.certificate()), "pin-right")));
        engine.start();
        assertTrue(engine.pollUntil(() -> engine.connected, WAIT), () -> "failures " + engine.failures);
        engine.stop();
    }

    @Test
    void aDeviceCertificateTheBrokerDoesNotTrustIsRejected() throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            CertifiedKey strangerCa = DevPki.createCa("Unknown CA", PkiKeyType.ECDSA_P256, TlsMosquitto.VALID);
            String id = "rejected-" + protocol;
            CertifiedKey device = DevPki.issueDevice(strangerCa, id, PkiKeyType.ECDSA_P256, TlsMosquitto.VALID);
            TlsSettings settings = TlsSettings.of(TlsCredentials.of(List.of(broker.ca.certificate()), device, null))
                    .withProtocols(protocol);
            TlsEngine engine = refused("device rejected by the broker (" + protocol + ")", TlsMosquitto.HOST,
                    broker.tlsPort(), settings, TlsStatus.TLS_DEVICE_REJECTED);
            assertFalse(broker.sawClient(id), "the broker accepted no MQTT connection: " + broker.log());
            engine.stop();
        }
    }

    @Test
    void aGarbledRecordFailsTheHandshakeAndTheNextConnectionDeliversTheSession() throws Exception {
        try (TlsRecordProxy proxy = TlsRecordProxy.start(broker.tlsPort()).garbleRecordToClient(3)) {
            passesAfter("garbled TLS record", proxy, TlsStatus.TLS_BAD_RECORD);
        }
    }

    @Test
    void aTruncatedRecordFailsTheHandshakeAndTheNextConnectionDeliversTheSession() throws Exception {
        try (TlsRecordProxy proxy = TlsRecordProxy.start(broker.tlsPort()).truncateRecordToClient(3)) {
            passesAfter("truncated TLS record", proxy, TlsStatus.TLS_TRUNCATED);
        }
    }

    @ParameterizedTest
    @CsvSource({"1.0, " + OldTlsServer.TLS10, "1.1, " + OldTlsServer.TLS11})
    void aServerOfferingOnlyAnOldTlsIsRefused(String version, int minorVersion) throws Exception {
        try (OldTlsServer old = OldTlsServer.start(minorVersion)) {
            refused("server offers only TLS " + version, TlsMosquitto.HOST, old.port(), broker.settingsFor(broker.device("old")),
                    TlsStatus.TLS_PROTOCOL_VERSION).stop();
        }
    }

    @Test
    void aBoardClockPastTheBrokersCertificateSeesItExpired() throws Exception {
        Clock later = Clock.fixed(broker.broker.certificate().getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC);
        TlsSettings settings = broker.settingsFor(broker.device("late")).withTime(BoardTime.rtc(later));
        refused("board clock after notAfter", TlsMosquitto.HOST, broker.tlsPort(), settings, TlsStatus.TLS_EXPIRED).stop();
    }

    @Test
    void aBoardClockBeforeTheBrokersCertificateSeesItNotYetValid() throws Exception {
        Clock early = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
        TlsSettings settings = broker.settingsFor(broker.device("early")).withTime(BoardTime.rtc(early));
        refused("board clock before notBefore", TlsMosquitto.HOST, broker.tlsPort(), settings, TlsStatus.TLS_NOT_YET_VALID).stop();
    }

    @Test
    void aBoardWithoutRtcTrustsAValidChainAndRefusesOneExpiredBeforeItsBuild() throws Exception {
        TlsSettings building = broker.settingsFor(broker.device("no-rtc")).withTime(BoardTime.noRtc(Instant.parse("2001-01-01T00:00:00Z")));
        TlsEngine ok = TlsEngine.over("no-rtc", new TlsTransport(TlsMosquitto.HOST, broker.tlsPort(), building));
        ok.start();
        assertTrue(ok.pollUntil(() -> ok.connected, WAIT), () -> "failures " + ok.failures);
        ok.stop();

        Instant builtAfterExpiry = broker.broker.certificate().getNotAfter().toInstant().plusSeconds(60);
        TlsSettings late = broker.settingsFor(broker.device("no-rtc-late")).withTime(BoardTime.noRtc(builtAfterExpiry));
        refused("no RTC, firmware built after notAfter", TlsMosquitto.HOST, broker.tlsPort(), late, TlsStatus.TLS_EXPIRED).stop();
    }

    // ------------------------------------------------------------------ helpers

    private TlsSettings pinnedTo(byte[] pin, String boardId) {
        return TlsSettings.of(TlsCredentials.of(List.of(broker.ca.certificate()), broker.device(boardId), pin));
    }

    private void refusedByImpostor(String attack, CertifiedKey identity, int expected) throws Exception {
        try (ImpostorServer impostor = ImpostorServer.start(identity)) {
            TlsEngine engine = refused(attack, TlsMosquitto.HOST, impostor.port(),
                    broker.settingsFor(broker.device("victim")), expected);
            engine.stop();
            assertTrue(impostor.accepted() >= 2, "the board tried again: " + impostor.accepted());
            assertEquals(0, impostor.applicationBytes(), "the impostor got no MQTT byte");
        }
    }

    /** A board with a QoS 1 message queued connects to host:port, fails twice with {@code expected}, keeps its message. */
    private static TlsEngine refused(String attack, String host, int port, TlsSettings settings, int expected) {
        TlsTransport tls = new TlsTransport(host, port, settings);
        TlsEngine engine = TlsEngine.over("attacked", tls);
        assertTrue(engine.publish("tern/tls/attack", "kept", 1) >= 0 || engine.client.queued() == 1);
        int heldBefore = engine.client.inflight() + engine.client.queued();
        engine.start();
        assertTrue(engine.pollUntil(() -> engine.failures.size() >= 2, WAIT), () -> attack + ": failures " + engine.failures);
        String line = "mqtt: cannot connect to " + host + ":" + port + " (" + engine.failures.get(0) + "), trying again";
        System.out.println("[tls attack] " + attack + ": " + line);
        assertEquals("TRANSPORT_FAILED: " + TlsStatus.name(expected), engine.failures.get(0), attack);
        assertEquals("TRANSPORT_FAILED: " + TlsStatus.name(expected), engine.failures.get(1), attack + ", again");
        assertEquals(0, engine.connections, attack + ": no MQTT connection");
        assertEquals(1, heldBefore, "the queued message");
        assertEquals(heldBefore, engine.client.inflight() + engine.client.queued(), attack + ": the session keeps its message");
        return engine;
    }

    /** The proxy's fault hits the first connection only: refused with {@code expected}, then the session goes through. */
    private static void passesAfter(String attack, TlsRecordProxy proxy, int expected) throws Exception {
        TlsTransport tls = new TlsTransport(TlsMosquitto.HOST, proxy.port(), broker.settingsFor(broker.device("faulted")));
        String id = "faulted-" + expected;
        TlsEngine engine = TlsEngine.over(id, tls);
        engine.subscribe("tern/tls/" + id, 1);
        engine.publish("tern/tls/" + id, "kept", 1);
        engine.start();
        assertTrue(engine.pollUntil(() -> engine.received.contains("kept") && engine.client.inflight() == 0, WAIT),
                () -> attack + ": failures " + engine.failures);
        engine.stop();
        System.out.println("[tls attack] " + attack + ": mqtt: cannot connect to " + TlsMosquitto.HOST + ":" + proxy.port()
                + " (" + engine.failures.get(0) + "), trying again");
        assertEquals(List.of("TRANSPORT_FAILED: " + TlsStatus.name(expected)), engine.failures, attack);
        assertEquals(1, engine.connections, "one MQTT connection, after the fault");
        assertEquals(2, proxy.connections());
    }
}
