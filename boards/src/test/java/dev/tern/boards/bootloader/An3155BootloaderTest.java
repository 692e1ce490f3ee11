package dev.tern.boards.bootloader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.definition.EraseCommand;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.flash.PowerLostException;

/** Every AN3155 command with its exact bytes, and the NACK cases. ACK = 0x79, NACK = 0x1F. */
class An3155BootloaderTest {

    private static final int K = 1024;
    private static final int ACK = 0x79;
    private static final int NACK = 0x1F;
    /** STM32F746: 4 x 32 KB, 1 x 128 KB, 3 x 256 KB from 0x08000000. */
    static final FlashGeometry F746 = new FlashGeometry(0x0800_0000L,
            new int[] {32 * K, 32 * K, 32 * K, 32 * K, 128 * K, 256 * K, 256 * K, 256 * K});
    private static final long FLASH = 0x0800_0000L;
    private static final long RAM = 0x2000_4000L;

    @TempDir
    Path folder;

    private final AtomicLong now = new AtomicLong(1_000);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private FlashMemory flash;
    private An3155Bootloader bootloader;

    private An3155Bootloader boot(final BootloaderConfig config) throws IOException {
        if (flash == null) {
            flash = FlashMemory.open(folder.resolve("flash.bin"), F746);
        }
        bootloader = new An3155Bootloader(config.interByteTimeout(config.interByteTimeoutMs(), now::get), flash, out);
        return bootloader;
    }

    /** PID 0x449, EXTENDED_ERASE, version 0x31, 0x4C000 bytes of RAM at 0x20004000; synced. */
    private An3155Bootloader f746() throws IOException {
        boot(BootloaderConfig.of(0x449, EraseCommand.EXTENDED_ERASE).ram(RAM, 0x4_C000));
        assertReply(bytes(0x7F), ACK);
        return bootloader;
    }

    @AfterEach
    void closeFlash() throws IOException {
        if (flash != null) {
            flash.close();
        }
    }

