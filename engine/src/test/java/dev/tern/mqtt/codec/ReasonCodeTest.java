package dev.tern.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ReasonCode}: Table 2-6 by name and by packet, and the DISCONNECT reason for each codec violation. */
class ReasonCodeTest {

    @Test
    void everyConstantIsNamedAfterItselfAndDefinedForSomePacket() throws IllegalAccessException {
        int count = 0;
        for (Field f : ReasonCode.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || int.class != f.getType() || f.getName().equals("FIRST_FAILURE")) {
                continue;
            }
            int code = f.getInt(null);
            assertTrue(ReasonCode.packets(code) != 0, f.getName());
            if (0 != code) {
                assertEquals(f.getName(), ReasonCode.name(code));
            }
            count++;
        }
        assertEquals(45, count); // 43 codes of Table 2-6, and NORMAL_DISCONNECTION and GRANTED_QOS_0 for 0x00
        assertEquals("UNKNOWN_REASON_CODE", ReasonCode.name(0x03));
    }

    @Test
    void zeroReadsAsThePacketMeansIt() {
        assertEquals("SUCCESS", ReasonCode.name(0, PacketType.PUBACK));
        assertEquals("NORMAL_DISCONNECTION", ReasonCode.name(0, PacketType.DISCONNECT));
        assertEquals("GRANTED_QOS_0", ReasonCode.name(0, PacketType.SUBACK));
        assertEquals("QUOTA_EXCEEDED", ReasonCode.name(0x97, PacketType.PUBREC));
    }

    @Test
    void knowsWhichPacketsEachCodeBelongsTo() {
        assertTrue(ReasonCode.isAllowed(ReasonCode.QUOTA_EXCEEDED, PacketType.PUBREC));
        assertFalse(ReasonCode.isAllowed(ReasonCode.QUOTA_EXCEEDED, PacketType.PUBREL));
        assertTrue(ReasonCode.isAllowed(ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, PacketType.PUBCOMP));
        assertFalse(ReasonCode.isAllowed(ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, PacketType.PUBACK));
        assertTrue(ReasonCode.isAllowed(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, PacketType.DISCONNECT));
        assertFalse(ReasonCode.isAllowed(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, PacketType.CONNACK));
        assertTrue(ReasonCode.isFailure(0x80));
        assertFalse(ReasonCode.isFailure(0x10));
        int perPacket = 0;
        for (int code = 0; code < 256; code++) {
            if (ReasonCode.isAllowed(code, PacketType.DISCONNECT)) {
                perPacket++;
            }
        }
        assertEquals(30, perPacket); // Table 3-10
    }

    @Test
    void namesTheMqtt311ConnackReturnCodes() {
        assertEquals("ACCEPTED", ReasonCode.connackReturnCodeName(0));
        assertEquals("REFUSED_BAD_USER_NAME_OR_PASSWORD", ReasonCode.connackReturnCodeName(4));
        assertEquals("REFUSED_NOT_AUTHORIZED", ReasonCode.connackReturnCodeName(5));
        assertEquals("UNKNOWN_RETURN_CODE", ReasonCode.connackReturnCodeName(6));
    }

    /** The violations the standard calls a Protocol Error, and the two with codes of their own. */
    private static final Set<String> PROTOCOL_ERRORS = Set.of("DUPLICATE_PROPERTY", "RECEIVE_MAXIMUM_ZERO",
            "MAXIMUM_PACKET_SIZE_ZERO", "INVALID_MAXIMUM_QOS", "PROPERTY_NOT_0_OR_1", "SUBSCRIPTION_ID_ZERO",
            "AUTH_DATA_WITHOUT_METHOD", "TOPIC_NAME_AND_ALIAS_MISSING", "INVALID_RETAIN_HANDLING",
            "NO_LOCAL_ON_SHARED_SUBSCRIPTION", "SESSION_PRESENT_WITH_REFUSAL", "CODEC_INVALID_PACKET_ID");

    @Test
    void mapsEveryViolationToTheDisconnectReasonTheStandardAsksFor() throws IllegalAccessException {
        for (Field f : CodecStatus.class.getFields()) {
            int status = f.getInt(null);
            if (status >= 0 || CodecStatus.NEED_MORE_BYTES == status) {
                assertThrows(IllegalArgumentException.class, () -> ReasonCode.forViolation(status));
                continue;
            }
            int expected;
            if (CodecStatus.CODEC_PACKET_TOO_LARGE == status) {
                expected = ReasonCode.PACKET_TOO_LARGE;
            } else if (CodecStatus.TOPIC_ALIAS_ZERO == status) {
                expected = ReasonCode.TOPIC_ALIAS_INVALID;
            } else {
                expected = PROTOCOL_ERRORS.contains(f.getName()) ? ReasonCode.PROTOCOL_ERROR : ReasonCode.MALFORMED_PACKET;
            }
            assertEquals(ReasonCode.name(expected), ReasonCode.name(ReasonCode.forViolation(status)), f.getName());
            assertTrue(ReasonCode.isAllowed(ReasonCode.forViolation(status), PacketType.DISCONNECT), f.getName());
        }
    }
}
