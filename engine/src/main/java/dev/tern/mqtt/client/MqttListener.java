package dev.tern.mqtt.client;

/**
 * What the engine tells the application, on the engine's thread, from inside
 * {@link MqttClient#poll}. Implementations must not allocate on the steady-state path; the byte
 * ranges are valid only during the call.
 */
public interface MqttListener {

    /** A message for a subscription: delivered once per PUBLISH at QoS 0 and 1, exactly once at QoS 2. */
    void onMessage(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength,
                   int qos, boolean retain);

    /**
     * An outgoing QoS 1 or 2 message finished: {@link ClientStatus#OK} when acknowledged (PUBACK or
     * PUBCOMP), or the reason it never will be (for example discarded by a clean session).
     */
    void onPublishComplete(int packetId, int status);

    /**
     * A SUBACK arrived for {@code packetId}: {@code grantedQos} is 0, 1, 2, or 0x80 for failure, for
     * the filter at {@code subscriptionIndex} (see {@link MqttClient#subscriptionCount()}).
     */
    void onSubscribed(int packetId, int subscriptionIndex, int grantedQos);

    /** The connection came up ({@link ClientStatus#OK}, {@code sessionPresent} as CONNACK said) or ended (why). */
    void onConnectionChanged(boolean connected, boolean sessionPresent, int status);
}