    private static byte[] bytes(final int... values) {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** Sends {@code host} and checks that the device answered exactly {@code device}. */
    private void assertReply(final byte[] host, final int... device) throws IOException {
        for (final byte b : host) {
            bootloader.accept(b & 0xFF);
        }
        assertArrayEquals(bytes(device), out.toByteArray(), "answer to " + hex(host) + " was " + hex(out.toByteArray()));
        out.reset();
    }

    private static String hex(final byte[] bytes) {
        final StringBuilder text = new StringBuilder();
        for (final byte b : bytes) {
            text.append(String.format("%02X ", b & 0xFF));
        }
        return text.toString().trim();
    }

    private byte[] flashAt(final long address, final int length) throws IOException {
        final byte[] read = new byte[length];
        flash.read(address, read, 0, length);
        return read;
    }

    private static byte[] filled(final int length, final int value) {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    // ---- sync ----

    @Test
    void syncIsAcknowledgedAndASecondSyncIsRefused() throws IOException {
        boot(BootloaderConfig.of(0x449, EraseCommand.EXTENDED_ERASE));
        assertFalse(bootloader.isSynced());
        assertReply(bytes(0x7F), ACK);
        assertTrue(bootloader.isSynced());
        assertReply(bytes(0x7F), NACK);
    }

    @Test
    void bytesBeforeTheSyncAreIgnored() throws IOException {
        boot(BootloaderConfig.of(0x449, EraseCommand.EXTENDED_ERASE));
        assertReply(bytes(0x00, 0xFF, 0x02, 0xFD));
        assertReply(bytes(0x7F), ACK);
    }

    // ---- GET, GET_VERSION, GET_ID ----

    @Test
    void getListsTheVersionAndTheCommandsWithExtendedErase() throws IOException {
        f746();
        assertReply(bytes(0x00, 0xFF), // GET, complement
                ACK,
                0x0B,             // N = 12 bytes follow - 1
                0x31,             // bootloader version 3.1
                0x00, 0x01, 0x02, // GET, GET_VERSION, GET_ID
                0x11, 0x21, 0x31, // READ_MEMORY, GO, WRITE_MEMORY
                0x44,             // EXTENDED_ERASE (and not ERASE)
                0x63, 0x73,       // WRITE_PROTECT, WRITE_UNPROTECT
                0x82, 0x92,       // READOUT_PROTECT, READOUT_UNPROTECT
                ACK);
    }

    @Test
    void getListsEraseAndGetChecksumWhenTheBoardHasThem() throws IOException {
        boot(BootloaderConfig.of(0x410, EraseCommand.ERASE).version(0x33).getChecksum(true));
        assertReply(bytes(0x7F), ACK);
        assertReply(bytes(0x00, 0xFF), // GET, complement
                ACK,
                0x0C,             // N = 13 bytes follow - 1
                0x33,             // bootloader version 3.3
                0x00, 0x01, 0x02, 0x11, 0x21, 0x31,
                0x43,             // ERASE (and not EXTENDED_ERASE)
                0x63, 0x73, 0x82, 0x92,
                0xA1,             // GET_CHECKSUM
                ACK);
    }

    @Test
    void getVersionAnswersTheVersionAndTwoOptionBytes() throws IOException {
        f746();
        assertReply(bytes(0x01, 0xFE), // GET_VERSION, complement
                ACK,
                0x31,       // version 3.1
                0x00, 0x00, // option bytes 1 and 2 (0x00 for compatibility)
                ACK);
    }

    @Test
    void getIdAnswersTheTwoBytePid() throws IOException {
        f746();
        assertReply(bytes(0x02, 0xFD), // GET_ID, complement
                ACK,
                0x01,       // N = 2 bytes follow - 1
                0x04, 0x49, // PID 0x449 (STM32F74x/75x), MSB first
                ACK);
    }

    // ---- READ_MEMORY ----

    @Test
    void readMemoryAnswersTheBytesAtTheAddress() throws IOException {
        f746();
        flash.program(FLASH + 0x100, bytes(0xDE, 0xAD, 0xBE, 0xEF), 0, 4);
        assertReply(bytes(0x11, 0xEE), ACK);                     // READ_MEMORY, complement
        assertReply(bytes(0x08, 0x00, 0x01, 0x00, 0x09), ACK);   // 0x08000100, XOR = 0x09
        assertReply(bytes(0x04, 0xFB),                           // N = 5 bytes - 1, complement
                ACK, 0xDE, 0xAD, 0xBE, 0xEF, 0xFF);             // ACK, then N + 1 bytes
    }

    @Test
    void readMemoryReadsTheLastBytesOfTheFlashAndAnUnalignedAddress() throws IOException {
        f746();
        assertReply(bytes(0x11, 0xEE), ACK);
        assertReply(bytes(0x08, 0x0F, 0xFF, 0xFF, 0x07), ACK);   // 0x080FFFFF, XOR = 0x07
        assertReply(bytes(0x00, 0xFF), ACK, 0xFF);               // N = 1 byte - 1
    }

    @Test
    void readMemoryIsRefusedForABadAddressChecksum() throws IOException {
        f746();
        assertReply(bytes(0x11, 0xEE), ACK);
        assertReply(bytes(0x08, 0x00, 0x00, 0x00, 0x00), NACK); // XOR should be 0x08
    }

    @Test
    void readMemoryIsRefusedOutsideTheMemoryMap() throws IOException {
        f746();
        assertReply(bytes(0x11, 0xEE), ACK);
        assertReply(bytes(0x08, 0x10, 0x00, 0x00, 0x18), NACK); // 0x08100000: just past the flash
        assertReply(bytes(0x11, 0xEE), ACK);
        assertReply(bytes(0x1F, 0xFF, 0x00, 0x00, 0xE0), NACK); // 0x1FFF0000: option bytes, not served
        assertReply(bytes(0x11, 0xEE), ACK);
        assertReply(bytes(0x20, 0x00, 0x00, 0x00, 0x20), NACK); // 0x20000000: RAM the ROM code keeps
    }

    @Test
    void readMemoryIsRefusedForABadCountComplementOrARangePastTheEnd() throws IOException {
        f746();
        assertReply(bytes(0x11, 0xEE), ACK);
        assertReply(bytes(0x08, 0x00, 0x00, 0x00, 0x08), ACK);
        assertReply(bytes(0x03, 0xFF), NACK);                   // complement should be 0xFC
        assertReply(bytes(0x11, 0xEE), ACK);
        assertReply(bytes(0x08, 0x0F, 0xFF, 0xFC, 0x04), ACK);  // 0x080FFFFC: 4 bytes before the end
        assertReply(bytes(0x07, 0xF8), NACK);                   // 8 bytes would pass the end
    }

    // ---- WRITE_MEMORY ----

    @Test
    void writeMemoryProgramsTheFlash() throws IOException {
        f746();
        assertReply(bytes(0x31, 0xCE), ACK);                      // WRITE_MEMORY, complement
        assertReply(bytes(0x08, 0x00, 0x80, 0x00, 0x88), ACK);    // 0x08008000 (sector 1), XOR = 0x88
        assertReply(bytes(0x03,                                   // N = 4 bytes - 1
                0xDE, 0xAD, 0xBE, 0xEF,                           // data
                0x03 ^ 0xDE ^ 0xAD ^ 0xBE ^ 0xEF), ACK);          // XOR of N and the data
        assertArrayEquals(bytes(0xDE, 0xAD, 0xBE, 0xEF), flashAt(FLASH + 0x8000, 4));
        assertArrayEquals(filled(4, 0xFF), flashAt(FLASH + 0x8004, 4));
    }

    @Test
    void writeMemoryOnProgrammedFlashOnlyClearsBits() throws IOException {
        f746();
        flash.program(FLASH, bytes(0xF0, 0xF0, 0xF0, 0xF0), 0, 4);
        assertReply(bytes(0x31, 0xCE), ACK);
        assertReply(bytes(0x08, 0x00, 0x00, 0x00, 0x08), ACK);
        assertReply(bytes(0x03, 0x3C, 0x3C, 0x3C, 0x3C, 0x03), ACK); // XOR: 0x03 ^ 0x3C x4 = 0x03
        assertArrayEquals(bytes(0x30, 0x30, 0x30, 0x30), flashAt(FLASH, 4));
    }

    @Test
    void writeMemoryTakes256BytesAtOnce() throws IOException {
        f746();
        final byte[] data = new byte[256];
        int xor = 0xFF; // N = 255
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
            xor ^= data[i] & 0xFF;
        }
        assertReply(bytes(0x31, 0xCE), ACK);
        assertReply(bytes(0x08, 0x02, 0x00, 0x00, 0x0A), ACK);   // 0x08020000 (sector 4)
        final byte[] frame = new byte[258];
        frame[0] = (byte) 0xFF;                                  // N = 256 bytes - 1
        System.arraycopy(data, 0, frame, 1, 256);
        frame[257] = (byte) xor;
        assertReply(frame, ACK);
        assertArrayEquals(data, flashAt(FLASH + 0x2_0000, 256));
    }

    @Test
    void writeMemoryToRamAndReadItBack() throws IOException {
        f746();
        assertReply(bytes(0x31, 0xCE), ACK);
        assertReply(bytes(0x20, 0x00, 0x40, 0x00, 0x60), ACK);   // 0x20004000, XOR = 0x60
        assertReply(bytes(0x03, 0x01, 0x02, 0x03, 0x04, 0x07), ACK);
        assertReply(bytes(0x11, 0xEE), ACK);
        assertReply(bytes(0x20, 0x00, 0x40, 0x00, 0x60), ACK);
        assertReply(bytes(0x03, 0xFC), ACK, 0x01, 0x02, 0x03, 0x04);
    }

    @Test
    void writeMemoryIsRefusedForABadChecksum() throws IOException {
        f746();
        assertReply(bytes(0x31, 0xCE), ACK);
        assertReply(bytes(0x08, 0x00, 0x00, 0x00, 0x08), ACK);
        assertReply(bytes(0x03, 0x01, 0x02, 0x03, 0x04, 0x00), NACK); // XOR should be 0x07
        assertArrayEquals(filled(4, 0xFF), flashAt(FLASH, 4), "nothing programmed");
    }

    @Test
    void writeMemoryIsRefusedForAnUnalignedAddress() throws IOException {
        f746();
        assertReply(bytes(0x31, 0xCE), ACK);
        assertReply(bytes(0x08, 0x00, 0x00, 0x02, 0x0A), NACK);  // 0x08000002: not 4-byte aligned
    }

    @Test
    void writeMemoryIsRefusedForALengthThatIsNotWholeWords() throws IOException {
        f746();
        assertReply(bytes(0x31, 0xCE), ACK);
        assertReply(bytes(0x08, 0x00, 0x00, 0x00, 0x08), ACK);
        assertReply(bytes(0x02, 0x01, 0x02, 0x03, 0x02), NACK);  // N = 3 bytes - 1
    }

    @Test
    void writeMemoryIsRefusedWhenTheBlockRunsPastTheFlash() throws IOException {
        f746();
        assertReply(bytes(0x31, 0xCE), ACK);
        assertReply(bytes(0x08, 0x0F, 0xFF, 0xFC, 0x04), ACK);   // 0x080FFFFC: last word
        assertReply(bytes(0x07, 1, 2, 3, 4, 5, 6, 7, 8, 0x07 ^ 1 ^ 2 ^ 3 ^ 4 ^ 5 ^ 6 ^ 7 ^ 8), NACK); // 8 bytes: too long
        assertArrayEquals(filled(4, 0xFF), flashAt(FLASH + 0xF_FFFC, 4));
    }

    @Test
    void writeMemoryIsRefusedOutsideTheMemoryMap() throws IOException {
        f746();
        assertReply(bytes(0x31, 0xCE), ACK);
        assertReply(bytes(0x1F, 0xFF, 0x00, 0x00, 0xE0), NACK);  // 0x1FFF0000: option bytes
    }

    // ---- EXTENDED_ERASE ----

    private void programEverySector() throws IOException {
        for (int page = 0; page < F746.pageCount(); page++) {
            flash.program(F746.pageAddress(page), bytes(0, 0, 0, 0), 0, 4);
            flash.program(F746.pageAddress(page) + F746.pageSize(page) - 4, bytes(0, 0, 0, 0), 0, 4);
        }
    }

    private void assertErased(final boolean... erased) throws IOException {
        for (int page = 0; page < erased.length; page++) {
            final int expected = erased[page] ? 0xFF : 0x00;
            assertArrayEquals(filled(4, expected), flashAt(F746.pageAddress(page), 4), "start of sector " + page);
            assertArrayEquals(filled(4, expected), flashAt(F746.pageAddress(page) + F746.pageSize(page) - 4, 4), "end of sector " + page);
        }
    }

    @Test
    void extendedEraseErasesTheListedSectorsOfMixedSizes() throws IOException {
        f746();
        programEverySector();
        assertReply(bytes(0x44, 0xBB), ACK);                     // EXTENDED_ERASE, complement
        assertReply(bytes(0x00, 0x01,                            // N = 2 pages - 1, MSB first
                0x00, 0x03,                                      // sector 3 (32 KB)
                0x00, 0x05,                                      // sector 5 (256 KB)
                0x00 ^ 0x01 ^ 0x00 ^ 0x03 ^ 0x00 ^ 0x05), ACK);  // XOR of all bytes = 0x07
        assertErased(false, false, false, true, false, true, false, false);
    }

    @Test
    void extendedEraseFfffIsAMassErase() throws IOException {
        f746();
        programEverySector();
        assertReply(bytes(0x44, 0xBB), ACK);
        assertReply(bytes(0xFF, 0xFF, 0x00), ACK);               // 0xFFFF, XOR = 0x00
        assertErased(true, true, true, true, true, true, true, true);
    }

    @Test
    void extendedEraseBankCodesAreRefusedOnASingleBankFlash() throws IOException {
        f746();
        programEverySector();
        assertReply(bytes(0x44, 0xBB), ACK);
        assertReply(bytes(0xFF, 0xFE, 0x01), NACK);              // 0xFFFE: bank 1
        assertReply(bytes(0x44, 0xBB), ACK);
        assertReply(bytes(0xFF, 0xFD, 0x02), NACK);              // 0xFFFD: bank 2
        assertErased(false, false, false, false, false, false, false, false);
    }

    @Test
    void extendedEraseBankCodesEraseOneBankOfADualBankFlash() throws IOException {
        boot(BootloaderConfig.of(0x449, EraseCommand.EXTENDED_ERASE).dualBank(5));
        assertReply(bytes(0x7F), ACK);
        programEverySector();
        assertReply(bytes(0x44, 0xBB), ACK);
        assertReply(bytes(0xFF, 0xFD, 0x02), ACK);               // 0xFFFD: bank 2 (sectors 5..7 here)
        assertErased(false, false, false, false, false, true, true, true);
        assertReply(bytes(0x44, 0xBB), ACK);
        assertReply(bytes(0xFF, 0xFE, 0x01), ACK);               // 0xFFFE: bank 1 (sectors 0..4)
        assertErased(true, true, true, true, true, true, true, true);
    }

    @Test
    void extendedEraseReservedCodesBadPagesAndBadChecksumsAreRefused() throws IOException {
        f746();
        programEverySector();
        assertReply(bytes(0x44, 0xBB), ACK);
        assertReply(bytes(0xFF, 0xF0, 0x0F), NACK);              // 0xFFF0: reserved
        assertReply(bytes(0x44, 0xBB), ACK);
        assertReply(bytes(0x00, 0x00, 0x00, 0x08, 0x08), NACK);  // sector 8 does not exist
        assertReply(bytes(0x44, 0xBB), ACK);
        assertReply(bytes(0x00, 0x00, 0x00, 0x01, 0x00), NACK);  // XOR should be 0x01
        assertReply(bytes(0x44, 0xBB), ACK);
        assertReply(bytes(0xFF, 0xFF, 0xFF), NACK);              // mass erase, XOR should be 0x00
        assertErased(false, false, false, false, false, false, false, false);
    }

    // ---- ERASE (0x43) ----

    @Test
    void eraseErasesTheListedPages() throws IOException {
        boot(BootloaderConfig.of(0x449, EraseCommand.ERASE));
        assertReply(bytes(0x7F), ACK);
        programEverySector();
        assertReply(bytes(0x43, 0xBC), ACK);                     // ERASE, complement
        assertReply(bytes(0x01,                                  // N = 2 pages - 1
                0x00, 0x04,                                      // pages 0 and 4
                0x01 ^ 0x00 ^ 0x04), ACK);                       // XOR = 0x05
        assertErased(true, false, false, false, true, false, false, false);
    }

    @Test
    void eraseFfIsAGlobalErase() throws IOException {
        boot(BootloaderConfig.of(0x449, EraseCommand.ERASE));
        assertReply(bytes(0x7F), ACK);
        programEverySector();
        assertReply(bytes(0x43, 0xBC), ACK);
        assertReply(bytes(0xFF, 0x00), ACK);                     // 0xFF = global, then 0x00
        assertErased(true, true, true, true, true, true, true, true);
    }

    @Test
    void eraseIsRefusedForABadChecksumOrPage() throws IOException {
        boot(BootloaderConfig.of(0x449, EraseCommand.ERASE));
        assertReply(bytes(0x7F), ACK);
        programEverySector();
        assertReply(bytes(0x43, 0xBC), ACK);
        assertReply(bytes(0x00, 0x01, 0x00), NACK);              // XOR should be 0x01
        assertReply(bytes(0x43, 0xBC), ACK);
        assertReply(bytes(0x00, 0x09, 0x09), NACK);              // page 9 does not exist
        assertReply(bytes(0x43, 0xBC), ACK);
        assertReply(bytes(0xFF, 0xFF), NACK);                    // global, complement should be 0x00
        assertErased(false, false, false, false, false, false, false, false);
    }

    @Test
    void theEraseCommandTheBoardLacksIsRefused() throws IOException {
        f746();
        assertReply(bytes(0x43, 0xBC), NACK);                    // ERASE on an EXTENDED_ERASE part
        boot(BootloaderConfig.of(0x410, EraseCommand.ERASE));
        assertReply(bytes(0x7F), ACK);
        assertReply(bytes(0x44, 0xBB), NACK);                    // and the other way round
    }

    // ---- GO ----

    @Test
    void goAcknowledgesAndHandsTheAddressBack() throws IOException {
        f746();
        assertReply(bytes(0x21, 0xDE), ACK);                     // GO, complement
        final byte[] address = bytes(0x08, 0x00, 0x80, 0x00, 0x88); // 0x08008000, XOR = 0x88
        for (int i = 0; i < 4; i++) {
            assertFalse(bootloader.accept(address[i] & 0xFF));
        }
        assertTrue(bootloader.accept(address[4] & 0xFF), "the last byte completes the GO");
        assertArrayEquals(bytes(ACK), out.toByteArray());
        assertEquals(0x0800_8000L, bootloader.goAddress());
    }

    @Test
    void goIsRefusedOutsideTheMemoryMapOrForABadChecksum() throws IOException {
        f746();
        assertReply(bytes(0x21, 0xDE), ACK);
        assertReply(bytes(0x00, 0x00, 0x00, 0x00, 0x00), NACK);  // 0x00000000: not served
        assertReply(bytes(0x21, 0xDE), ACK);
        assertReply(bytes(0x08, 0x00, 0x00, 0x00, 0x00), NACK);  // XOR should be 0x08
        assertEquals(An3155Bootloader.NO_JUMP, bootloader.goAddress());
    }

    @Test
    void serveReturnsTheGoAddressOrNoJumpWhenTheInputEnds() throws IOException {
        f746();
        out.reset();
        final ByteArrayInputStream host = new ByteArrayInputStream(bytes(
                0x02, 0xFD,                     // GET_ID
                0x21, 0xDE,                     // GO
                0x20, 0x00, 0x40, 0x00, 0x60,   // 0x20004000 (RAM)
                0x55));                         // not consumed: it belongs to whatever runs next
        assertEquals(0x2000_4000L, bootloader.serve(host));
        assertEquals(1, host.available());
        assertArrayEquals(bytes(ACK, 0x01, 0x04, 0x49, ACK, ACK, ACK), out.toByteArray());
        assertEquals(An3155Bootloader.NO_JUMP, bootloader.serve(new ByteArrayInputStream(bytes(0x01, 0xFE))));
    }

    // ---- GET_CHECKSUM ----

    @Test
    void getChecksumAnswersTheCrcOfTheArea() throws IOException {
        boot(BootloaderConfig.of(0x449, EraseCommand.EXTENDED_ERASE).version(0x33).getChecksum(true));
        assertReply(bytes(0x7F), ACK);
        flash.program(FLASH, bytes(0x78, 0x56, 0x34, 0x12), 0, 4); // the word 0x12345678
        assertReply(bytes(0xA1, 0x5E), ACK);                       // GET_CHECKSUM, complement
        assertReply(bytes(0x08, 0x00, 0x00, 0x00, 0x08), ACK);     // start address 0x08000000, XOR
        assertReply(bytes(0x00, 0x00, 0x00, 0x04, 0x04), ACK);     // size 4 bytes, XOR
        assertReply(bytes(0x04, 0xC1, 0x1D, 0xB7, 0x04 ^ 0xC1 ^ 0x1D ^ 0xB7), ACK); // polynomial 0x04C11DB7, XOR
        assertReply(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x00),           // initial value 0xFFFFFFFF, XOR
                ACK,
                0xDF, 0x8A, 0x8A, 0x2B,                            // CRC 0xDF8A8A2B, MSB first
                0xDF ^ 0x8A ^ 0x8A ^ 0x2B);                        // XOR of the CRC bytes
    }

