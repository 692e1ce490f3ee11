package dev.tern.bench.powercut;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tern.mqtt.client.MqttListener;

/**
 * The application side of the engine under test, kept across its lives (it stands for what the
 * harness sees from outside the board): counts the numbered messages the engine delivered, and
 * whether the engine's QoS 2 subscription was granted once (after that, the broker keeps it).
 */
final class EngineSide implements MqttListener {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private final Map<Long, Integer> delivered = new HashMap<>();
    private final Map<Long, StringBuilder> lives = new HashMap<>();
    private final StringBuilder connects = new StringBuilder();
    private boolean subscribed;
    private int life;

    /** The life the engine now runs (for the trail of a failure). */
    void life(int number) {
        life = number;
    }

    @Override
    public void onMessage(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength, int qos,
                          boolean retain) {
        Matcher m = SEQ.matcher(new String(buffer, payloadOffset, payloadLength, StandardCharsets.US_ASCII));
        long seq = m.find() ? Long.parseLong(m.group(1)) : -1L;
        delivered.merge(seq, 1, Integer::sum);
        lives.computeIfAbsent(seq, k -> new StringBuilder()).append(lives.containsKey(seq) ? " " : "").append(life);
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

    boolean subscribed() {
        return subscribed;
    }

    Map<Long, Integer> delivered() {
        return new HashMap<>(delivered);
    }
}
