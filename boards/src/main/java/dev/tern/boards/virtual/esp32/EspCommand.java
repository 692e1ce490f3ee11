package dev.tern.boards.virtual.esp32;

/**
 * What the virtual ESP32's loader answers with, as Espressif's "Serial Protocol" page and esptool
 * ({@code loader.py}, {@code util.py}) give it: SYNC's answers, the ROM's and the stub's status
 * lengths and error codes. The packet layout and the command codes, which the host's flasher
 * shares, are {@link dev.tern.boards.bootloader.esp.EspPacket} and
 * {@link dev.tern.boards.bootloader.esp.EspOpcode}.
 */
public final class EspCommand {

    /** SYNC's data: 07 07 12 20 and 32 x 0x55 (the ROM autobauds on the 0x55s). */
    public static final int SYNC_LENGTH = 36;
    /** How many answers the ROM sends to one SYNC (esptool reads one, then seven more). */
    public static final int SYNC_ANSWERS = 8;
    /** The value field of the ROM's SYNC answers (the stub's are 0: esptool tells them apart by it). */
    public static final int ROM_SYNC_VALUE = 0x2012_0707;

    public static final int ROM_STATUS_LENGTH = 4;
    public static final int STUB_STATUS_LENGTH = 2;

    // ROM error codes (second status byte, first = 1)
    /** "The format of the received message is invalid": also the answer to a command the ROM lacks. */
    public static final int ROM_INVALID_MESSAGE = 0x05;
    /** "Message is ok, but the running result is wrong". */
    public static final int ROM_FAILED = 0x06;
    public static final int ROM_BAD_CHECKSUM = 0x07;
    public static final int ROM_FLASH_WRITE_ERROR = 0x08;
    public static final int ROM_FLASH_READ_ERROR = 0x09;
    public static final int ROM_DEFLATE_ERROR = 0x0B;

    // stub error codes (first status byte; esptool's util.py reads them as 0xC000...)
    public static final int STUB_BAD_DATA_LENGTH = 0xC0;
    public static final int STUB_BAD_CHECKSUM = 0xC1;
    public static final int STUB_BAD_BLOCKSIZE = 0xC2;
    public static final int STUB_INVALID_COMMAND = 0xC3;
    public static final int STUB_FAILED_SPI_OP = 0xC4;
    public static final int STUB_NOT_IN_FLASH_MODE = 0xC6;
    public static final int STUB_INFLATE_ERROR = 0xC7;
    public static final int STUB_NOT_ENOUGH_DATA = 0xC8;
    public static final int STUB_TOO_MUCH_DATA = 0xC9;
    /** The stub does not have that command. */
    public static final int STUB_NOT_IMPLEMENTED = 0xFF;

    /** The stub's greeting, the one frame nobody asked for: "OHAI". */
    public static final byte[] STUB_GREETING = {'O', 'H', 'A', 'I'};

    private EspCommand() {
    }
}
