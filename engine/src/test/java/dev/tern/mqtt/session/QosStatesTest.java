package dev.tern.mqtt.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
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

    @Test
    void predicatesHoldForExactlyTheirStates() {
        assertEquals(List.of("PUBREL_SEND", "PUBREL_RESEND", "PUBCOMP_PENDING"), statesWhere(QosStates::isPubrelPhase));
        assertEquals(List.of("QOS1_PUBLISH_SEND", "QOS1_PUBLISH_RESEND", "QOS2_PUBLISH_SEND", "QOS2_PUBLISH_RESEND",
                "PUBREL_SEND", "PUBREL_RESEND", "SUBSCRIBE_SEND", "UNSUBSCRIBE_SEND"), statesWhere(QosStates::waitsToBeSent));
        assertEquals(List.of("PUBREL_SEND", "PUBREL_RESEND"), statesWhere(QosStates::waitsToSendPubrel));
        assertEquals(List.of("PUBACK_PENDING", "PUBREC_PENDING", "PUBCOMP_PENDING", "SUBACK_PENDING", "UNSUBACK_PENDING"),
                statesWhere(QosStates::awaitsAck));
    }

    private static List<String> statesWhere(IntPredicate predicate) {
        List<String> names = new java.util.ArrayList<>();
        for (int state = 0; state < QosStates.COUNT; state++) {
            if (predicate.test(state)) {
                names.add(QosStates.name(state));
            }
        }
        return names;
    }
}
