package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.bytes;

import java.util.Arrays;
import java.util.List;

/**
 * MQTT 5 test vectors, derived by hand from the standard (2.2.2.2 Table 2-4, each packet's
 * variable header): every packet with every property it may carry, and the short forms. A comment
 * on every field; the property order is the one the builders below add them in.
 */
final class Vectors5 {

    private Vectors5() {
    }

    /** The User Property k=v every packet below carries: 7 bytes. */
    private static final int[] USER_KV = {0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v'};

    static byte[] packet(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] all = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return bytes(all);
    }

    static int[] ints(int... values) {
        return values;
    }

    /** CONNECT, level 5, every CONNECT property and every Will property, will, user name, password. */
    static final byte[] CONNECT_FULL = packet(
            ints(0x10, 0x67),                               // CONNECT, Remaining Length 103
            ints(0x00, 0x04, 'M', 'Q', 'T', 'T'),           // Protocol Name
            ints(0x05),                                     // Protocol Version 5
            ints(0xEE),                                     // user, password, will retain, will QoS 1, will, Clean Start
            ints(0x00, 0x3C),                               // Keep Alive 60
            ints(0x24),                                     // Property Length 36
            ints(0x11, 0x00, 0x00, 0x0E, 0x10),             //   Session Expiry Interval 3600
            ints(0x21, 0x00, 0x14),                         //   Receive Maximum 20
            ints(0x27, 0x00, 0x00, 0x04, 0x00),             //   Maximum Packet Size 1024
            ints(0x22, 0x00, 0x05),                         //   Topic Alias Maximum 5
            ints(0x19, 0x01),                               //   Request Response Information 1
            ints(0x17, 0x00),                               //   Request Problem Information 0
            USER_KV,                                        //   User Property k=v
            ints(0x15, 0x00, 0x02, 'a', 'm'),               //   Authentication Method "am"
            ints(0x16, 0x00, 0x01, 0x2A),                   //   Authentication Data 0x2A
            ints(0x00, 0x05, 't', 'e', 'r', 'n', '1'),      // Client Identifier "tern1"
            ints(0x1F),                                     // Will Property Length 31
            ints(0x18, 0x00, 0x00, 0x00, 0x0A),             //   Will Delay Interval 10
            ints(0x01, 0x01),                               //   Payload Format Indicator 1 (UTF-8)
            ints(0x02, 0x00, 0x00, 0x00, 0x3C),             //   Message Expiry Interval 60
            ints(0x03, 0x00, 0x01, 'j'),                    //   Content Type "j"
            ints(0x08, 0x00, 0x01, 'r'),                    //   Response Topic "r"
            ints(0x09, 0x00, 0x01, 0x07),                   //   Correlation Data 0x07
            ints(0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'w'),   //   User Property k=w
            ints(0x00, 0x03, 't', '/', 'w'),                // Will Topic "t/w"
            ints(0x00, 0x03, 'b', 'y', 'e'),                // Will Payload "bye"
            ints(0x00, 0x01, 'u'),                          // User Name "u"
            ints(0x00, 0x02, 'p', 'w'));                    // Password "pw"

    /** CONNECT level 5, Clean Start 0, empty Client Identifier (allowed in 5), password without user name, no properties. */
    static final byte[] CONNECT_MINIMAL = packet(
            ints(0x10, 0x11),                               // CONNECT, Remaining Length 17
            ints(0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05),     // Protocol Name, Version 5
            ints(0x40),                                     // password only (MQTT 5 allows it without a user name)
            ints(0x00, 0x00),                               // Keep Alive 0
            ints(0x00),                                     // Property Length 0
            ints(0x00, 0x00),                               // Client Identifier "" (Server assigns one)
            ints(0x00, 0x02, 'p', 'w'));                    // Password "pw"

    /** CONNACK accepting, Session Present, every CONNACK property. */
    static final byte[] CONNACK_FULL = packet(
            ints(0x20, 0x42),                               // CONNACK, Remaining Length 66
            ints(0x01),                                     // Session Present
            ints(0x00),                                     // Reason Code 0x00 Success
            ints(0x3F),                                     // Property Length 63
            ints(0x11, 0x00, 0x00, 0x00, 0x78),             //   Session Expiry Interval 120
            ints(0x21, 0x00, 0x0A),                         //   Receive Maximum 10
            ints(0x24, 0x01),                               //   Maximum QoS 1
            ints(0x25, 0x00),                               //   Retain Available 0
            ints(0x27, 0x00, 0x00, 0x10, 0x00),             //   Maximum Packet Size 4096
            ints(0x12, 0x00, 0x02, 'i', 'd'),               //   Assigned Client Identifier "id"
            ints(0x22, 0x00, 0x0A),                         //   Topic Alias Maximum 10
            ints(0x1F, 0x00, 0x02, 'o', 'k'),               //   Reason String "ok"
            USER_KV,                                        //   User Property k=v
            ints(0x28, 0x01),                               //   Wildcard Subscription Available 1
            ints(0x29, 0x00),                               //   Subscription Identifiers Available 0
            ints(0x2A, 0x01),                               //   Shared Subscription Available 1
            ints(0x13, 0x00, 0x1E),                         //   Server Keep Alive 30
            ints(0x1A, 0x00, 0x01, 'x'),                    //   Response Information "x"
            ints(0x1C, 0x00, 0x01, 's'),                    //   Server Reference "s"
            ints(0x15, 0x00, 0x02, 'a', 'm'),               //   Authentication Method "am"
            ints(0x16, 0x00, 0x01, 0x2A));                  //   Authentication Data 0x2A

