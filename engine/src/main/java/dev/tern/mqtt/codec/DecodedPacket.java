package dev.tern.mqtt.codec;

/**
 * What {@link PacketDecoder#decode} found: a reusable holder the engine allocates once. Strings
 * and payloads are not copied; they are (offset, length) pairs into {@link #buffer()}, valid
 * until the caller reuses those bytes. Fields a packet type does not have read as 0 (or false).
 *
 * <p>After {@link CodecStatus#NEED_MORE_BYTES}, {@link #totalLength()} is the size of the whole
 * packet once the fixed header is complete (so the caller knows how much to wait for), else 0.
 * After a violation the fields are partly filled and mean nothing.
 */
public final class DecodedPacket {

    byte[] buffer;
    int offset;
    int type;
    int flags;
    int remainingLength;
    int totalLength;
    int packetId;
    // PUBLISH (qos, dup, retain also for the Will in CONNECT: see willQos)
    int qos;
    boolean dup;
    boolean retain;
    int topicOffset;
    int topicLength;
    int payloadOffset;
    int payloadLength;
    // CONNACK
    boolean sessionPresent;
    int returnCode;
    // SUBACK
    int returnCodesOffset;
    int returnCodeCount;
    // SUBSCRIBE, UNSUBSCRIBE: the filter list and a cursor over it
    int filtersOffset;
    int filtersEnd;
    int filterCount;
    private int cursor;
    private int filterOffset;
    private int filterLength;
    private int filterQos;
    // CONNECT
    int protocolLevel;
    boolean cleanSession;
    int keepAliveSeconds;
    int clientIdOffset;
    int clientIdLength;
    boolean willFlag;
    int willQos;
    boolean willRetain;
    int willTopicOffset;
    int willTopicLength;
    int willMessageOffset;
    int willMessageLength;
    boolean hasUserName;
    int userNameOffset;
    int userNameLength;
    boolean hasPassword;
    int passwordOffset;
    int passwordLength;
    // MQTT 5
    int protocolVersion;
    int reasonCode;
    int propertiesOffset;
    int propertiesLength;
    int willPropertiesOffset;
    int willPropertiesLength;
    private int filterOptions;

    void clear(byte[] src, int packetOffset) {
        buffer = src;
        offset = packetOffset;
        type = 0; flags = 0; remainingLength = 0; totalLength = 0; packetId = 0;
        qos = 0; dup = false; retain = false;
        topicOffset = 0; topicLength = 0; payloadOffset = 0; payloadLength = 0;
        sessionPresent = false; returnCode = 0; returnCodesOffset = 0; returnCodeCount = 0;
        filtersOffset = 0; filtersEnd = 0; filterCount = 0;
        cursor = 0; filterOffset = 0; filterLength = 0; filterQos = 0;
        protocolLevel = 0; cleanSession = false; keepAliveSeconds = 0;
        clientIdOffset = 0; clientIdLength = 0;
        willFlag = false; willQos = 0; willRetain = false;
        willTopicOffset = 0; willTopicLength = 0; willMessageOffset = 0; willMessageLength = 0;
        hasUserName = false; userNameOffset = 0; userNameLength = 0;
        hasPassword = false; passwordOffset = 0; passwordLength = 0;
        protocolVersion = 0; reasonCode = 0; propertiesOffset = 0; propertiesLength = 0;
        willPropertiesOffset = 0; willPropertiesLength = 0; filterOptions = 0;
    }

    /** The receive buffer the offsets point into. */
    public byte[] buffer() { return buffer; }
    /** Where the packet starts in {@link #buffer()}. */
    public int offset() { return offset; }
    /** A {@link PacketType} value. */
    public int type() { return type; }
    /** The low nibble of the first byte. */
    public int flags() { return flags; }
    public int remainingLength() { return remainingLength; }
    /** The whole packet: fixed header plus Remaining Length. */
    public int totalLength() { return totalLength; }
    /** PUBLISH at QoS 1 or 2, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK. */
    public int packetId() { return packetId; }

    public int qos() { return qos; }
    public boolean dup() { return dup; }
    public boolean retain() { return retain; }
    public int topicOffset() { return topicOffset; }
    public int topicLength() { return topicLength; }
    public int payloadOffset() { return payloadOffset; }
    public int payloadLength() { return payloadLength; }

    public boolean sessionPresent() { return sessionPresent; }
    /** CONNACK return code 0..5 (a ConnackCodec constant). */
    public int returnCode() { return returnCode; }

