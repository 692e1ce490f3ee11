package dev.tern.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Supertypes of a JDK class, read from the JDK running the check (classes are not initialised). */
final class JdkHierarchy {

    private JdkHierarchy() {
    }

    /** The class itself, then its superclasses and all its interfaces; just the class if unknown. */
    static List<String> selfAndSupertypes(String className) {
        Set<String> names = new LinkedHashSet<>();
        names.add(className);
        try {
            Class<?> type = Class.forName(className, false, ClassLoader.getPlatformClassLoader());
            collect(type, names);
        } catch (ClassNotFoundException | LinkageError e) {
            // not a JDK class this JVM knows: only its own entries can allow it
        }
        return new ArrayList<>(names);
    }

    private static void collect(Class<?> type, Set<String> names) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            names.add(current.getName());
            for (Class<?> implemented : current.getInterfaces()) {
                collect(implemented, names);
            }
        }
    }
}
