package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QosEventsTest {

    @Test
    void constantsAreDenseUniqueAndNamed() throws IllegalAccessException {
        Set<Integer> seen = new HashSet<>();
        for (Field field : QosEvents.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || "COUNT".equals(field.getName())) {
                continue;
            }
            int value = field.getInt(null);
            assertTrue(seen.add(value), "duplicate " + field.getName());
            assertTrue(value >= 0 && value < QosEvents.COUNT, field.getName());
            assertEquals(field.getName(), QosEvents.name(value));
        }
        assertEquals(QosEvents.COUNT, seen.size());
        assertEquals("UNKNOWN", QosEvents.name(QosEvents.COUNT));
    }
}
