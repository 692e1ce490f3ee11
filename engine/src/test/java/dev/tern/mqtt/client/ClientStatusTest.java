package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tern.mqtt.codec.CodecStatus;
import dev.tern.mqtt.session.SessionStatus;

/** Every engine status has its own value in -200..-299 and a name; codec and session statuses pass through. */
class ClientStatusTest {

    @Test
    void everyConstantIsNamedAfterItselfAndUnique() throws IllegalAccessException {
        Set<Integer> values = new HashSet<>();
        for (Field field : ClientStatus.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || !Modifier.isPublic(field.getModifiers())
                    || field.getType() != int.class) {
                continue;
            }
            int value = field.getInt(null);
            assertTrue(values.add(value), "duplicate value " + value);
            if (value != ClientStatus.OK) {
                assertTrue(value <= -200 && value > -300, field.getName());
            }
            assertEquals(field.getName(), ClientStatus.name(value));
        }
    }

    @Test
    void brokerReasonCodesTravelInsideTheStatusAndAreNamed() {
        assertEquals("REFUSED_BAD_USER_NAME_OR_PASSWORD", ClientStatus.name(ClientStatus.connackRefused(0x86)));
        assertEquals("BROKER_DISCONNECT_SESSION_TAKEN_OVER", ClientStatus.name(ClientStatus.brokerDisconnect(0x8E)));
        assertEquals("PUBLISH_REFUSED_QUOTA_EXCEEDED", ClientStatus.name(ClientStatus.publishRefused(0x97)));
        assertEquals("VIOLATION_TOPIC_ALIAS_INVALID", ClientStatus.name(ClientStatus.violation(0x94)));
        assertEquals("BROKER_DISCONNECT_NORMAL_DISCONNECTION", ClientStatus.name(ClientStatus.brokerDisconnect(0)));
        for (int code = 0; code < 0x100; code++) {
            assertEquals(code, ClientStatus.reasonCode(ClientStatus.connackRefused(code)));
            assertEquals(code, ClientStatus.reasonCode(ClientStatus.brokerDisconnect(code)));
            assertEquals(code, ClientStatus.reasonCode(ClientStatus.publishRefused(code)));
            assertEquals(code, ClientStatus.reasonCode(ClientStatus.violation(code)));
        }
        assertEquals(-1, ClientStatus.reasonCode(ClientStatus.ACK_TIMEOUT));
    }

    @Test
    void onlyRefusalsThatConfigurationMustCureStopTheReconnects() {
        assertFalse(ClientStatus.retryCanHelp(ClientStatus.REFUSED_BAD_CREDENTIALS));
        assertFalse(ClientStatus.retryCanHelp(ClientStatus.REFUSED_NOT_AUTHORIZED));
        assertTrue(ClientStatus.retryCanHelp(ClientStatus.REFUSED_SERVER_UNAVAILABLE));
        assertFalse(ClientStatus.retryCanHelp(ClientStatus.connackRefused(0x86)));
        assertFalse(ClientStatus.retryCanHelp(ClientStatus.connackRefused(0x8A)));
        assertTrue(ClientStatus.retryCanHelp(ClientStatus.connackRefused(0x89)));
        assertTrue(ClientStatus.retryCanHelp(ClientStatus.connackRefused(0x9F)));
        assertTrue(ClientStatus.retryCanHelp(ClientStatus.brokerDisconnect(0x87)));
        assertTrue(ClientStatus.retryCanHelp(ClientStatus.TRANSPORT_FAILED));
    }

    @Test
    void codecAndSessionStatusesKeepTheirOwnNames() {
        assertEquals("WILDCARD_IN_TOPIC_NAME", ClientStatus.name(CodecStatus.WILDCARD_IN_TOPIC_NAME));
        assertEquals("SESSION_INCOMING_TABLE_FULL", ClientStatus.name(SessionStatus.SESSION_INCOMING_TABLE_FULL));
        assertEquals("OK", ClientStatus.name(17));
        assertNotEquals("OK", ClientStatus.name(-299));
    }
}