    /** CONNACK refusing with 0x86 Bad User Name or Password, no properties. */
    static final byte[] CONNACK_REFUSED = bytes(0x20, 0x03, 0x00, 0x86, 0x00);

    /** PUBLISH QoS 1, topic "a/b", id 10, every PUBLISH property (Subscription Identifier twice), payload "hi". */
    static final byte[] PUBLISH_FULL = packet(
            ints(0x32, 0x2F),                               // PUBLISH QoS 1, Remaining Length 47
            ints(0x00, 0x03, 'a', '/', 'b'),                // Topic Name "a/b"
            ints(0x00, 0x0A),                               // Packet Identifier 10
            ints(0x25),                                     // Property Length 37
            ints(0x01, 0x01),                               //   Payload Format Indicator 1
            ints(0x02, 0x00, 0x00, 0x00, 0x3C),             //   Message Expiry Interval 60
            ints(0x23, 0x00, 0x01),                         //   Topic Alias 1
            ints(0x08, 0x00, 0x03, 'r', '/', 'x'),          //   Response Topic "r/x"
            ints(0x09, 0x00, 0x02, 0x01, 0x02),             //   Correlation Data 01 02
            USER_KV,                                        //   User Property k=v
            ints(0x0B, 0x05),                               //   Subscription Identifier 5
            ints(0x0B, 0x80, 0x01),                         //   Subscription Identifier 128 (two-byte VBI)
            ints(0x03, 0x00, 0x01, 'j'),                    //   Content Type "j"
            ints('h', 'i'));                                // payload "hi"

    /** PUBLISH QoS 0 by Topic Alias only: empty Topic Name, payload "x". */
    static final byte[] PUBLISH_ALIAS_ONLY = bytes(
            0x30, 0x07,                                     // PUBLISH QoS 0, Remaining Length 7
            0x00, 0x00,                                     // Topic Name "" (the alias stands for it)
            0x03, 0x23, 0x00, 0x01,                         // Property Length 3: Topic Alias 1
            'x');                                           // payload "x"

    static final byte[] PUBACK_SHORT = bytes(0x40, 0x02, 0x00, 0x0A);          // RL 2: Success, no properties
    static final byte[] PUBACK_REASON_ONLY = bytes(0x40, 0x03, 0x00, 0x0A, 0x10); // RL 3: 0x10 No matching subscribers

