package dev.tern.boards.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.tern.mqtt.client.ClientStatus;

/**
 * The two sessions every TLS broker test plays with the engine over {@link TlsTransport}: QoS 0,
 * 1 and 2 out to the broker and back, and a session cut twice mid-flight (a {@link TlsRecordProxy}
 * between engine and broker) that resumes with nothing lost and QoS 2 delivered once.
 */
final class TlsRoundTrips {

    static final Duration WAIT = Duration.ofSeconds(20);

    private TlsRoundTrips() {
    }

    /**
     * Subscribes to its own topics at QoS 2, publishes five messages at each QoS and asserts each
     * came back once, at its QoS, over one connection. Returns the TLS version negotiated (the
     * transport forgets it when the engine disconnects).
     */
    static String qos012BothWays(String id, TlsTransport tls) {
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
        System.out.println("[tls] " + id + ": " + negotiated + " " + tls.cipherSuite()
                + ", wire " + tls.wireBytesSent() + " B sent, " + tls.wireBytesReceived() + " B received for 15 messages");
        engine.stop();

        assertEquals(Set.copyOf(sent), Set.copyOf(engine.received), "every message came back over TLS");
        assertEquals(sent.size(), engine.received.size(), "no duplicate without a reconnect");
        for (int i = 0; i < engine.received.size(); i++) {
            String payload = engine.received.get(i);
            assertEquals(payload.charAt(1) - '0', engine.receivedQos.get(i), "arrived at its QoS: " + payload);
        }
        assertEquals(1, tls.handshakes());
        assertEquals(List.of(), engine.failures);
        return negotiated;
    }

    /**
     * Publishes 30 messages at QoS 1 and 2 to its own topics through {@code proxy}, cutting every
     * connection after the 10th and the 20th, and asserts the session resumed: all came back,
     * the broker kept the session, each cut seen as a truncation, QoS 2 delivered once.
     */
    static void cutTwiceMidSession(String id, TlsTransport tls, TlsRecordProxy proxy) {
        TlsEngine engine = TlsEngine.over(id, tls);
        engine.subscribe("tern/tls/" + id + "/#", 2);
        engine.start();
        assertTrue(engine.pollUntil(() -> engine.granted == 2, WAIT), () -> "subscribed: " + engine.failures);

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int qos = 1 + i % 2;
            String payload = "m" + i + "-q" + qos;
            int published = engine.publish("tern/tls/" + id + "/q" + qos, payload, qos);
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

        System.out.println("[tls] " + id + " cut and resume: " + engine.connections + " connections, " + tls.handshakes()
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
