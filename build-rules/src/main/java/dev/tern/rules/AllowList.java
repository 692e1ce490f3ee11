package dev.tern.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The board API allow-list: the JDK classes, methods and fields a board's VM offers.
 *
 * <pre>
 * # comment
 * java.lang.String                 a class that may be referenced as a type
 *     length()                     a method, parameters as Java types
 *     &lt;init&gt;(byte[], int, int)      a constructor
 *     CASE_INSENSITIVE_ORDER       a field (no parentheses)
 * </pre>
 *
 * A member referenced through a subclass (say {@code IllegalStateException.getMessage()}) is
 * allowed when the class that declares it lists it.
 */
public final class AllowList {

    private final Set<String> classes = new HashSet<>();
    private final Map<String, Set<String>> membersByClass = new HashMap<>();

    public static AllowList read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("board API allow-list not readable: " + file, e);
        }
    }

    static AllowList parse(List<String> lines, String source) {
        AllowList list = new AllowList();
        String currentClass = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            boolean member = Character.isWhitespace(line.charAt(0));
            String entry = line.strip().replace(" ", "");
            if (!member) {
                currentClass = entry;
                list.classes.add(currentClass);
                list.membersByClass.computeIfAbsent(currentClass, k -> new HashSet<>());
            } else if (currentClass == null) {
                throw new IllegalArgumentException(source + ":" + (i + 1)
                        + ": member '" + entry + "' comes before any class line");
            } else {
                list.membersByClass.get(currentClass).add(entry);
            }
        }
        return list;
    }

    /** @param className a binary name with dots, e.g. {@code java.lang.String} */
    public boolean allowsClass(String className) {
        return classes.contains(className);
    }

    /**
     * @param className the class named in the instruction (binary name with dots)
     * @param member    {@code name(paramType, ...)} for a method, {@code name} for a field
     */
    public boolean allowsMember(String className, String member) {
        for (String owner : JdkHierarchy.selfAndSupertypes(className)) {
            Set<String> members = membersByClass.get(owner);
            if (members != null && members.contains(member)) {
                return true;
            }
        }
        return false;
    }
}
