package dev.tern.mqtt.client;

/**
 * What the engine tells the application, on the engine's thread, from inside
 * {@link MqttClient#poll}. Implementations must not allocate on the steady-state path; buffers
 * are valid only during the call. A callback may call the engine's API (publish, subscribe,
 * unsubscribe, disconnect): a disconnect() from a callback takes effect once the packet being
 * handled is finished (see {@link MqttClient#disconnect}).
 */
public interface MqttListener {

    /** A message for a subscription: delivered once per PUBLISH at QoS 0 and 1, exactly once at QoS 2. */
    void onMessage(IncomingMessage message);

    /**
     * An outgoing QoS 1 or 2 message finished: {@link ClientStatus#OK} when acknowledged (PUBACK or
     * PUBCOMP), or the reason it never will be: discarded by a clean session, or refused by the
     * broker with an MQTT 5 Reason Code of 0x80 or more ({@link ClientStatus#publishRefused(int)};
     * {@link ClientStatus#name(int)} names the code).
     */
    void onPublishComplete(int packetId, int status);

    /**
     * A SUBACK arrived for {@code packetId}: {@code grantedQos} is 0, 1, 2, or the failure code (0x80
     * in 3.1.1, the MQTT 5 Reason Code otherwise), for the filter at {@code subscriptionIndex} (see
     * {@link MqttClient#subscriptionCount()}).
     */
    void onSubscribed(int packetId, int subscriptionIndex, int grantedQos);

    /** An UNSUBACK arrived for {@code packetId}: 0x00 (3.1.1 and MQTT 5 success) or the MQTT 5 Reason Code. */
    void onUnsubscribed(int packetId, int reasonCode);

    /** An incoming QoS 2 flow is complete: its PUBREL arrived and the PUBCOMP is on its way. */
    void onReceiveComplete(int packetId);

    /**
     * The connection came up ({@link ClientStatus#OK}, or {@link ClientStatus#CLIENT_ASSIGNED_ID_TOO_LONG}:
     * up, but the broker's id for it could not be kept; {@code sessionPresent} as CONNACK said) or ended (why).
     */
    void onConnectionChanged(boolean connected, boolean sessionPresent, int status);
}
