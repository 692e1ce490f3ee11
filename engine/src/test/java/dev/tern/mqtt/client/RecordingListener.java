package dev.tern.mqtt.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the engine tells the application, for tests to assert on. */
final class RecordingListener implements MqttListener {

    record Message(String topic, String payload, int qos, boolean retain, int packetId, boolean dup) {
        /** The same message as 3.1.1 tests compare it, without packet id and DUP. */
        Message(String topic, String payload, int qos, boolean retain) {
            this(topic, payload, qos, retain, -1, false);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Message m && topic.equals(m.topic) && payload.equals(m.payload) && qos == m.qos
                    && retain == m.retain && (packetId < 0 || m.packetId < 0 || (packetId == m.packetId && dup == m.dup));
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(topic, payload, qos, retain);
        }
    }

    record Unsubscribed(int packetId, int reasonCode) {
    }

    record Completion(int packetId, int status) {
    }

    record Granted(int packetId, int subscriptionIndex, int grantedQos) {
    }

    record ConnectionChange(boolean connected, boolean sessionPresent, int status) {
    }

    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<Completion> completions = new CopyOnWriteArrayList<>();
    final List<Granted> granted = new CopyOnWriteArrayList<>();
    final List<ConnectionChange> connectionChanges = new CopyOnWriteArrayList<>();
    final List<Unsubscribed> unsubscribed = new CopyOnWriteArrayList<>();
    /** Incoming QoS 2 flows finished (PUBCOMP sent), by packet id. */
    final List<Integer> receiveCompletions = new CopyOnWriteArrayList<>();
    /** Runs inside onUnsubscribed: a test calls the engine's API from a callback. */
    java.util.function.IntConsumer onUnsubscribedHook = packetId -> { };

    @Override
    public void onMessage(IncomingMessage message) {
        messages.add(new Message(topicOf(message), payloadOf(message), message.qos(), message.retain(),
                message.packetId(), message.dup()));
    }

    @Override
    public void onUnsubscribed(int packetId, int reasonCode) {
        unsubscribed.add(new Unsubscribed(packetId, reasonCode));
        onUnsubscribedHook.accept(packetId);
    }

    @Override
    public void onReceiveComplete(int packetId) {
        receiveCompletions.add(packetId);
    }

    static String topicOf(IncomingMessage message) {
        return new String(message.topicBuffer(), message.topicOffset(), message.topicLength(), StandardCharsets.UTF_8);
    }

    static String payloadOf(IncomingMessage message) {
        return new String(message.payloadBuffer(), message.payloadOffset(), message.payloadLength(), StandardCharsets.UTF_8);
    }

    @Override
    public void onPublishComplete(int packetId, int status) {
        completions.add(new Completion(packetId, status));
    }

    @Override
    public void onSubscribed(int packetId, int subscriptionIndex, int grantedQos) {
        granted.add(new Granted(packetId, subscriptionIndex, grantedQos));
    }

    @Override
    public void onConnectionChanged(boolean connected, boolean sessionPresent, int status) {
        connectionChanges.add(new ConnectionChange(connected, sessionPresent, status));
    }

    List<String> payloads() {
        return messages.stream().map(Message::payload).toList();
    }

    long completedOk() {
        return completions.stream().filter(c -> c.status() == ClientStatus.OK).count();
    }
}
