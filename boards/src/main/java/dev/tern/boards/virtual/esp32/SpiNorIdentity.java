package dev.tern.boards.virtual.esp32;

/**
 * What the SPI NOR answers to the identification commands esptool sends through the ESP32's SPI
 * peripheral: JEDEC ID (0x9F), status registers (0x05, 0x35, 0x15) and the SFDP header (0x5A).
 * The part is the board data's GD25Q32C class: GigaDevice manufacturer id 0xC8, memory type 0x40,
 * capacity code log2(size) (0x16 for 4 MB), as in GigaDevice's datasheets ("Read Identification").
 */
final class SpiNorIdentity {

    static final int READ_JEDEC_ID = 0x9F;
    static final int READ_STATUS_1 = 0x05;
    static final int READ_STATUS_2 = 0x35;
    static final int READ_STATUS_3 = 0x15;
    static final int READ_SFDP = 0x5A;

    static final int GIGADEVICE = 0xC8;
    static final int MEMORY_TYPE = 0x40;

    /** JESD216 SFDP header: "SFDP", revision 1.6, one parameter header (the basic table at 0x30). */
    private static final byte[] SFDP = {
        'S', 'F', 'D', 'P', 0x06, 0x01, 0x00, (byte) 0xFF,
        0x00, 0x06, 0x01, 0x10, 0x30, 0x00, 0x00, (byte) 0xFF,
    };

    private final int capacityCode;

    SpiNorIdentity(final long sizeBytes) {
        this.capacityCode = 63 - Long.numberOfLeadingZeros(sizeBytes);
    }

    /** The JEDEC id as the SPI peripheral's W0 holds it: first byte received in the low byte. */
    int jedecId() {
        return GIGADEVICE | MEMORY_TYPE << 8 | capacityCode << 16;
    }

    /**
     * The bits {@code command} reads back (up to 32, first byte lowest), or 0 for commands that
     * read nothing here (write enable, write status: the sim's status registers stay 0).
     */
    long answer(final int command, final long address, final int readBits) {
        final int bytes = Math.min(4, (readBits + 7) / 8);
        switch (command) {
            case READ_JEDEC_ID:
                return jedecId() & mask(bytes);
            case READ_SFDP:
                long value = 0;
                for (int i = 0; i < bytes; i++) {
                    final long at = address + i;
                    final int b = at < SFDP.length ? SFDP[(int) at] & 0xFF : 0xFF;
                    value |= (long) b << (8 * i);
                }
                return value;
            default:
                return 0;
        }
    }

    private static long mask(final int bytes) {
        return bytes >= 4 ? 0xFFFF_FFFFL : (1L << (8 * bytes)) - 1;
    }
}
