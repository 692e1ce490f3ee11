package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QosStatesTest {

    @Test
    void constantsAreDenseUniqueAndNamed() throws IllegalAccessException {
        Set<Integer> seen = new HashSet<>();
        for (Field field : QosStates.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || "COUNT".equals(field.getName())) {
                continue;
            }
            int value = field.getInt(null);
            assertTrue(seen.add(value), "duplicate " + field.getName());
            assertTrue(value >= 0 && value < QosStates.COUNT, field.getName());
            assertEquals(field.getName(), QosStates.name(value));
        }
        assertEquals(QosStates.COUNT, seen.size());
        assertEquals("UNKNOWN", QosStates.name(QosStates.COUNT));
    }
}
