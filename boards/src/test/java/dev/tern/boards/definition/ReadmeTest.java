package dev.tern.boards.definition;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** boards/README.md explains every key the loader knows and lists every bundled board. */
class ReadmeTest {

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void explainsEveryKey() throws IOException {
        String readme = readme();
        for (String key : BoardKeys.all().keySet()) {
            assertTrue(readme.contains("| `" + key + "` |"), "README.md does not explain " + key);
        }
    }

    @Test
    void listsEveryBundledBoard() throws IOException {
        String readme = readme();
        for (String id : new BoardLoader().list()) {
            assertTrue(readme.contains("| `" + id + "` |"), "README.md does not list " + id);
        }
    }
}
