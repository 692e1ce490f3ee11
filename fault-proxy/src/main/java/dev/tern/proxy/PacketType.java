package dev.tern.proxy;

/** MQTT 3.1.1 control packet types by their fixed-header code, for naming what the proxy saw. */
public enum PacketType {
    RESERVED_0, CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP,
    SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT, RESERVED_15;

    static PacketType ofFirstByte(int firstByte) {
        return values()[(firstByte >> 4) & 0x0F];
    }
}
