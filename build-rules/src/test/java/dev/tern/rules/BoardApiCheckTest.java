package dev.tern.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardApiCheckTest {

    /** A small allow-list in the real file's format: a few members of three classes. */
    private static final AllowList ALLOW_LIST = AllowList.parse(List.of(
            "# test allow-list",
            "java.lang.Object",
            "    <init>()",
            "java.lang.String",
            "    length()",
            "    charAt(int)",
            "java.lang.System",
            "    arraycopy(java.lang.Object, int, java.lang.Object, int, int)",
            "java.lang.Throwable",
            "    getMessage()",
            "java.lang.IllegalStateException",
            "    <init>(java.lang.String)"), "test");

    @TempDir
    Path dir;

    @Test
    void passesAClassThatUsesOnlyAllowedMembersAtRelease7() throws IOException {
        Path classes = compile("7", "Good", """
                public final class Good {
                    private final byte[] buffer = new byte[16];
                    public int copy(byte[] from, String name) {
                        System.arraycopy(from, 0, buffer, 0, 4);
                        if (name.length() == 0) {
                            throw new IllegalStateException("empty");
                        }
                        return name.charAt(0) + buffer[0];
                    }
                    public String reason(IllegalStateException e) {
                        return e.getMessage(); // declared on Throwable, referenced through the subclass
                    }
                }
                """);

        assertEquals(List.of(), new BoardApiCheck(ALLOW_LIST).check(classes));
    }

    @Test
    void rejectsStringFormatNamingWhereItIsUsed() throws IOException {
        Path classes = compile("7", "Formats", """
                public final class Formats {
                    public String show(String topic) {
                        return String.format("%s", topic);
                    }
                }
                """);

        List<Violation> violations = new BoardApiCheck(ALLOW_LIST).check(classes);

        assertTrue(violations.contains(new Violation("Formats.show (Formats.java:3)",
                "java.lang.String.format(java.lang.String,java.lang.Object[])",
                "member not on the board API allow-list")), violations.toString());
    }

    @Test
    void rejectsJavaUtilConcurrent() throws IOException {
        Path classes = compile("7", "Counts", """
                import java.util.concurrent.atomic.AtomicInteger;
                public final class Counts {
                    private final AtomicInteger sent = new AtomicInteger();
                    public int next() {
                        return sent.incrementAndGet();
                    }
                }
                """);

        List<Violation> violations = new BoardApiCheck(ALLOW_LIST).check(classes);

        assertTrue(violations.contains(new Violation("Counts.sent",
                "java.util.concurrent.atomic.AtomicInteger", "class not on the board API allow-list")),
                violations.toString());
        assertTrue(violations.contains(new Violation("Counts.next (Counts.java:5)",
                "java.util.concurrent.atomic.AtomicInteger", "class not on the board API allow-list")),
                violations.toString());
    }

    @Test
    void rejectsALambdaAndAClassFileAboveVersion51() throws IOException {
        Path classes = compile("8", "Lambda", """
                public final class Lambda {
                    public Runnable task() {
                        return () -> { };
                    }
                }
                """);

        List<Violation> violations = new BoardApiCheck(ALLOW_LIST).check(classes);

        assertTrue(violations.stream().anyMatch(v -> v.what().equals("class file version 52")),
                violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.where().equals("Lambda.task (Lambda.java:3)")
                && v.what().startsWith("invokedynamic")), violations.toString());
    }

    @Test
    void rejectsVarargsMethods() throws IOException {
        Path classes = compile("7", "Varargs", """
                public final class Varargs {
                    public int count(int... values) {
                        return values.length;
                    }
                }
                """);

        List<Violation> violations = new BoardApiCheck(ALLOW_LIST).check(classes);

        assertEquals(List.of(new Violation("Varargs.count", "varargs method count",
                "varargs allocate an array on every call")), violations);
    }

    @Test
    void mainFailsWithAReadableReportListingEachViolation() throws IOException {
        Path classes = compile("7", "Formats", """
                public final class Formats {
                    public String show(String topic) {
                        return String.format("%s", topic);
                    }
                }
                """);
        Path allowList = dir.resolve("board-api.allow");
        Files.write(allowList, List.of("java.lang.Object", "    <init>()", "java.lang.String"));

        BoardApiCheck.BoardRulesViolated failure = assertThrows(BoardApiCheck.BoardRulesViolated.class,
                () -> BoardApiCheck.main(new String[] {classes.toString(), allowList.toString()}));

        String report = failure.getMessage();
        assertTrue(report.startsWith("board rules violated: 1 reference in " + classes), report);
        assertTrue(report.contains("  Formats.show (Formats.java:3): java.lang.String.format("
                + "java.lang.String,java.lang.Object[]) (member not on the board API allow-list)"), report);
    }

    @Test
    void theFirmwareAllowListParsesAndAllowsTheBasics() {
        AllowList firmware = AllowList.read(Path.of("..", "engine", "board-api.allow"));

        assertTrue(firmware.allowsMember("java.lang.System",
                "arraycopy(java.lang.Object,int,java.lang.Object,int,int)"));
        assertTrue(firmware.allowsClass("java.lang.String"));
        assertTrue(!firmware.allowsMember("java.lang.String", "format(java.lang.String,java.lang.Object[])"));
        assertTrue(!firmware.allowsClass("java.util.concurrent.atomic.AtomicInteger"));
    }

    /** Compiles one source file at the given release into its own directory, with debug line numbers. */
    private Path compile(String release, String className, String source) throws IOException {
        Path src = dir.resolve("src-" + className);
        Path out = dir.resolve("classes-" + className);
        Files.createDirectories(src);
        Files.createDirectories(out);
        Path file = src.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", release, "-nowarn", "-Xlint:-options", "-g",
                "-d", out.toString(), file.toString());
        assertEquals(0, status, "test source failed to compile");
        return out;
    }
}
