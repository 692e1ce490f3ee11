package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionStatusTest {

    @Test
    void everyFailureIsInItsRangeUniqueAndNamed() throws IllegalAccessException {
        Set<Integer> seen = new HashSet<>();
        for (Field field : SessionStatus.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || int.class != field.getType()) {
                continue;
            }
            int value = field.getInt(null);
            assertTrue(seen.add(value), "duplicate " + field.getName());
            assertEquals(field.getName(), SessionStatus.name(value));
            if (SessionStatus.OK != value) {
                assertTrue(value <= -100 && value >= -199, field.getName() + "=" + value);
            }
        }
        assertTrue(seen.size() > 15);
    }

    @Test
    void namesAnUnknownValueUnknown() {
        assertEquals("UNKNOWN", SessionStatus.name(-199));
        assertNotEquals("UNKNOWN", SessionStatus.name(SessionStatus.STORE_CORRUPT));
    }
}
