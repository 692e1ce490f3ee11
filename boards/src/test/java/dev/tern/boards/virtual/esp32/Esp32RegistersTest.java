package dev.tern.boards.virtual.esp32;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Esp32RegistersTest {

    private static final long ALL = 0xFFFF_FFFFL;

    private final Esp32Registers registers = new Esp32Registers(new SpiNorIdentity(4L << 20), Esp32Registers.STRAP_DOWNLOAD, 115200);

    @Test
    void aSpiUserCommandAsEsptoolRunsItReadsTheJedecIdIntoW0() {
        // esptool's run_spiflash_command(0x9F, read_bits=24): MISO length, USR flags, command, W0 cleared, go
        registers.write(Esp32Registers.SPI_MISO_DLEN, 24 - 1, ALL);
        registers.write(Esp32Registers.SPI_USR, 1L << 31 | Esp32Registers.SPI_USR_MISO, ALL);
        registers.write(Esp32Registers.SPI_USR2, 7L << 28 | SpiNorIdentity.READ_JEDEC_ID, ALL);
        registers.write(Esp32Registers.SPI_W0, 0, ALL);
        registers.write(Esp32Registers.SPI_CMD, Esp32Registers.SPI_CMD_USR, ALL);
        assertEquals(0, registers.read(Esp32Registers.SPI_CMD) & Esp32Registers.SPI_CMD_USR, "done at once");
        assertEquals(0x16_40C8L, registers.read(Esp32Registers.SPI_W0), "C8 (GigaDevice), 40, 16 (4 MB)");
    }

    @Test
    void sfdpReadsTheSignatureAtItsAddress() {
        registers.write(Esp32Registers.SPI_MISO_DLEN, 32 - 1, ALL);
        registers.write(Esp32Registers.SPI_USR, 1L << 31 | Esp32Registers.SPI_USR_MISO | Esp32Registers.SPI_USR_ADDR | 1L << 29, ALL);
        registers.write(Esp32Registers.SPI_USR1, (24L - 1) << 26 | (8 - 1), ALL);
        registers.write(Esp32Registers.SPI_USR2, 7L << 28 | SpiNorIdentity.READ_SFDP, ALL);
        registers.write(Esp32Registers.SPI_ADDR, 0L << 8, ALL);
        registers.write(Esp32Registers.SPI_CMD, Esp32Registers.SPI_CMD_USR, ALL);
        assertEquals(0x5044_4653L, registers.read(Esp32Registers.SPI_W0), "\"SFDP\"");
    }

    @Test
    void theUartDividerFollowsTheBaudRateFromTheFortyMegahertzClock() {
        assertEquals(347, registers.read(Esp32Registers.UART_CLKDIV));
        registers.baud(921_600);
        assertEquals(43, registers.read(Esp32Registers.UART_CLKDIV));
    }

    @Test
    void writesAreMaskedAndKeptAndTheDetectWordIsFixed() {
        registers.write(0x3FF0_0000L, 0xABCD, 0xFF00);
        assertEquals(0xAB00, registers.read(0x3FF0_0000L));
        registers.write(Esp32Registers.CHIP_DETECT_MAGIC_ADDRESS, 0, ALL);
        assertEquals(0x00F0_1D83L, registers.read(Esp32Registers.CHIP_DETECT_MAGIC_ADDRESS));
    }
}
