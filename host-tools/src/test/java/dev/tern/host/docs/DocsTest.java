package dev.tern.host.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tern.host.TernCommand;
import picocli.CommandLine;

/**
 * The manuals say what the code does: every {@code `Class#member`} they cite exists, every
 * option a command page names is an option of that command, every relative link resolves.
 * The pages: README.md, docs/*.md, bench/README.md, boards/README.md; the dated runs in
 * bench/results/ only have their links checked (they cite the code as it was on their date).
 */
class DocsTest {

    private static Path root;
    private static DocsCheck check;

    @BeforeAll
    static void indexTheCode() {
        root = repositoryRoot();
        check = new DocsCheck(root, CodeIndex.of(root), new CommandLine(new TernCommand()));
    }

    @Test
    void theManualsCiteOnlyCodeOptionsAndPagesThatExist() throws IOException {
        final List<String> problems = new ArrayList<>();
        final List<Path> pages = manuals();
        for (final Path page : pages) {
            problems.addAll(check.check(MarkdownPage.read(page)));
        }
        assertTrue(pages.size() > 10, "the manuals were not found under " + root + ": " + pages);
        assertEquals("", String.join("\n", problems), problems.size() + " problems in the docs");
    }

    @Test
    void theDatedRunsLinkOnlyToPagesThatExist() throws IOException {
        final List<String> problems = new ArrayList<>();
        for (final Path page : markdownIn(root.resolve("bench/results"))) {
            problems.addAll(check.checkLinks(MarkdownPage.read(page)));
        }
        assertEquals("", String.join("\n", problems), problems.size() + " problems in bench/results");
    }

    static List<Path> manuals() throws IOException {
        final List<Path> pages = new ArrayList<>(markdownIn(root.resolve("docs")));
        for (final String page : List.of("README.md", "bench/README.md", "boards/README.md")) {
            if (Files.exists(root.resolve(page))) {
                pages.add(root.resolve(page));
            }
        }
        return pages;
    }

    private static List<Path> markdownIn(final Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
    }

    /** The folder holding the root pom.xml and docs/, found from the module Maven runs the test in. */
    static Path repositoryRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("docs")) && Files.isRegularFile(folder.resolve("pom.xml"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no folder with docs/ and pom.xml above " + Path.of("").toAbsolutePath());
    }
}
