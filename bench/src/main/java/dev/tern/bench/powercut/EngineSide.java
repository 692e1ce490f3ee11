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
    private boolean subscribed;

    @Override
    public void onMessage(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength, int qos,
                          boolean retain) {
        Matcher m = SEQ.matcher(new String(buffer, payloadOffset, payloadLength, StandardCharsets.US_ASCII));
        delivered.merge(m.find() ? Long.parseLong(m.group(1)) : -1L, 1, Integer::sum);
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
        // each life connects again by itself
    }

    boolean subscribed() {
        return subscribed;
    }

    Map<Long, Integer> delivered() {
        return new HashMap<>(delivered);
    }
}