    @Test
    void getChecksumIsRefusedForABadSizeOrWhenNotServed() throws IOException {
        boot(BootloaderConfig.of(0x449, EraseCommand.EXTENDED_ERASE).version(0x33).getChecksum(true));
        assertReply(bytes(0x7F), ACK);
        assertReply(bytes(0xA1, 0x5E), ACK);
        assertReply(bytes(0x08, 0x00, 0x00, 0x00, 0x08), ACK);
        assertReply(bytes(0x00, 0x00, 0x00, 0x06, 0x06), NACK);    // 6 bytes: not whole words
        assertReply(bytes(0xA1, 0x5E), ACK);
        assertReply(bytes(0x08, 0x0F, 0xFF, 0xFC, 0x04), ACK);     // last word
        assertReply(bytes(0x00, 0x00, 0x00, 0x08, 0x08), NACK);    // 8 bytes pass the end
        f746();                                                    // version 3.1: no GET_CHECKSUM
        assertReply(bytes(0xA1, 0x5E), NACK);
    }

    // ---- refused commands ----

    @Test
    void writeAndReadoutProtectionCommandsAreRefused() throws IOException {
        f746();
        assertReply(bytes(0x63, 0x9C), NACK);                      // WRITE_PROTECT
        assertReply(bytes(0x73, 0x8C), NACK);                      // WRITE_UNPROTECT
        assertReply(bytes(0x82, 0x7D), NACK);                      // READOUT_PROTECT
        assertReply(bytes(0x92, 0x6D), NACK);                      // READOUT_UNPROTECT
    }

