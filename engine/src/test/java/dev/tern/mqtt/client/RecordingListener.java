package dev.tern.mqtt.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the engine tells the application, for tests to assert on. */
final class RecordingListener implements MqttListener {

    record Message(String topic, String payload, int qos, boolean retain) {
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

    @Override
    public void onMessage(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength,
                          int qos, boolean retain) {
        messages.add(new Message(new String(buffer, topicOffset, topicLength, StandardCharsets.UTF_8),
                new String(buffer, payloadOffset, payloadLength, StandardCharsets.UTF_8), qos, retain));
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
