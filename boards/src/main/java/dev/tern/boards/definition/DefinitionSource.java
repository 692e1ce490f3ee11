package dev.tern.boards.definition;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The raw keys of one board.properties, read with {@link Properties} (so {@code #} comments,
 * {@code \} continuations and escapes work as usual), and typed reads that fail with the file and key.
 */
final class DefinitionSource {

    private final String file;
    private final Map<String, String> values;

    private DefinitionSource(String file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    static DefinitionSource read(String file, InputStream in) throws IOException {
        Map<String, String> values = new TreeMap<>();
        String[] duplicate = new String[1];
        Properties collector = new DuplicateCatchingProperties(values, duplicate);
        collector.load(in);
        DefinitionSource source = new DefinitionSource(file, values);
        if (duplicate[0] != null) {
            throw source.fail(duplicate[0], "given more than once");
        }
        return source;
    }

    static DefinitionSource of(String file, Properties properties) {
        Map<String, String> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key));
        }
        return new DefinitionSource(file, values);
    }

    String file() {
        return file;
    }

    BoardDefinitionException fail(String key, String problem) {
        return new BoardDefinitionException(file, key, problem);
    }

    /** Keys that {@link BoardKeys} does not know, in sorted order. */
    List<String> unknownKeys() {
        List<String> unknown = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!BoardKeys.isKnown(key)) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw fail(key, "missing (required)");
        }
        if (value.trim().isEmpty()) {
            throw fail(key, "empty (required)");
        }
        return value.trim();
    }

    long number(String key) {
        try {
            return Values.number(text(key));
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    int intInRange(String key, int min, int max) {
        long value = number(key);
        if (value < min || value > max) {
            throw fail(key, "must be " + min + ".." + max + ", got " + value);
        }
        return (int) value;
    }

    <E extends Enum<E> & Keyed> E choice(String key, Class<E> type) {
        return choiceOf(key, text(key), type);
    }

    <E extends Enum<E> & Keyed> E choiceOf(String key, String word, Class<E> type) {
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            if (constant.key().equals(word)) {
                return constant;
            }
            allowed.add(constant.key());
        }
        throw fail(key, "'" + word + "' is not one of " + String.join(", ", allowed));
    }

    List<Integer> sectors(String key) {
        try {
            return Values.sectors(text(key));
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    long[] nanosRange(String key) {
        try {
            return Values.nanosRange(text(key));
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    List<dev.tern.boards.flash.EraseTime> eraseTimes(String key) {
        try {
            return Values.eraseTimes(text(key));
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    Region region(String key, String name) {
        try {
            return Values.region(name, text(key));
        } catch (IllegalArgumentException e) {
            throw fail(key, e.getMessage());
        }
    }

    /** Collects {@link Properties#load} into a map and remembers the first key given twice. */
    private static final class DuplicateCatchingProperties extends Properties {

        private static final long serialVersionUID = 1L;

        private final transient Map<String, String> values;
        private final transient String[] duplicate;

        DuplicateCatchingProperties(Map<String, String> values, String[] duplicate) {
            this.values = values;
            this.duplicate = duplicate;
        }

        @Override
        public synchronized Object put(Object key, Object value) {
            String name = (String) key;
            if (values.put(name, (String) value) != null && duplicate[0] == null) {
                duplicate[0] = name;
            }
            return null;
        }
    }
}
