package dev.tern.mqtt.codec;

/**
 * What a CONNECT carries, for {@link ConnectCodec#encode}: allocated once, filled by the engine
 * with (buffer, offset, length) references to UTF-8 bytes it already holds; nothing is copied
 * until the packet is encoded. Validation happens in the encoder, which returns a status.
 */
public final class ConnectParameters {

    private static final byte[] NONE = new byte[0];

    int protocolLevel;
    byte[] properties;
    int propertiesOffset;
    int propertiesLength;
    byte[] willProperties;
    int willPropertiesOffset;
    int willPropertiesLength;
    byte[] clientId;
    int clientIdOffset;
    int clientIdLength;
    boolean cleanSession;
    int keepAliveSeconds;
    boolean willFlag;
    byte[] willTopic;
    int willTopicOffset;
    int willTopicLength;
    byte[] willMessage;
    int willMessageOffset;
    int willMessageLength;
    int willQos;
    boolean willRetain;
    boolean hasUserName;
    byte[] userName;
    int userNameOffset;
    int userNameLength;
    boolean hasPassword;
    byte[] password;
    int passwordOffset;
    int passwordLength;

    public ConnectParameters() {
        reset();
    }

    /** MQTT 3.1.1, empty client id, clean session, no keep alive, no will, no user name, no password, no properties. */
    public void reset() {
        protocolLevel = ProtocolLevel.V3_1_1;
        properties(NONE, 0, 0);
        clientId(NONE, 0, 0);
        cleanSession = true;
        keepAliveSeconds = 0;
        noWill();
        noUserName();
        noPassword();
    }

    /** {@link ProtocolLevel#V3_1_1} (the default) or {@link ProtocolLevel#V5}. */
    public void protocolLevel(int level) {
        protocolLevel = level;
    }

    /** MQTT 5: the CONNECT Properties (3.1.2.11), built with {@link PropertyWriter} for CONNECT. */
    public void properties(byte[] src, int offset, int length) {
        properties = src;
        propertiesOffset = offset;
        propertiesLength = length;
    }

    /**
     * MQTT 5: the Will Properties (3.1.3.2), built with {@link PropertyWriter} for
     * {@link PropertyId#WILL_CONTEXT}; set after {@link #will}, which clears them.
     */
    public void willProperties(byte[] src, int offset, int length) {
        willProperties = src;
        willPropertiesOffset = offset;
        willPropertiesLength = length;
    }

    /** The Client Identifier (3.1.3.1); empty only with a clean session [MQTT-3.1.3-7]. */
    public void clientId(byte[] src, int offset, int length) {
        clientId = src;
        clientIdOffset = offset;
        clientIdLength = length;
    }

    /** Clean Session (3.1.1) or, in MQTT 5, Clean Start (3.1.2.4): the same bit. */
    public void cleanSession(boolean clean) {
        cleanSession = clean;
    }

    /** Keep Alive in seconds, 0..65535; 0 turns it off (3.1.2.10). */
    public void keepAliveSeconds(int seconds) {
        keepAliveSeconds = seconds;
    }

    /** A Will Message: a Topic Name, a binary message, its QoS (0..2) and retain flag (3.1.2.5-7). */
    public void will(byte[] topic, int topicOffset, int topicLength,
            byte[] message, int messageOffset, int messageLength, int qos, boolean retain) {
        willFlag = true;
        willTopic = topic;
        willTopicOffset = topicOffset;
        willTopicLength = topicLength;
        willMessage = message;
        willMessageOffset = messageOffset;
        willMessageLength = messageLength;
        willQos = qos;
        willRetain = retain;
        willProperties(NONE, 0, 0);
    }

    /** No Will: Will QoS and Will Retain are then 0 on the wire [MQTT-3.1.2-13] [MQTT-3.1.2-15]. */
    public void noWill() {
        will(NONE, 0, 0, NONE, 0, 0, 0, false);
        willFlag = false;
    }

    public void userName(byte[] src, int offset, int length) {
        hasUserName = true;
        userName = src;
        userNameOffset = offset;
        userNameLength = length;
    }

    public void noUserName() {
        userName(NONE, 0, 0);
        hasUserName = false;
    }

    /** Binary password; MQTT 3.1.1 allows it only with a user name [MQTT-3.1.2-22]. */
    public void password(byte[] src, int offset, int length) {
        hasPassword = true;
        password = src;
        passwordOffset = offset;
        passwordLength = length;
    }

    public void noPassword() {
        password(NONE, 0, 0);
        hasPassword = false;
    }
}
