package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.codec.PacketType;
import dev.tern.testsupport.fuzz.FuzzInput;
import dev.tern.testsupport.fuzz.GeneratedInputs;

/**
 * Fuzz target: the engine fed an arbitrary broker. The input is read as a script of choices
 * ({@link FuzzInput}) so most of it is protocol the engine must handle and some is garbage:
 * QoS 2 PUBLISH and PUBREL from a small id space (so ids collide and repeat), QoS 0/1 PUBLISH,
 * acknowledgements for the engine's own ids, CONNACKs in and out of turn, raw bytes, the broker
 * closing, the application publishing, the clock moving (timeouts, keep alive, backoff), and
 * reboots (a new engine on the same session flash). Checked throughout:
 * <ul>
 * <li>no exception escapes {@code poll}, {@code publish}, {@code start} or the constructor, and
 * every packet the engine writes is well formed ({@link ScriptedBroker} decodes each one);</li>
 * <li>every status the engine returns or reports ({@code publish}, {@code lastStatus},
 * {@code restoreStatus}, {@code onPublishComplete}, {@code onConnectionChanged}) is named;</li>
 * <li>never two deliveries of one QoS 2 message within a session: once a QoS 2 PUBLISH with id X
 * reached the application, no PUBLISH with id X reaches it again until the engine has sent
 * PUBCOMP for X, across reconnects with session present and across reboots; only a session
 * the broker no longer has (CONNACK session present 0) starts afresh.</li>
 * </ul>
 */
class MqttClientFuzzTest {

    private static final byte[] TOPIC = ClientHarness.bytes("tern/in");
    private static final byte[] PAYLOAD = ClientHarness.bytes("{\"seq\":1}");
    private static final int MAX_STEPS = 400;

    @FuzzTest(maxDuration = "30s")
    void brokerStream(byte[] data) {
        check(data);
    }

    @Test
    void generatedInputsKeepEveryProperty() {
        GeneratedInputs.run("MqttClientFuzzTest", 20261127L, 5_000, 400,
                GeneratedInputs.corpus(MqttClientFuzzTest.class, "brokerStream"), MqttClientFuzzTest::check);
    }

    static void check(byte[] data) {
        new Scenario(new FuzzInput(data)).run();
    }

    /** One engine (or a succession of engines on one flash) against one scripted broker. */
    private static final class Scenario implements MqttListener, PacketTrace {

        private final FuzzInput in;
        private final MqttConfig config = ClientHarness.config();
        private final FlashFake flash = ClientHarness.flash();
        private final ScriptedBroker broker = new ScriptedBroker();
        private final ManualClock clock = new ManualClock(ClientHarness.START);
        /** QoS 2 ids delivered to the application and not yet released by a PUBCOMP the engine sent. */
        private final Set<Integer> awaitingRelease = new HashSet<>();
        private MqttClient client;
        private int lastPublishId;

        Scenario(FuzzInput in) {
            this.in = in;
            config.cleanSession = in.choose(4) == 0;
            config.resendMode = in.bool() ? MqttConfig.RESEND_ON_TIMER : MqttConfig.RESEND_ON_RECONNECT;
            config.keepAliveSeconds = in.choose(3) * 5;
        }

        void run() {
            boot();
            // most streams start connected: the CONNECT was written, the broker accepts it
            broker.send(Packets.connack(false, 0));
            poll();
            for (int step = 0; step < MAX_STEPS && !in.isEmpty(); step++) {
                act(in.choose(16));
                poll();
            }
            // let every timer run out: keep alive, acknowledgement timeouts, reconnects
            for (int i = 0; i < 20; i++) {
                clock.advance(1_000);
                poll();
            }
        }

        private void boot() {
            client = new MqttClient(config, broker, flash, this, this);
            assertNamed("restoreStatus", client.restoreStatus());
            assertNamed("start", client.start(clock.now()));
        }