    @Test
    void unknownCommandsAndBadComplementsAreRefusedAndTheBootloaderCarriesOn() throws IOException {
        f746();
        assertReply(bytes(0x55, 0xAA), NACK);                      // no such command
        assertReply(bytes(0x00, 0x00), NACK);                      // GET with complement 0x00
        assertReply(bytes(0x02, 0xFD), ACK, 0x01, 0x04, 0x49, ACK); // still in step
    }

    // ---- inter-byte timeout ----

    @Test
    void aPauseInsideACommandDropsItAndTheNextByteStartsANewOne() throws IOException {
        f746();
        assertReply(bytes(0x11, 0xEE), ACK);                       // READ_MEMORY
        assertReply(bytes(0x08, 0x00));                            // half an address, then silence
        now.addAndGet(BootloaderConfig.DEFAULT_INTER_BYTE_TIMEOUT_MS + 1);
        assertReply(bytes(0x02, 0xFD), ACK, 0x01, 0x04, 0x49, ACK); // GET_ID, answered as a new command
    }

    @Test
    void aPauseUpToTheTimeoutKeepsTheCommand() throws IOException {
        f746();
        assertReply(bytes(0x11, 0xEE), ACK);
        assertReply(bytes(0x08, 0x00));
        now.addAndGet(BootloaderConfig.DEFAULT_INTER_BYTE_TIMEOUT_MS);
        assertReply(bytes(0x00, 0x00, 0x08), ACK);                 // the rest of 0x08000000
    }

