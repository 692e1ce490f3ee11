package dev.tern.bench.footprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What a jar (or a set of jars) costs in code: the number of class files, their bytes (as stored
 * uncompressed in the jar: what a VM loads) and the jar files' own bytes (compressed, what is
 * shipped).
 *
 * @param jars how many jar files
 * @param classes class files counted
 * @param classBytes their uncompressed bytes
 * @param jarBytes the jar files' sizes (0 when only part of a jar is counted)
 */
public record ClassBytes(int jars, int classes, long classBytes, long jarBytes) {

    /** The class files of {@code jar} whose names start with {@code prefix} ("" for all); jar bytes only for a whole jar. */
    public static ClassBytes of(Path jar, String prefix) {
        return of(jar, prefix, name -> true);
    }

    /**
     * The class files of {@code jar} in folder {@code prefix} named {@code names} (simple names;
     * their nested classes too); no jar bytes.
     */
    public static ClassBytes ofClasses(Path jar, String prefix, List<String> names) {
        return of(jar, prefix, entry -> {
            String simple = entry.substring(prefix.length(), entry.length() - ".class".length());
            int nested = simple.indexOf('$');
            return names.contains(nested < 0 ? simple : simple.substring(0, nested));
        }).withoutJarBytes();
    }

    private ClassBytes withoutJarBytes() {
        return new ClassBytes(jars, classes, classBytes, 0);
    }

    private static ClassBytes of(Path jar, String prefix, java.util.function.Predicate<String> wanted) {
        int classes = 0;
        long bytes = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class") && entry.getName().startsWith(prefix) && wanted.test(entry.getName())) {
                    classes++;
                    bytes += entry.getSize();
                }
            }
            return new ClassBytes(1, classes, bytes, prefix.isEmpty() ? Files.size(jar) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read jar " + jar, e);
        }
    }

    /** Everything in {@code jars}, added up. */
    public static ClassBytes of(List<Path> jars) {
        ClassBytes total = new ClassBytes(0, 0, 0, 0);
        for (Path jar : jars) {
            total = total.plus(of(jar, ""));
        }
        return total;
    }

    public ClassBytes plus(ClassBytes other) {
        return new ClassBytes(jars + other.jars, classes + other.classes, classBytes + other.classBytes,
                jarBytes + other.jarBytes);
    }

    /** The jar (or classes folder) {@code type} was loaded from. */
    public static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("code source of " + type.getName(), e);
        }
    }

    /** The jar {@code className} is in, found by loading it. */
    public static Path jarOf(String className) {
        try {
            return jarOf(Class.forName(className, false, ClassBytes.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("not on the class path: " + className, e);
        }
    }
}