    public int returnCodesOffset() { return returnCodesOffset; }
    public int returnCodeCount() { return returnCodeCount; }
    /** SUBACK return code {@code index}: 0x00, 0x01, 0x02 or 0x80; MQTT 5 SUBACK and UNSUBACK: its Reason Code. */
    public int returnCode(int index) { return buffer[returnCodesOffset + index] & 0xFF; }

    /** SUBSCRIBE, UNSUBSCRIBE: how many Topic Filters. */
    public int filterCount() { return filterCount; }

    /** Puts the filter cursor before the first Topic Filter. */
    public void rewindFilters() {
        cursor = filtersOffset;
        filterOffset = 0;
        filterLength = 0;
        filterQos = 0;
        filterOptions = 0;
    }

    /**
     * Moves the cursor to the next Topic Filter; false after the last. The list was validated
     * when the packet was decoded. Usage: {@code p.rewindFilters(); while (p.nextFilter()) ...}.
     */
    public boolean nextFilter() {
        if (cursor >= filtersEnd) {
            return false;
        }
        filterLength = Uint16.read(buffer, cursor);
        filterOffset = cursor + Uint16.SIZE;
        cursor = filterOffset + filterLength;
        if (PacketType.SUBSCRIBE == type) {
            filterOptions = buffer[cursor] & 0xFF;
            filterQos = filterOptions & SubscribeCodec.OPTIONS_QOS_MASK;
            cursor++;
        }
        return true;
    }

    public int filterOffset() { return filterOffset; }
    public int filterLength() { return filterLength; }
    /** SUBSCRIBE: the Requested QoS (MQTT 5: Maximum QoS) of the current filter; 0 for UNSUBSCRIBE. */
    public int filterQos() { return filterQos; }
    /** MQTT 5 SUBSCRIBE: the current filter's whole Subscription Options byte (3.8.3.1). */
    public int filterOptions() { return filterOptions; }
    /** MQTT 5 SUBSCRIBE: No Local of the current filter. */
    public boolean filterNoLocal() { return 0 != (filterOptions & SubscribeCodec.NO_LOCAL); }
    /** MQTT 5 SUBSCRIBE: Retain As Published of the current filter. */
    public boolean filterRetainAsPublished() { return 0 != (filterOptions & SubscribeCodec.RETAIN_AS_PUBLISHED); }
    /** MQTT 5 SUBSCRIBE: Retain Handling 0..2 of the current filter. */
    public int filterRetainHandling() {
        return (filterOptions & SubscribeCodec.RETAIN_HANDLING_MASK) >>> SubscribeCodec.RETAIN_HANDLING_SHIFT;
    }

    public int protocolLevel() { return protocolLevel; }
    public boolean cleanSession() { return cleanSession; }
    public int keepAliveSeconds() { return keepAliveSeconds; }
    public int clientIdOffset() { return clientIdOffset; }
    public int clientIdLength() { return clientIdLength; }
    public boolean willFlag() { return willFlag; }
    public int willQos() { return willQos; }
    public boolean willRetain() { return willRetain; }
    public int willTopicOffset() { return willTopicOffset; }
    public int willTopicLength() { return willTopicLength; }
    public int willMessageOffset() { return willMessageOffset; }
    public int willMessageLength() { return willMessageLength; }
    public boolean hasUserName() { return hasUserName; }
    public int userNameOffset() { return userNameOffset; }
    public int userNameLength() { return userNameLength; }
    public boolean hasPassword() { return hasPassword; }
    public int passwordOffset() { return passwordOffset; }
    public int passwordLength() { return passwordLength; }

    /** The protocol level the decoder read the packet as: {@link ProtocolLevel#V3_1_1} or {@link ProtocolLevel#V5}. */
    public int protocolVersion() { return protocolVersion; }
    /**
     * MQTT 5 CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, DISCONNECT, AUTH: the Reason Code, 0x00 when
     * the short form left it out. SUBACK and UNSUBACK have one per filter: {@link #returnCode(int)}.
     */
    public int reasonCode() { return reasonCode; }
    /** MQTT 5: where the properties start (after the Property Length); read them with {@link Properties}. */
    public int propertiesOffset() { return propertiesOffset; }
    /** MQTT 5: the Property Length; 0 when there are none or the short form left them out. */
    public int propertiesLength() { return propertiesLength; }
    /** MQTT 5 CONNECT with a Will: the Will Properties (3.1.3.2). */
    public int willPropertiesOffset() { return willPropertiesOffset; }
    public int willPropertiesLength() { return willPropertiesLength; }
}
