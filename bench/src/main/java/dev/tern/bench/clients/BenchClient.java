package dev.tern.bench.clients;

import dev.tern.bench.MqttVersion;

/**
 * One MQTT client under measurement, as the {@link Worker} drives it: the same calls, the same
 * 64-byte payload array and the same window of {@link Worker#WINDOW} unacknowledged messages
 * for every client.
 */
interface BenchClient {

    String name();

    /** What keeps the client's session (Tern: RAM or in-memory flash; the peers: memory). */
    String storage();

    /**
     * Connects in {@code mqtt} with a clean session; returns once the broker accepted. A client
     * that does not speak {@code mqtt} throws IllegalArgumentException.
     */
    void connect(String host, int port, String clientId, MqttVersion mqtt, long deadlineNanos) throws Exception;

    /** Subscribes; returns once the broker granted it. */
    void subscribe(String filter, int qos, long deadlineNanos) throws Exception;

    /**
     * Hands one message to the client unless {@link Worker#WINDOW} are unacknowledged (QoS 1/2)
     * or not yet written (QoS 0); false when it did not take it (call {@link #idle} and retry).
     */
    boolean publish(String topic, byte[] topicBytes, byte[] payload, int qos) throws Exception;

    /** Nothing to hand over: let the client work (Tern: poll), or wait for a completion. */
    void idle();

    /** Messages handed over that completed: acknowledged (QoS 1: PUBACK, QoS 2: PUBCOMP), or written (QoS 0). */
    long completed();

    /** Messages delivered to the application. */
    long received();

    void disconnect() throws Exception;
}
