package dev.tern.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodecStatusTest {

    @Test
    void everyStatusIsUniqueInItsRangeAndNamedAfterItsConstant() throws IllegalAccessException {
        Set<Integer> seen = new HashSet<>();
        int count = 0;
        for (Field f : CodecStatus.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || int.class != f.getType()) {
                continue;
            }
            int value = f.getInt(null);
            assertTrue(seen.add(value), "duplicate value " + value + " for " + f.getName());
            assertEquals(f.getName(), CodecStatus.name(value));
            if (0 != value) {
                assertTrue(value <= -1 && value >= -99, f.getName() + "=" + value + " outside -1..-99");
            }
            count++;
        }
        assertEquals(55, count);
    }

    @Test
    void namesResultsAndUnknownValues() {
        assertEquals("OK", CodecStatus.name(0));
        assertEquals("RESULT", CodecStatus.name(42));
        assertEquals("UNKNOWN_STATUS", CodecStatus.name(-99));
        assertTrue(CodecStatus.isResult(4));
        assertTrue(!CodecStatus.isResult(CodecStatus.NEED_MORE_BYTES));
    }
}
