package dev.tern.host.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes of every module's {@code src/main/java} and {@code src/test/java}, by simple and
 * full name, so that a page's {@code `Class#member`} can be checked. A member is looked up by
 * reflection when the class is on this test's class path (inherited members count), else in the
 * class's source text (the bench module's classes).
 */
final class CodeIndex {

    /** A type declared at the start of a line, after its modifiers (not the word "class" in a comment). */
    private static final String DECLARATION =
            "(?m)^\\s*(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
            + "(?:class|interface|enum|record|@interface)\\s+";
    private static final Pattern TYPE = Pattern.compile(DECLARATION + "([A-Z]\\w*)");
    /** Where the JDK classes a page may name live. */
    private static final List<String> JDK_PACKAGES = List.of("java.lang.", "java.util.", "java.io.", "java.nio.file.", "java.time.");

    /** One type: its binary name (for reflection) and the text of the file that declares it. */
    record Type(String binaryName, String source) { }

    private final Map<String, List<Type>> bySimpleName = new HashMap<>();
    private final Map<String, Type> byFullName = new HashMap<>();

    private CodeIndex() {
    }

    /** Indexes every {@code src/main/java} and {@code src/test/java} folder one level below the root. */
    static CodeIndex of(final Path root) {
        final CodeIndex index = new CodeIndex();
        try (Stream<Path> modules = Files.list(root)) {
            for (final Path module : modules.filter(Files::isDirectory).toList()) {
                for (final String sources : List.of("src/main/java", "src/test/java")) {
                    final Path folder = module.resolve(sources);
                    if (Files.isDirectory(folder)) {
                        index.addSources(folder);
                    }
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return index;
    }

    private void addSources(final Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (final Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                final String relative = folder.relativize(file).toString().replace('/', '.');
                final String topName = relative.substring(0, relative.length() - ".java".length());
                final String text = Files.readString(file, StandardCharsets.UTF_8);
                final String top = topName.substring(topName.lastIndexOf('.') + 1);
                add(top, topName, topName, text);
                final Matcher nested = TYPE.matcher(text);
                while (nested.find()) {
                    final String name = nested.group(1);
                    if (!name.equals(top)) {
                        add(name, topName + "." + name, topName + "$" + name, text);
                    }
                }
            }
        }
    }

    private void add(final String simpleName, final String fullName, final String binaryName, final String text) {
        final Type type = new Type(binaryName, text);
        bySimpleName.computeIfAbsent(simpleName, k -> new ArrayList<>()).add(type);
        byFullName.put(fullName, type);
    }

    /** The types a name may mean: a full name, a simple name (several when it is ambiguous), or a JDK class. */
    List<Type> find(final String name) {
        final Type full = byFullName.get(name);
        if (full != null) {
            return List.of(full);
        }
        final List<Type> simple = bySimpleName.get(name);
        if (simple != null) {
            return simple;
        }
        final List<Type> jdk = new ArrayList<>();
        for (final String prefix : name.contains(".") ? List.of("") : JDK_PACKAGES) {
            load(prefix + name).ifPresent(c -> jdk.add(new Type(c.getName(), "")));
        }
        return jdk;
    }

    /** The types nested in one of these types under this name. */
    List<Type> nested(final List<Type> outers, final String name) {
        final List<Type> found = new ArrayList<>();
        for (final Type outer : outers) {
            final String binaryName = outer.binaryName() + "$" + name;
            for (final Type candidate : bySimpleName.getOrDefault(name, List.of())) {
                if (candidate.binaryName().equals(binaryName)) {
                    found.add(candidate);
                }
            }
            if (found.isEmpty()) {
                load(binaryName).ifPresent(c -> found.add(new Type(c.getName(), "")));
            }
        }
        return found;
    }

    /** Whether the type has a method, field, enum constant or nested type of this name. */
    boolean hasMember(final Type type, final String member) {
        final Optional<Class<?>> loaded = load(type.binaryName());
        if (loaded.isPresent()) {
            return hasMember(loaded.get(), member);
        }
        final String quoted = Pattern.quote(member);
        return Pattern.compile("[\\w>\\]]\\s+" + quoted + "\\s*[(=;,)]").matcher(type.source()).find()
                || Pattern.compile("(?m)^\\s*" + quoted + "\\s*[(,;]").matcher(type.source()).find()
                || Pattern.compile(DECLARATION + quoted + "\\b").matcher(type.source()).find();
    }

    private static boolean hasMember(final Class<?> type, final String member) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (declares(c, member)) {
                return true;
            }
            for (final Class<?> implemented : c.getInterfaces()) {
                if (hasMember(implemented, member)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean declares(final Class<?> c, final String member) {
        for (final Method method : c.getDeclaredMethods()) {
            if (method.getName().equals(member)) {
                return true;
            }
        }
        for (final Field field : c.getDeclaredFields()) {
            if (field.getName().equals(member)) {
                return true;
            }
        }
        for (final Class<?> nested : c.getDeclaredClasses()) {
            if (nested.getSimpleName().equals(member)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Class<?>> load(final String binaryName) {
        try {
            return Optional.of(Class.forName(binaryName, false, CodeIndex.class.getClassLoader()));
        } catch (final ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
