package dev.tern.mqtt.codec;

/** The Protocol Version byte of CONNECT (MQTT 3.1.1 3.1.2.2, MQTT 5 3.1.2.2): the codec speaks both. */
public final class ProtocolLevel {

    public static final int V3_1_1 = 4;
    public static final int V5 = 5;

    private ProtocolLevel() {
    }

    public static boolean isSupported(int level) {
        return V3_1_1 == level || V5 == level;
    }
}
