package dev.tern.boards.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TlsStatusTest {

    @Test
    void everyStatusHasItsOwnValueInItsRangeAndItsNameForTheConsole() throws Exception {
        Set<Integer> values = new HashSet<>();
        int constants = 0;
        for (Field field : TlsStatus.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                int value = field.getInt(null);
                constants++;
                assertTrue(values.add(value), "one value per status: " + field.getName());
                assertEquals(field.getName(), TlsStatus.name(value));
                assertTrue(value == 0 || value <= -500 && value > -600, field.getName() + "=" + value);
            }
        }
        assertEquals(14, constants);
        assertEquals("UNKNOWN_TLS_STATUS", TlsStatus.name(-499));
    }
}