    /** The properties of the full acknowledgements. */
    private static final int[] ACK_PROPERTIES = {
        0x0E,                                               // Property Length 14
        0x1F, 0x00, 0x04, 'f', 'u', 'l', 'l',               //   Reason String "full"
        0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v'};            //   User Property k=v

    static final byte[] PUBACK_FULL = packet(ints(0x40, 0x12, 0x00, 0x0A, 0x97), ACK_PROPERTIES);  // 0x97 Quota exceeded
    static final byte[] PUBREC_FULL = packet(ints(0x50, 0x12, 0x00, 0x0A, 0x87), ACK_PROPERTIES);  // 0x87 Not authorized
    static final byte[] PUBREL_FULL = packet(ints(0x62, 0x12, 0x00, 0x0A, 0x92), ACK_PROPERTIES);  // 0x92 Packet Identifier not found
    static final byte[] PUBCOMP_FULL = packet(ints(0x70, 0x12, 0x00, 0x0A, 0x00), ACK_PROPERTIES); // 0x00 Success, with properties

    /** SUBSCRIBE id 11, Subscription Identifier 7 and k=v, "a/+" with every option, "#" at QoS 2. */
    static final byte[] SUBSCRIBE_FULL = packet(
            ints(0x82, 0x16),                               // SUBSCRIBE, Remaining Length 22
            ints(0x00, 0x0B),                               // Packet Identifier 11
            ints(0x09),                                     // Property Length 9
            ints(0x0B, 0x07),                               //   Subscription Identifier 7
            USER_KV,                                        //   User Property k=v
            ints(0x00, 0x03, 'a', '/', '+'),                // Topic Filter "a/+"
            ints(0x2D),                                     // options: Retain Handling 2, Retain As Published, No Local, QoS 1
            ints(0x00, 0x01, '#'),                          // Topic Filter "#"
            ints(0x02));                                    // options: QoS 2

    /** SUBACK id 11, Reason String "r" and k=v, every SUBACK Reason Code. */
    static final byte[] SUBACK_FULL = packet(
            ints(0x90, 0x1A),                               // SUBACK, Remaining Length 26
            ints(0x00, 0x0B),                               // Packet Identifier 11
            ints(0x0B),                                     // Property Length 11
            ints(0x1F, 0x00, 0x01, 'r'),                    //   Reason String "r"
            USER_KV,                                        //   User Property k=v
            ints(0x00, 0x01, 0x02, 0x80, 0x83, 0x87),       // Granted QoS 0..2, Unspecified, Implementation specific, Not authorized
            ints(0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2));      // Topic Filter invalid, Id in use, Quota, Shared/SubId/Wildcard not supported

    /** UNSUBSCRIBE id 12, k=v, "a/+" and "#". */
    static final byte[] UNSUBSCRIBE_FULL = packet(
            ints(0xA2, 0x12),                               // UNSUBSCRIBE, Remaining Length 18
            ints(0x00, 0x0C),                               // Packet Identifier 12
            ints(0x07),                                     // Property Length 7
            USER_KV,                                        //   User Property k=v
            ints(0x00, 0x03, 'a', '/', '+'),                // Topic Filter "a/+"
            ints(0x00, 0x01, '#'));                         // Topic Filter "#"

    /** UNSUBACK id 12, Reason String "r" and k=v, every UNSUBACK Reason Code. */
    static final byte[] UNSUBACK_FULL = packet(
            ints(0xB0, 0x15),                               // UNSUBACK, Remaining Length 21
            ints(0x00, 0x0C),                               // Packet Identifier 12
            ints(0x0B),                                     // Property Length 11
            ints(0x1F, 0x00, 0x01, 'r'),                    //   Reason String "r"
            USER_KV,                                        //   User Property k=v
            ints(0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91)); // Success, No subscription existed, the five failures

    static final byte[] DISCONNECT_SHORT = bytes(0xE0, 0x00);               // RL 0: Normal disconnection
    static final byte[] DISCONNECT_REASON_ONLY = bytes(0xE0, 0x01, 0x8E);   // RL 1: 0x8E Session taken over

    /** DISCONNECT 0x04 Disconnect with Will Message, every DISCONNECT property. */
    static final byte[] DISCONNECT_FULL = packet(
            ints(0xE0, 0x18),                               // DISCONNECT, Remaining Length 24
            ints(0x04),                                     // Reason Code 0x04
            ints(0x16),                                     // Property Length 22
            ints(0x11, 0x00, 0x00, 0x00, 0x00),             //   Session Expiry Interval 0
            ints(0x1F, 0x00, 0x03, 'b', 'y', 'e'),          //   Reason String "bye"
            USER_KV,                                        //   User Property k=v
            ints(0x1C, 0x00, 0x01, 's'));                   //   Server Reference "s"

    /** AUTH 0x18 Continue authentication, every AUTH property. */
    static final byte[] AUTH_FULL = packet(
            ints(0xF0, 0x16),                               // AUTH, Remaining Length 22
            ints(0x18),                                     // Reason Code 0x18
            ints(0x14),                                     // Property Length 20
            ints(0x15, 0x00, 0x02, 'a', 'm'),               //   Authentication Method "am"
            ints(0x16, 0x00, 0x01, 0x2A),                   //   Authentication Data 0x2A
            ints(0x1F, 0x00, 0x01, 'r'),                    //   Reason String "r"
            USER_KV);                                       //   User Property k=v

    static List<byte[]> all() {
        return Arrays.asList(CONNECT_FULL, CONNECT_MINIMAL, CONNACK_FULL, CONNACK_REFUSED, PUBLISH_FULL,
                PUBLISH_ALIAS_ONLY, PUBACK_SHORT, PUBACK_REASON_ONLY, PUBACK_FULL, PUBREC_FULL, PUBREL_FULL,
                PUBCOMP_FULL, SUBSCRIBE_FULL, SUBACK_FULL, UNSUBSCRIBE_FULL, UNSUBACK_FULL, DISCONNECT_SHORT,
                DISCONNECT_REASON_ONLY, DISCONNECT_FULL, AUTH_FULL, Vectors.PINGREQ, Vectors.PINGRESP);
    }

    static final PacketDecoder DECODER = new PacketDecoder(1 << 20, ProtocolLevel.V5);

    /** Decodes {@code packet} as MQTT 5 and expects it to be complete and valid. */
    static DecodedPacket decode(byte[] packet) {
        return Vectors.decode(DECODER, packet);
    }

    /** Decodes {@code packet} as MQTT 5 and returns the status. */
    static int status(byte[] packet) {
        return DECODER.decode(packet, 0, packet.length, new DecodedPacket());
    }
}
