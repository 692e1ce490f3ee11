package dev.tern.host.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.host.TernCommand;
import picocli.CommandLine;

/** The docs check finds each kind of mistake on a broken page, and nothing on a right one. */
class DocsCheckTest {

    private static CodeIndex code;

    @TempDir
    Path root;

    @BeforeAll
    static void indexTheCode() {
        code = CodeIndex.of(DocsTest.repositoryRoot());
    }

    private List<String> problems(final String name, final String text) throws IOException {
        final Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new DocsCheck(root, code, new CommandLine(new TernCommand())).check(MarkdownPage.read(file));
    }

    @Test
    void aRightPageHasNoProblems() throws IOException {
        Files.writeString(root.resolve("other.md"), "# Other\n\n## The `--json` output\n");
        assertEquals(List.of(), problems("flash.md", """
                # Flash (`tern flash`)

                ## Noisy lines

                `DocsCheck#check`, `MarkdownPage.slug(heading)`, `dev.tern.host.docs.CodeIndex`, `Integer.MAX_VALUE`,
                `String.format`, `MarkdownPage.Text`, `CodeIndex.Type.binaryName()`, `QOS_2`, `MQTT` and
                `board.properties` are fine; `--port`, `--set key=value` and
                --json are flash options; `stm32flash --nope` and `mvn --also-make` are other programs'.
                See [noisy lines](#noisy-lines), [the other page](other.md#the---json-output) and [a folder](.).

                ```
                $ ./tern image sign --key dev-key.pem --version 1.0.0 app.jar \\
                      -o app.bin
                tern flash: no answer (try --enter console)
                tern flash: no answer (with 'tern sim --pty', flash through the other end)
                ```
                """));
    }

    @Test
    void aCommandQuotedInAnotherCommandsMessageIsCheckedAgainstItsOwnOptions() throws IOException {
        final List<String> problems = problems("flash.md", """
                # Flash (`tern flash`)

                ```
                tern flash: no answer (with 'tern sim --nope', try --verify read)
                ```
                """);
        assertEquals(List.of("flash.md:4: --nope is no option of `tern sim`"),
                problems.stream().map(p -> p.replaceFirst(" \\(it has.*", "")).toList());
    }

    @Test
    void aClassOrMemberThatDoesNotExistIsNamed() throws IOException {
        assertEquals(List.of(
                "page.md:3: `NoSuchClassAnywhere`: no class NoSuchClassAnywhere in the repository or the JDK",
                "page.md:3: `DocsCheck#noSuchMethod`: DocsCheck has no member noSuchMethod",
                "page.md:4: `Integer.NOT_A_CONSTANT`: Integer has no member NOT_A_CONSTANT",
                "page.md:4: `MarkdownPage.NoSuchNested.run()`: MarkdownPage has no nested class NoSuchNested"),
                problems("page.md", """
                        # Page

                        `NoSuchClassAnywhere` and `DocsCheck#noSuchMethod`
                        `Integer.NOT_A_CONSTANT` and `MarkdownPage.NoSuchNested.run()`
                        """));
    }

    /** Code blocks are checked first, then code spans, then the prose around them. */
    @Test
    void anOptionTheCommandDoesNotHaveIsNamedWithTheCommand() throws IOException {
        final List<String> problems = problems("monitor.md", """
                # Monitor (`tern monitor`)

                Give `--no-such-option` or --also-not; `tern flash --timestamps` is monitor's option, not flash's.

                ```
                ./tern image verify --key k.pub --nope app.bin
                ```
                """);
        assertEquals(4, problems.size(), String.join("\n", problems));
        assertEquals(List.of(
                "monitor.md:6: --nope is no option of `tern image verify`",
                "monitor.md:3: --no-such-option is no option of `tern monitor` or its subcommands",
                "monitor.md:3: --timestamps is no option of `tern flash`",
                "monitor.md:3: --also-not is no option of `tern monitor` or its subcommands"),
                problems.stream().map(p -> p.replaceFirst(" \\(it has.*", "")).toList());
    }

    @Test
    void aTitleNamingNoCommandIsAProblem() throws IOException {
        assertEquals(List.of("nope.md:1: the title names `tern nope`, which is no command"),
                problems("nope.md", "# Nope (`tern nope`)\n"));
    }

    @Test
    void aLinkToAMissingFileOrHeadingIsNamed() throws IOException {
        Files.writeString(root.resolve("other.md"), "# Other\n\n## Present\n");
        assertEquals(List.of(
                "sub/page.md:3: link ../missing.md: no file ../missing.md",
                "sub/page.md:3: link ../other.md#absent: no heading #absent in other.md",
                "sub/page.md:4: link #nowhere: no heading #nowhere in sub/page.md"),
                problems("sub/page.md", """
                        # Page

                        [a](../missing.md), [b](../other.md#absent), [c](../other.md#present), [web](https://example.org/x)
                        [d](#nowhere) and `[e](not-a-link.md)` in code
                        """));
    }

    @Test
    void headingsGetGithubsAnchors() {
        assertEquals("the---json-output", MarkdownPage.slug("The `--json` output"));
        assertEquals("flash-tern-flash", MarkdownPage.slug("Flash (`tern flash`)"));
        assertEquals("wear-and-endurance", MarkdownPage.slug("Wear, and endurance"));
    }
}