        private void act(int choice) {
            switch (choice) {
                case 0, 1, 2, 3 -> send(Packets.publish(2, in.bool(), smallId(), "tern/in", "q2"));
                case 4, 5 -> send(Packets.pubrel(smallId()));
                case 6 -> send(in.bool() ? Packets.publish(1, in.bool(), smallId(), "tern/in", "q1")
                        : Packets.publish(0, false, 0, "tern/in", "q0"));
                case 7 -> send(in.bytes(24));
                case 8 -> send(switch (in.choose(5)) {
                    case 0 -> Packets.puback(smallId());
                    case 1 -> Packets.pubrec(smallId());
                    case 2 -> Packets.pubcomp(smallId());
                    case 3 -> Packets.suback(smallId(), in.choose(3));
                    default -> Packets.unsuback(smallId());
                });
                case 9 -> {
                    // a refusal never carries session present [MQTT-3.2.2-4]; the raw bytes of case 7 may
                    int refusal = in.choose(8) == 0 ? 1 + in.choose(5) : 0;
                    send(Packets.connack(refusal == 0 && in.bool(), refusal));
                }
                case 10 -> {
                    int qos = in.choose(3);
                    assertNamed("publish", client.publish(TOPIC, 0, TOPIC.length, PAYLOAD, 0, PAYLOAD.length, qos, false));
                }
                case 11 -> assertNamed("subscribe", client.subscribe(TOPIC, 0, TOPIC.length, in.choose(3)));
                case 12 -> clock.advance(in.u8() * 40L);
                case 13 -> {
                    if (broker.isOpen()) {
                        broker.closeFromBroker();
                    }
                }
                case 14 -> {
                    // power cycle: the connection goes with it; the session stays in flash
                    broker.close();
                    boot();
                }
                default -> send(Packets.pingresp());
            }
        }

        /** Ids 1..6: small, so that they collide and repeat. */
        private int smallId() {
            return 1 + in.choose(6);
        }

        /** The broker sends only on an open connection; whatever it sends is read on the next polls. */
        private void send(byte[] bytes) {
            if (broker.isOpen()) {
                broker.send(bytes);
            }
        }

        private void poll() {
            int work = client.poll(clock.now());
            assertTrue(work >= 0, "poll returned " + work);
            assertNamed("lastStatus", client.lastStatus());
            clock.advance(1);
        }

        private static void assertNamed(String what, int status) {
            if (status < 0) {
                assertNotEquals("UNKNOWN_STATUS", ClientStatus.name(status), what + " returned unnamed status " + status);
            }
        }

        @Override
        public void onPacket(boolean sent, int type, int packetId, int qos, boolean dup, int length) {
            if (!sent && type == PacketType.PUBLISH) {
                lastPublishId = qos > 0 ? packetId : 0;
            } else if (sent && type == PacketType.PUBCOMP) {
                awaitingRelease.remove(packetId);
            }
        }

        @Override
        public void onMessage(IncomingMessage message) {
            if (message.qos() != 2) {
                return;
            }
            assertFalse(lastPublishId == 0, "a QoS 2 delivery without a QoS 2 PUBLISH received");
            if (!awaitingRelease.add(lastPublishId)) {
                fail("QoS 2 message id " + lastPublishId + " delivered twice in one session (no PUBCOMP sent between)");
            }
        }

        @Override
        public void onUnsubscribed(int packetId, int reasonCode) {
        }

        @Override
        public void onReceiveComplete(int packetId) {
        }

        @Override
        public void onPublishComplete(int packetId, int status) {
            assertNamed("onPublishComplete", status);
        }

        @Override
        public void onSubscribed(int packetId, int subscriptionIndex, int grantedQos) {
            assertTrue(grantedQos == 0 || grantedQos == 1 || grantedQos == 2 || grantedQos == 0x80,
                    "granted QoS " + grantedQos);
        }

        @Override
        public void onConnectionChanged(boolean connected, boolean sessionPresent, int status) {
            assertNamed("onConnectionChanged", status);
            if (connected && !sessionPresent) {
                awaitingRelease.clear(); // the broker has no session: ids start afresh
            }
        }
    }
}
