package dev.tern.mqtt.client;

/**
 * A message the broker delivered, as {@link MqttListener#onMessage} sees it: a view over the
 * engine's buffers, valid only during the call, one instance for the engine's life.
 *
 * <p>The topic and the payload may live in different arrays: a PUBLISH that names its topic by an
 * MQTT 5 Topic Alias has an empty Topic Name, and the topic comes from the engine's alias table.
 */
public final class IncomingMessage {

    private byte[] topicBuffer;
    private int topicOffset;
    private int topicLength;
    private byte[] payloadBuffer;
    private int payloadOffset;
    private int payloadLength;
    private int qos;
    private boolean retain;
    private boolean dup;
    private int packetId;
    private int propertiesOffset;
    private int propertiesLength;

    void set(byte[] topicBytes, int topicAt, int topicSize, byte[] payloadBytes, int payloadAt, int payloadSize) {
        topicBuffer = topicBytes;
        topicOffset = topicAt;
        topicLength = topicSize;
        payloadBuffer = payloadBytes;
        payloadOffset = payloadAt;
        payloadLength = payloadSize;
    }

    void flags(int messageQos, boolean messageRetain, boolean messageDup, int messagePacketId) {
        qos = messageQos;
        retain = messageRetain;
        dup = messageDup;
        packetId = messagePacketId;
    }

    void properties(int offset, int length) {
        propertiesOffset = offset;
        propertiesLength = length;
    }

    public byte[] topicBuffer() { return topicBuffer; }
    public int topicOffset() { return topicOffset; }
    public int topicLength() { return topicLength; }
    public byte[] payloadBuffer() { return payloadBuffer; }
    public int payloadOffset() { return payloadOffset; }
    public int payloadLength() { return payloadLength; }
    public int qos() { return qos; }
    public boolean retain() { return retain; }
    /** The DUP flag as received: 1 on a re-send of a PUBLISH the broker may have sent before. */
    public boolean dup() { return dup; }
    /** The packet id, 0 at QoS 0. */
    public int packetId() { return packetId; }
    /**
     * MQTT 5: the PUBLISH's properties in {@link #payloadBuffer()} (read them with
     * {@link dev.tern.mqtt.codec.Properties#wrap(byte[], int, int)}); length 0 in 3.1.1.
     */
    public int propertiesOffset() { return propertiesOffset; }
    public int propertiesLength() { return propertiesLength; }
}
