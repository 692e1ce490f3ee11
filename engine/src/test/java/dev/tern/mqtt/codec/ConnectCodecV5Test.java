package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.assertEncodes;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;
import static dev.tern.mqtt.codec.Vectors.string;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** MQTT 5 CONNECT (3.1): properties, Will Properties, the rules 5 relaxes. */
class ConnectCodecV5Test {

    static ConnectParameters full() {
        byte[] s = Vectors.ascii("tern1 t/w bye u pw");
        ConnectParameters p = new ConnectParameters();
        p.protocolLevel(ProtocolLevel.V5);
        p.clientId(s, 0, 5);
        p.keepAliveSeconds(60);
        byte[] properties = Blocks5.connect();
        p.properties(properties, 0, properties.length);
        p.will(s, 6, 3, s, 10, 3, 1, true);
        byte[] will = Blocks5.will();
        p.willProperties(will, 0, will.length);
        p.userName(s, 14, 1);
        p.password(s, 16, 2);
        return p;
    }

    @Test
    void encodesEveryConnectAndWillPropertyAsTheStandardLaysThemOut() {
        ConnectParameters p = full();
        assertEncodes(Vectors5.CONNECT_FULL, (dst, offset, capacity) -> ConnectCodec.encode(dst, offset, capacity, p));
    }

    @Test
    void decodesPropertiesWillPropertiesAndPayload() {
        DecodedPacket d = Vectors5.decode(Vectors5.CONNECT_FULL);
        assertEquals(5, d.protocolLevel());
        assertEquals(ProtocolLevel.V5, d.protocolVersion());
        assertTrue(d.cleanSession());
        assertEquals("tern1", string(d, d.clientIdOffset(), d.clientIdLength()));
        assertEquals("t/w", string(d, d.willTopicOffset(), d.willTopicLength()));
        assertEquals("bye", string(d, d.willMessageOffset(), d.willMessageLength()));
        assertArrayEquals(Blocks5.connect(), Arrays.copyOfRange(d.buffer(), d.propertiesOffset(),
                d.propertiesOffset() + d.propertiesLength()));
        Properties props = new Properties();
        props.wrap(d);
        assertTrue(props.find(PropertyId.SESSION_EXPIRY_INTERVAL));
        assertEquals(3600L, props.longValue());
        assertTrue(props.find(PropertyId.RECEIVE_MAXIMUM));
        assertEquals(20, props.intValue());
        assertTrue(props.find(PropertyId.MAXIMUM_PACKET_SIZE));
        assertEquals(1024, props.intValue());
        props.wrapWill(d);
        assertTrue(props.find(PropertyId.WILL_DELAY_INTERVAL));
        assertEquals(10, props.intValue());
        assertTrue(props.find(PropertyId.USER_PROPERTY));
        assertEquals("k", string(d, props.valueOffset(), props.valueLength()));
        assertEquals("w", string(d, props.pairValueOffset(), props.pairValueLength()));
        assertFalse(props.find(PropertyId.SESSION_EXPIRY_INTERVAL), "not a Will property");
    }

    @Test
    void allowsAnEmptyClientIdWithoutCleanStartAndAPasswordWithoutAUserName() {
        ConnectParameters p = new ConnectParameters();
        p.protocolLevel(ProtocolLevel.V5);
        p.cleanSession(false);
        p.password(Vectors.ascii("pw"), 0, 2);
        assertEncodes(Vectors5.CONNECT_MINIMAL, (dst, offset, capacity) -> ConnectCodec.encode(dst, offset, capacity, p));
        DecodedPacket d = Vectors5.decode(Vectors5.CONNECT_MINIMAL);
        assertEquals(0, d.clientIdLength());
        assertTrue(d.hasPassword());
        assertFalse(d.hasUserName());
        // the same in 3.1.1 is refused both ways
        p.protocolLevel(ProtocolLevel.V3_1_1);
        assertStatus(CodecStatus.EMPTY_CLIENT_ID_WITHOUT_CLEAN_SESSION, ConnectCodec.encode(new byte[64], 0, 64, p));
    }

    @Test
    void refusesAWillPropertyInTheConnectPropertiesAndAConnectPropertyInTheWill() {
        ConnectParameters p = full();
        byte[] will = Blocks5.will();
        p.properties(will, 0, will.length);
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED, ConnectCodec.encode(new byte[256], 0, 256, p));
        byte[] connect = Blocks5.connect();
        p.properties(connect, 0, connect.length);
        p.willProperties(connect, 0, connect.length);
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED, ConnectCodec.encode(new byte[256], 0, 256, p));
    }

    @Test
    void aDecoderReadsOnlyItsOwnProtocolLevel() {
        assertStatus(CodecStatus.UNSUPPORTED_PROTOCOL_LEVEL, Vectors.status(Vectors5.CONNECT_FULL));
        assertStatus(CodecStatus.UNSUPPORTED_PROTOCOL_LEVEL, Vectors5.status(Vectors.CONNECT_FULL));
    }

    @Test
    void refusesBadPropertiesInTheConnect() {
        byte[] twoReceiveMaximums = bytes(0x10, 0x14, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x00,
                0x06, 0x21, 0x00, 0x05, 0x21, 0x00, 0x06,   // Property Length 6: Receive Maximum twice
                0x00, 0x01, 'c');
        assertStatus(CodecStatus.DUPLICATE_PROPERTY, Vectors5.status(twoReceiveMaximums));
        byte[] willDelayInConnect = bytes(0x10, 0x13, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x00,
                0x05, 0x18, 0x00, 0x00, 0x00, 0x01,         // Will Delay Interval among the CONNECT properties
                0x00, 0x01, 'c');
        assertStatus(CodecStatus.PROPERTY_NOT_ALLOWED, Vectors5.status(willDelayInConnect));
        byte[] authDataAlone = bytes(0x10, 0x12, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x00,
                0x04, 0x16, 0x00, 0x01, 0x2A,               // Authentication Data without a Method
                0x00, 0x01, 'c');
        assertStatus(CodecStatus.AUTH_DATA_WITHOUT_METHOD, Vectors5.status(authDataAlone));
    }
}