    @Test
    void aZeroTimeoutWaitsForever() throws IOException {
        boot(BootloaderConfig.of(0x449, EraseCommand.EXTENDED_ERASE).interByteTimeout(0, now::get));
        assertReply(bytes(0x7F), ACK);
        assertReply(bytes(0x02));
        now.addAndGet(3_600_000);
        assertReply(bytes(0xFD), ACK, 0x01, 0x04, 0x49, ACK);
    }

    // ---- power ----

    @Test
    void aPowerCutDuringWriteMemoryLeavesAPartlyProgrammedPage() throws IOException {
        f746();
        assertReply(bytes(0x31, 0xCE), ACK);
        assertReply(bytes(0x08, 0x00, 0x00, 0x00, 0x08), ACK);
        final byte[] data = new byte[16];
        int xor = 0x0F;                                            // N = 16 bytes - 1
        for (int i = 0; i < 16; i++) {
            data[i] = (byte) (0x10 + i);
            xor ^= data[i];
        }
        final byte[] frame = new byte[18];
        frame[0] = 0x0F;
        System.arraycopy(data, 0, frame, 1, 16);
        frame[17] = (byte) xor;
        flash.cutPowerAfter(10);
        for (int i = 0; i < 17; i++) {
            bootloader.accept(frame[i] & 0xFF);
        }
        assertThrows(PowerLostException.class, () -> bootloader.accept(frame[17] & 0xFF));
        assertArrayEquals(new byte[0], out.toByteArray(), "no ACK: the power went during programming");
        flash.close();
        try (FlashMemory fresh = FlashMemory.open(folder.resolve("flash.bin"), F746)) {
            final byte[] expected = filled(20, 0xFF);
            System.arraycopy(data, 0, expected, 0, 10);           // 10 bytes programmed
            expected[10] = 0x1F;                                   // 0x1A at the cut: upper bits only
            final byte[] read = new byte[20];
            fresh.read(FLASH, read, 0, 20);
            assertArrayEquals(expected, read);
        }
        flash = null;
    }
}
