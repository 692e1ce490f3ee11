package dev.tern.bench.powercut;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import dev.tern.bench.ResentAfterPubrel;
import dev.tern.mqtt.client.IncomingMessage;
import dev.tern.mqtt.client.MqttListener;
import dev.tern.mqtt.client.PacketTrace;

/**
 * The application side of the engine under test, kept across its lives (it stands for what the
 * harness sees from outside the board): counts the numbered messages the engine delivered, and
 * whether the engine's QoS 2 subscription was granted once (after that, the broker keeps it).
 *
 * <p>It also watches the packets (as the engine's {@link PacketTrace}) to tell apart a duplicate
 * the broker caused ({@link ResentAfterPubrel}).
 */
final class EngineSide implements MqttListener, PacketTrace {

    private final Map<Long, Integer> delivered = new HashMap<>();
    private final ResentAfterPubrel resentAfterPubrel = new ResentAfterPubrel();
    private final Map<Long, StringBuilder> lives = new HashMap<>();
    private final StringBuilder connects = new StringBuilder();
    private boolean subscribed;
    private int life;

    /** The life the engine now runs (for the trail of a failure). */
    void life(int number) {
        life = number;
    }

    @Override
    public void onMessage(IncomingMessage message) {
        long seq = NumberedMessage.seq(new String(message.payloadBuffer(), message.payloadOffset(), message.payloadLength(),
                StandardCharsets.US_ASCII));
        if (!resentAfterPubrel.isResentAfterPubrel(seq)) {
            delivered.merge(seq, 1, Integer::sum);
        }
        StringBuilder in = lives.computeIfAbsent(seq, k -> new StringBuilder());
        in.append(in.length() == 0 ? "" : " ").append(life);
    }

    @Override
    public void onUnsubscribed(int packetId, int reasonCode) {
    }

    @Override
    public void onReceiveComplete(int packetId) {
    }

    @Override
    public void onPublishComplete(int packetId, int status) {
        // the subscriber counts what arrived
    }

    @Override
    public void onSubscribed(int packetId, int subscriptionIndex, int grantedQos) {
        subscribed |= grantedQos == 2;
    }

    @Override
    public void onConnectionChanged(boolean connected, boolean sessionPresent, int status) {
        if (connected && !sessionPresent && subscribed) {
            connects.append(connects.length() == 0 ? "" : ", ").append("life ").append(life).append(": session present 0");
        }
    }

    /** For a failure report: the lives in which {@code seq} was delivered, and connects that found no session. */
    String trail(long seq) {
        return "seq " + seq + " delivered in lives [" + lives.getOrDefault(seq, new StringBuilder()) + "]"
                + (connects.length() == 0 ? "" : "; " + connects);
    }

    @Override
    public void onPacket(boolean sent, int type, int packetId, int qos, boolean dup, int length) {
        if (!sent) {
            resentAfterPubrel.received(type, packetId);
        }
    }

    /** Deliveries of a message again after the broker had sent its PUBREL: the broker's duplicates, not the engine's. */
    int resentByBrokerAfterPubrel() {
        return resentAfterPubrel.count();
    }

    boolean subscribed() {
        return subscribed;
    }

    Map<Long, Integer> delivered() {
        return new HashMap<>(delivered);
    }
}
