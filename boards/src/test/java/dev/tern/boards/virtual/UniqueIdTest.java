package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class UniqueIdTest {

    @Test
    void eachFlashFileIsOneBoardWithItsOwnStableNinetySixBitId() {
        String a = VirtualBoard.uniqueIdOf(Path.of("/tmp/board-a/flash.bin"));
        assertTrue(a.matches("[0-9a-f]{24}"), a);
        assertEquals(a, VirtualBoard.uniqueIdOf(Path.of("/tmp/board-a/../board-a/flash.bin")));
        assertNotEquals(a, VirtualBoard.uniqueIdOf(Path.of("/tmp/board-b/flash.bin")));
    }
}
