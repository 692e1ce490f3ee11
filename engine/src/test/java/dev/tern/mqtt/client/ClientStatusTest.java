package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != int.class) {
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
    void codecAndSessionStatusesKeepTheirOwnNames() {
        assertEquals("WILDCARD_IN_TOPIC_NAME", ClientStatus.name(CodecStatus.WILDCARD_IN_TOPIC_NAME));
        assertEquals("SESSION_INCOMING_TABLE_FULL", ClientStatus.name(SessionStatus.SESSION_INCOMING_TABLE_FULL));
        assertEquals("OK", ClientStatus.name(17));
        assertNotEquals("OK", ClientStatus.name(-299));
    }
}
