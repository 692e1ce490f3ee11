package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.ascii;
import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static dev.tern.mqtt.codec.Vectors.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectCodecTest {

    /** Variable header of a 3.1.1 CONNECT up to the flags. */
    private static final byte[] NAME_AND_LEVEL = bytes(0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04);

    private static ConnectParameters full() {
        ConnectParameters p = new ConnectParameters();
        byte[] strings = ascii("tern1 t/w bye u pw");
        p.clientId(strings, 0, 5);
        p.cleanSession(true);
        p.keepAliveSeconds(60);
        p.will(strings, 6, 3, strings, 10, 3, 1, true);
        p.userName(strings, 14, 1);
        p.password(strings, 16, 2);
        return p;
    }

    private static int encode(ConnectParameters p) {
        return ConnectCodec.encode(new byte[128], 0, 128, p);
    }

    /** A CONNECT with the given flags byte and payload, keep alive 0. */
    private static byte[] connect(int flags, byte[] payload) {
        return concat(bytes(0x10, 10 + payload.length), NAME_AND_LEVEL, bytes(flags, 0x00, 0x00), payload);
    }

    @Test
    void encodesConnectWithEveryFieldExactly() {
        ConnectParameters p = full();
        assertEncodes(Vectors.CONNECT_FULL, (d, o, c) -> ConnectCodec.encode(d, o, c, p));
    }

    @Test
    void encodesAMinimalConnectExactly() {
        ConnectParameters p = new ConnectParameters();
        p.clientId(ascii("c"), 0, 1);
        assertEncodes(Vectors.CONNECT_MINIMAL, (d, o, c) -> ConnectCodec.encode(d, o, c, p));
    }

    @Test
    void encodesAnEmptyClientIdWithACleanSession() {
        ConnectParameters p = new ConnectParameters();
        assertEncodes(connect(0x02, bytes(0x00, 0x00)), (d, o, c) -> ConnectCodec.encode(d, o, c, p));
    }

    @Test
    void encodesWillQosAndRetainOnlyWithAWill() {
        ConnectParameters p = full();
        p.noWill();
        p.noPassword();
        p.noUserName();
        assertEncodes(connect(0x02, bytes(0x00, 0x05, 't', 'e', 'r', 'n', '1')),   // flags: clean session only
                (d, o, c) -> ConnectCodec.encode(d, o, c, withKeepAliveZero(p)));
    }

    private static ConnectParameters withKeepAliveZero(ConnectParameters p) {
        p.keepAliveSeconds(0);
        return p;
    }

    @Test
    void decodesEveryField() {
        DecodedPacket p = Vectors.decode(Vectors.CONNECT_FULL);
        assertEquals(PacketType.CONNECT, p.type());
        assertEquals(4, p.protocolLevel());
        assertTrue(p.cleanSession());
        assertEquals(60, p.keepAliveSeconds());
        assertEquals("tern1", Vectors.string(p, p.clientIdOffset(), p.clientIdLength()));
        assertTrue(p.willFlag());
        assertEquals(1, p.willQos());
        assertTrue(p.willRetain());
        assertEquals("t/w", Vectors.string(p, p.willTopicOffset(), p.willTopicLength()));
        assertEquals("bye", Vectors.string(p, p.willMessageOffset(), p.willMessageLength()));
        assertTrue(p.hasUserName());
        assertEquals("u", Vectors.string(p, p.userNameOffset(), p.userNameLength()));
        assertTrue(p.hasPassword());
        assertEquals("pw", Vectors.string(p, p.passwordOffset(), p.passwordLength()));

        p = Vectors.decode(Vectors.CONNECT_MINIMAL);
        assertEquals("c", Vectors.string(p, p.clientIdOffset(), p.clientIdLength()));
        assertFalse(p.willFlag());
        assertFalse(p.hasUserName());
        assertFalse(p.hasPassword());
        assertEquals(0, p.keepAliveSeconds());
    }

    @Test
    void encoderAppliesTheFlagRules() {
        ConnectParameters p = full();
        p.noUserName();
        assertStatus(CodecStatus.PASSWORD_WITHOUT_USER_NAME, encode(p));          // [MQTT-3.1.2-22]
        p = full();
        p.clientId(new byte[0], 0, 0);
        p.cleanSession(false);
        assertStatus(CodecStatus.EMPTY_CLIENT_ID_WITHOUT_CLEAN_SESSION, encode(p)); // [MQTT-3.1.3-7]
        p = full();
        byte[] topic = ascii("t/#");
        p.will(topic, 0, 3, topic, 0, 0, 3, false);
        assertStatus(CodecStatus.CODEC_INVALID_QOS, encode(p));                           // [MQTT-3.1.2-14]
        p.will(topic, 0, 3, topic, 0, 0, 0, false);
        assertStatus(CodecStatus.WILDCARD_IN_TOPIC_NAME, encode(p));                // will topic is a Topic Name
        p.will(topic, 0, 0, topic, 0, 0, 0, false);
        assertStatus(CodecStatus.EMPTY_TOPIC, encode(p));
        p = full();
        p.keepAliveSeconds(65536);
        assertStatus(CodecStatus.VALUE_OUT_OF_RANGE, encode(p));
        p = full();
        p.userName(bytes(0xC0, 0x80), 0, 2);
        assertStatus(CodecStatus.UTF8_OVERLONG, encode(p));
        p = full();
        p.clientId(bytes('a', 0x00), 0, 2);
        assertStatus(CodecStatus.UTF8_NULL_CHARACTER, encode(p));
        p = full();
        p.password(new byte[70000], 0, 65536);
        assertStatus(CodecStatus.FIELD_TOO_LONG, encode(p));
    }

    @Test
    void decoderRefusesAnotherProtocol() {
        byte[] mqisdp = concat(bytes(0x10, 0x0F), bytes(0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03, 0x02, 0x00, 0x00),
                bytes(0x00, 0x01, 'c'));                                            // MQTT 3.1
        assertStatus(CodecStatus.INVALID_PROTOCOL_NAME, Vectors.status(mqisdp));
        byte[] lower = Vectors.CONNECT_MINIMAL.clone();
        lower[4] = 'm';                                                            // "mQTT"
        assertStatus(CodecStatus.INVALID_PROTOCOL_NAME, Vectors.status(lower));
        byte[] level5 = Vectors.CONNECT_MINIMAL.clone();
        level5[8] = 0x05;                                                          // Protocol Level 5
        assertStatus(CodecStatus.UNSUPPORTED_PROTOCOL_LEVEL, Vectors.status(level5));
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(bytes(0x10, 0x02, 0x00, 0x04)));
    }

    @Test
    void decoderAppliesTheFlagRules() {
        byte[] clientC = bytes(0x00, 0x01, 'c');
        assertStatus(CodecStatus.INVALID_CONNECT_FLAGS, Vectors.status(connect(0x03, clientC)));      // reserved bit 0
        assertStatus(CodecStatus.WILL_OPTIONS_WITHOUT_WILL, Vectors.status(connect(0x0A, clientC)));  // will QoS 1, no will
        assertStatus(CodecStatus.WILL_OPTIONS_WITHOUT_WILL, Vectors.status(connect(0x22, clientC)));  // will retain, no will
        byte[] will = concat(clientC, bytes(0x00, 0x01, 't', 0x00, 0x00));
        assertStatus(CodecStatus.OK, Math.min(0, Vectors.status(connect(0x16, will))));                // will QoS 2
        assertStatus(CodecStatus.CODEC_INVALID_QOS, Vectors.status(connect(0x1E, will)));                   // will QoS 3
        byte[] pw = concat(clientC, bytes(0x00, 0x01, 'p'));
        assertStatus(CodecStatus.PASSWORD_WITHOUT_USER_NAME, Vectors.status(connect(0x42, pw)));       // [MQTT-3.1.2-22]
        assertStatus(CodecStatus.EMPTY_CLIENT_ID_WITHOUT_CLEAN_SESSION,
                Vectors.status(connect(0x00, bytes(0x00, 0x00))));                                      // [MQTT-3.1.3-7]
    }

    @Test
    void decoderRefusesFieldsThatDoNotFillThePacket() {
        byte[] clientC = bytes(0x00, 0x01, 'c');
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(connect(0x02, concat(clientC, bytes(0x00))))); // extra byte
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(connect(0x06, clientC)));   // will flag, no will topic
        assertStatus(CodecStatus.INVALID_REMAINING_LENGTH, Vectors.status(connect(0x82, clientC)));   // user flag, no user name
        assertStatus(CodecStatus.FIELD_EXCEEDS_PACKET, Vectors.status(connect(0x02, bytes(0x00, 0x09, 'c')))); // id length 9
        assertStatus(CodecStatus.WILDCARD_IN_TOPIC_NAME,
                Vectors.status(connect(0x06, concat(clientC, bytes(0x00, 0x01, '#', 0x00, 0x00)))));   // will topic "#"
        assertStatus(CodecStatus.UTF8_SURROGATE,
                Vectors.status(connect(0x82, concat(clientC, bytes(0x00, 0x03, 0xED, 0xB0, 0x80))))); // user name U+DC00
    }
}
