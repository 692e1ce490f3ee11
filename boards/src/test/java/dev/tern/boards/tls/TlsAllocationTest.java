package dev.tern.boards.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.virtual.SocketTransport;
import dev.tern.hal.Transport;
import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.client.IncomingMessage;
import dev.tern.mqtt.client.MqttClient;
import dev.tern.mqtt.client.MqttConfig;
import dev.tern.mqtt.client.MqttListener;
import dev.tern.mqtt.client.PacketTrace;
import dev.tern.testsupport.AllocationMeter;

/**
 * What TLS costs in allocation, apart from the engine: QoS 1 messages to the engine's own topic
 * and back, counted per message on the engine's thread, with the transport's calls metered
 * apart. The engine's share (all bytes minus the transport's) stays under 8 B per message (no object is smaller than 16 B); the
 * SSLEngine's share is the figure (docs/tls.md). In-process, so the JIT's deoptimizations can
 * show a few hundred bytes once; the forked interpreter-only proof of 0 stays ZeroAllocationTest's.
 */
@Tag("mosquitto")
@Timeout(60)
class TlsAllocationTest {

    private static final int WARMUP = 300;
    private static final int MESSAGES = 1000;
    private static final long ENGINE_BOUND = 8L * MESSAGES;

    @TempDir
    Path folder;

    @Test
    void theEngineAllocatesNothingPerMessageOverTlsAndTheTlsLayerIsMeasured() throws Exception {
        try (TlsMosquitto broker = TlsMosquitto.start(folder, PkiKeyType.ECDSA_P256)) {
            AllocationMeter meter = AllocationMeter.create();
            TlsTransport tls = new TlsTransport(TlsMosquitto.HOST, broker.tlsPort(), broker.settingsFor(broker.device("alloc-tls")));
            long[] tlsShare = perMessage(meter, tls, "alloc-tls");
            long[] plainShare = perMessage(meter, new SocketTransport("127.0.0.1", broker.mosquitto.port()), "alloc-plain");

            System.out.printf("[tls alloc] %d QoS 1 messages out and back: TLS transport %.1f B/message, engine %.1f B/message;"
                    + " plain TCP transport %.1f B/message, engine %.1f B/message; TLS buffers held %d B%n", MESSAGES,
                    tlsShare[0] / (double) MESSAGES, tlsShare[1] / (double) MESSAGES,
                    plainShare[0] / (double) MESSAGES, plainShare[1] / (double) MESSAGES, tls.bufferBytes());
            // under half the smallest object (16 B) per message: no per-message allocation hides there;
            // a few hundred bytes once can be the JIT re-materializing objects it had scalar-replaced
            assertTrue(tlsShare[1] < ENGINE_BOUND, "the engine's own bytes over TLS: " + tlsShare[1]);
            assertTrue(plainShare[1] < ENGINE_BOUND, "the engine's own bytes over plain TCP: " + plainShare[1]);
            assertTrue(plainShare[0] < ENGINE_BOUND, "the plain transport allocates nothing per message: " + plainShare[0]);
            assertTrue(tlsShare[0] > 0, "the SSLEngine allocates per record (SSLEngineResult at least)");
        }
    }

    /** {transport bytes, engine bytes} over {@link #MESSAGES} messages after a warm-up. */
    private static long[] perMessage(AllocationMeter meter, Transport transport, String clientId) {
        MeteredTransport metered = new MeteredTransport(transport, meter);
        Counting listener = new Counting();
        MqttConfig config = new MqttConfig();
        config.clientId = clientId.getBytes(StandardCharsets.UTF_8);
        config.cleanSession = false;
        config.keepAliveSeconds = 0;
        MqttClient client = new MqttClient(config, metered, new FlashFake(16, 4096), listener, PacketTrace.NONE);
        byte[] topic = ("tern/alloc/" + clientId).getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[64];
        client.subscribe(topic, 0, topic.length, 1);
        client.start(now());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (listener.granted == 0) {
            client.poll(now());
            assertTrue(System.nanoTime() - deadline < 0, "subscribed within 10 s");
        }
        for (int i = 0; i < WARMUP; i++) {
            roundTrip(client, listener, topic, payload);
        }
        long totalBefore = meter.allocatedBytes();
        long transportBefore = metered.allocated();
        for (int i = 0; i < MESSAGES; i++) {
            roundTrip(client, listener, topic, payload);
        }
        long total = meter.allocatedBytes() - totalBefore;
        long transportBytes = metered.allocated() - transportBefore;
        client.disconnect(now());
        return new long[] {transportBytes, total - transportBytes};
    }

    private static void roundTrip(MqttClient client, Counting listener, byte[] topic, byte[] payload) {
        long expected = listener.messages + 1;
        payload[0]++;
        if (client.publish(topic, 0, topic.length, payload, 0, payload.length, 1, false) < 0) {
            throw new IllegalStateException("publish refused");
        }
        while (listener.messages < expected || client.inflight() > 0) {
            client.poll(now());
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000L;
    }

    /** Counts, allocating nothing. */
    private static final class Counting implements MqttListener {
        long messages;
        int granted;

        @Override
        public void onMessage(IncomingMessage message) {
            messages++;
        }

        @Override
        public void onPublishComplete(int packetId, int status) {
        }

        @Override
        public void onSubscribed(int packetId, int subscriptionIndex, int grantedQos) {
            granted++;
        }

        @Override
        public void onUnsubscribed(int packetId, int reasonCode) {
        }

        @Override
        public void onReceiveComplete(int packetId) {
        }

        @Override
        public void onConnectionChanged(boolean connected, boolean sessionPresent, int status) {
        }
    }
}
