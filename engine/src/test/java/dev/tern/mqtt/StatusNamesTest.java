package dev.tern.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tern.hal.socket.SocketStatus;
import dev.tern.mqtt.client.ClientStatus;
import dev.tern.mqtt.codec.CodecStatus;
import dev.tern.mqtt.session.SessionStatus;

/**
 * A log line names the layer that refused: across the engine's status classes every constant has
 * its own name and its own value, and each class's {@code name(int)} prints exactly the constant's
 * name. The one shared constant is OK, which is 0 in every class.
 */
class StatusNamesTest {

    /** Every status class of the engine library; a new one belongs here. */
    static final List<Class<?>> STATUS_CLASSES =
            List.of(CodecStatus.class, SessionStatus.class, ClientStatus.class, SocketStatus.class);

    record Status(Class<?> owner, String name, int value) {
        @Override
        public String toString() {
            return owner.getSimpleName() + "." + name + "=" + value;
        }
    }

    static List<Status> statuses(Class<?> owner) {
        List<Status> found = new ArrayList<>();
        for (Field field : owner.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                    && field.getType() == int.class) {
                try {
                    found.add(new Status(owner, field.getName(), field.getInt(null)));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertTrue(found.size() > 1, owner + " has no status constants");
        return found;
    }

    static String nameOf(Class<?> owner, int value) {
        try {
            Method name = owner.getMethod("name", int.class);
            return (String) name.invoke(null, value);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(owner + " has no public static name(int)", e);
        }
    }

    @Test
    void everyConstantPrintsItsOwnName() {
        for (Class<?> owner : STATUS_CLASSES) {
            for (Status status : statuses(owner)) {
                assertEquals(status.name(), nameOf(owner, status.value()), status.toString());
            }
        }
    }

    @Test
    void noTwoLayersShareANameOrAValueExceptOkAsZero() {
        Map<String, Status> byName = new HashMap<>();
        Map<Integer, Status> byValue = new HashMap<>();
        for (Class<?> owner : STATUS_CLASSES) {
            for (Status status : statuses(owner)) {
                if ("OK".equals(status.name())) {
                    assertEquals(0, status.value(), status.toString());
                    continue;
                }
                Status sameName = byName.put(status.name(), status);
                assertTrue(sameName == null, () -> "two statuses named alike: " + sameName + " and " + status);
                Status sameValue = byValue.put(status.value(), status);
                assertTrue(sameValue == null, () -> "two statuses with one value: " + sameValue + " and " + status);
            }
        }
    }

    @Test
    void theClientNamesEveryCodecAndSessionStatusAsItsOwnLayerDoes() {
        for (Class<?> layer : List.of(CodecStatus.class, SessionStatus.class)) {
            for (Status status : statuses(layer)) {
                assertEquals(nameOf(layer, status.value()), ClientStatus.name(status.value()), status.toString());
            }
        }
    }
}
