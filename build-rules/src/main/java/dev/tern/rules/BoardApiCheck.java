package dev.tern.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;

/**
 * The board rules, checked over compiled firmware: every class file in a directory is read and
 * each JDK class, method and field it references must be on the board API allow-list.
 *
 * <p>Run by the firmware build after compilation:
 * {@code BoardApiCheck <classes-dir> <allow-list-file>}; a violation fails the build with one line
 * per breach: where it is, what it references, and why that is refused.
 */
public final class BoardApiCheck {

    private final AllowList allowList;

    public BoardApiCheck(AllowList allowList) {
        this.allowList = allowList;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BoardApiCheck <classes-dir> <allow-list-file>");
        }
        Path classes = Path.of(args[0]);
        Path allowListFile = Path.of(args[1]);
        List<Violation> violations = new BoardApiCheck(AllowList.read(allowListFile)).check(classes);
        if (!violations.isEmpty()) {
            throw new BoardRulesViolated(report(classes, allowListFile, violations));
        }
        System.out.println("board API check: " + countClasses(classes) + " class files in " + classes
                + " use only the board API (" + allowListFile.getFileName() + ")");
    }

    /** Every violation in the class files under {@code classesDir}, in file order; empty when clean. */
    public List<Violation> check(Path classesDir) {
        List<Path> classFiles = classFiles(classesDir);
        Set<String> ownClasses = new HashSet<>();
        List<ClassReader> readers = new ArrayList<>();
        for (Path file : classFiles) {
            ClassReader reader = read(file);
            ownClasses.add(reader.getClassName());
            readers.add(reader);
        }
        Set<Violation> violations = new LinkedHashSet<>();
        for (ClassReader reader : readers) {
            reader.accept(new ReferenceChecker(ownClasses, allowList, violations), 0);
        }
        return new ArrayList<>(violations);
    }

    static String report(Path classes, Path allowListFile, List<Violation> violations) {
        StringBuilder text = new StringBuilder();
        text.append("board rules violated: ").append(violations.size())
                .append(violations.size() == 1 ? " reference" : " references")
                .append(" in ").append(classes).append(" cannot run on the board\n");
        for (Violation violation : violations) {
            text.append("  ").append(violation).append('\n');
        }
        text.append("Use only what ").append(allowListFile)
                .append(" lists (the EDC subset of a MicroEJ-style VM); see docs/design.md, 'Firmware rules'.");
        return text.toString();
    }

    private static long countClasses(Path classes) {
        return classFiles(classes).size();
    }

    private static List<Path> classFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list class files under " + dir, e);
        }
    }

    private static ClassReader read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new ClassReader(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class file " + file, e);
        }
    }

    /** Thrown by {@link #main} so that the build fails with the readable report as its message. */
    public static final class BoardRulesViolated extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BoardRulesViolated(String report) {
            super(report);
        }
    }
}
