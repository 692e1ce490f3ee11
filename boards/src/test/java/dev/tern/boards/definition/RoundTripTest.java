package dev.tern.boards.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A definition written back as properties loads as an equal definition. */
class RoundTripTest {

    private final BoardLoader loader = new BoardLoader();

    @TempDir
    Path temp;

    @ParameterizedTest
    @MethodSource("dev.tern.boards.definition.BundledBoardsTest#ids")
    void writtenPropertiesLoadAsAnEqualDefinition(String id) throws IOException {
        BoardDefinition board = loader.load(id);
        Path dir = Files.createDirectories(temp.resolve(id));
        try (OutputStream out = Files.newOutputStream(dir.resolve(BoardLoader.FILE_NAME))) {
            board.toProperties().store(out, null);
        }
        BoardDefinition again = loader.load(dir);
        assertEquals(board, again);
        assertEquals(board.toProperties(), again.toProperties());
        assertEquals(board.hashCode(), again.hashCode());
        assertEquals(board.regions(), again.regions());
        assertEquals(board.flashDevices(), again.flashDevices());
    }

    @ParameterizedTest
    @MethodSource("dev.tern.boards.definition.BundledBoardsTest#ids")
    void propertiesInMemoryLoadAsAnEqualDefinition(String id) {
        BoardDefinition board = loader.load(id);
        Properties properties = board.toProperties();
        assertEquals(board, BoardLoader.fromProperties("memory", properties));
    }
}
