package dev.tern.boards.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.bootloader.BootloaderConfig;

class EraseCommandTest {

    @Test
    void theAn3155EraseCommandsSendTheBytesTheBootloaderAnswers() {
        assertEquals(An3155.ERASE, EraseCommand.ERASE.code());
        assertEquals(An3155.EXTENDED_ERASE, EraseCommand.EXTENDED_ERASE.code());
    }

    @Test
    void anAn3155BootloaderRefusesAnEraseOfAnotherProtocol() {
        assertThrows(IllegalArgumentException.class, () -> BootloaderConfig.of(0x449, EraseCommand.FLASH_BEGIN));
        assertThrows(IllegalArgumentException.class, () -> BootloaderConfig.of(0x449, EraseCommand.NONE));
    }
}
