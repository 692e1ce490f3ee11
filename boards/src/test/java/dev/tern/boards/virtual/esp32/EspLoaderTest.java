package dev.tern.boards.virtual.esp32;

import dev.tern.boards.bootloader.esp.SlipDecoder;
import dev.tern.boards.bootloader.esp.Slip;
import dev.tern.boards.bootloader.esp.EspPacket;
import dev.tern.boards.bootloader.esp.EspOpcode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashMemory;

/** The loader as esptool's packets reach it, one frame at a time, answers decoded from its SLIP output. */
class EspLoaderTest {

    private static final int SECTOR = 4096;

    @TempDir
    Path folder;

    private FlashMemory flash;
    private Link link;
    private EspLoader loader;

    @BeforeEach
    void start() throws IOException {
        flash = FlashMemory.open(folder.resolve("flash.bin"), FlashGeometry.uniform(0, 64, SECTOR));
        link = new Link();
        loader = new EspLoader(flash, link, 115200);
    }

    @AfterEach
    void stop() throws IOException {
        flash.close();
    }

    @Test
    void syncIsAnsweredEightTimesWithTheRomValueAndFourStatusBytes() throws IOException {
        final byte[] sync = new byte[36];
        sync[0] = 0x07;
        sync[1] = 0x07;
        sync[2] = 0x12;
        sync[3] = 0x20;
        Arrays.fill(sync, 4, 36, (byte) 0x55);
        send(EspOpcode.SYNC, sync, 0);
        assertEquals(8, link.frames.size());
        for (final byte[] answer : link.frames) {
            // 01 | 08 | size 4 | value 0x20120707 | status 0, error 0, 0, 0
            assertArrayEquals(bytes(0x01, 0x08, 4, 0, 0x07, 0x07, 0x12, 0x20, 0, 0, 0, 0), answer);
        }
    }

    @Test
    void readRegOfTheChipDetectAddressAnswersTheEsp32Magic() throws IOException {
        send(EspOpcode.READ_REG, words(0x4000_1000L), 0);
        assertEquals(0x00F0_1D83L, EspPacket.u32(only(), 4));
    }

    @Test
    void getSecurityInfoAndUnknownCommandsAreInvalidMessagesOnTheRom() throws IOException {
        send(EspOpcode.GET_SECURITY_INFO, new byte[0], 0);
        assertArrayEquals(bytes(0x01, 0x14, 4, 0, 0, 0, 0, 0, 1, 0x05, 0, 0), only());
        link.frames.clear();
        send(0x77, new byte[0], 0);
        assertArrayEquals(bytes(0x01, 0x77, 4, 0, 0, 0, 0, 0, 1, 0x05, 0, 0), only());
    }

    @Test
    void theRomRefusesFlashCommandsBeforeSpiAttach() throws IOException {
        send(EspOpcode.FLASH_BEGIN, words(SECTOR, 4, 0x400, 0), 0);
        assertEquals(0x06, status(only())[1], "error 0x06 before SPI_ATTACH");
    }

    @Test
    void theRomErasesTheWholeRangeAtBeginAndRefusesABlockWithABadChecksum() throws IOException {
        program(SECTOR, 0x00);
        program(2 * SECTOR, 0x00);
        attach();
        send(EspOpcode.FLASH_BEGIN, words(2 * SECTOR, 8, 0x400, SECTOR), 0);
        assertEquals(0, status(only())[0]);
        assertEquals(0xFF, flash.read(2 * SECTOR), "the second sector was erased before the answer");
        link.frames.clear();
        final byte[] block = new byte[0x400];
        Arrays.fill(block, (byte) 0x5A);
        send(EspOpcode.FLASH_DATA, dataPayload(block, 0), EspPacket.checksum(block, 0, block.length) ^ 1);
        assertArrayEquals(new int[] {1, 0x07}, status(only()), "checksum error 0x07");
        assertEquals(0xFF, flash.read(SECTOR), "nothing written");
        link.frames.clear();
        send(EspOpcode.FLASH_DATA, dataPayload(block, 0), EspPacket.checksum(block, 0, block.length));
        assertArrayEquals(new int[] {0, 0}, status(only()));
        assertEquals(0x5A, flash.read(SECTOR));
    }

    @Test
    void theRomAnswersMd5AsHexTheStubAsSixteenRawBytes() throws IOException {
        attach();
        send(EspOpcode.SPI_FLASH_MD5, words(0, SECTOR, 0, 0), 0);
        final String expected = HexFormat.of().formatHex(md5(erased(SECTOR)));
        final byte[] rom = only();
        assertEquals(8 + 32 + 4, rom.length);
        assertEquals(expected, new String(rom, 8, 32, StandardCharsets.US_ASCII));
        startStub();
        send(EspOpcode.SPI_FLASH_MD5, words(0, SECTOR, 0, 0), 0);
        final byte[] stub = only();
        assertEquals(8 + 16 + 2, stub.length);
        assertArrayEquals(md5(erased(SECTOR)), Arrays.copyOfRange(stub, 8, 24));
    }

    @Test
    void aMemEndIntoUploadedCodeStartsTheStubWhichGreetsAndAnswersWithTwoStatusBytes() throws IOException {
        startStub();
        send(EspOpcode.FLASH_DATA, dataPayload(new byte[4], 0), EspPacket.checksum(new byte[4], 0, 4) ^ 1);
        assertArrayEquals(bytes(0x01, 0x03, 2, 0, 0, 0, 0, 0, 0xC1, 0), only(), "stub: bad checksum 0xC1, 2 status bytes");
        assertTrue(loader.isStub());
    }

    @Test
    void theStubInflatesCompressedBlocksErasingEachSectorAsItIsReached() throws IOException {
        program(4 * SECTOR, 0x00); // past the image (sectors 1..3): the stub must not erase it
        startStub();
        final byte[] image = new byte[2 * SECTOR + 100];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i * 7);
        }
        final Deflater deflater = new Deflater(9);
        deflater.setInput(image);
        deflater.finish();
        final byte[] compressed = new byte[image.length + 64];
        final int length = deflater.deflate(compressed);
        deflater.end();
        send(EspOpcode.FLASH_DEFL_BEGIN, words(image.length, 1, 0x4000, SECTOR, 0), 0);
        final byte[] block = Arrays.copyOf(compressed, length);
        send(EspOpcode.FLASH_DEFL_DATA, dataPayload(block, 0), EspPacket.checksum(block, 0, block.length));
        send(EspOpcode.FLASH_DEFL_END, words(1), 0);
        for (final byte[] answer : link.frames) {
            assertArrayEquals(new int[] {0, 0}, status(answer));
        }
        final byte[] stored = new byte[image.length];
        flash.read(SECTOR, stored, 0, stored.length);
        assertArrayEquals(image, stored);
        assertEquals(0xFF, flash.read(4 * SECTOR - 1), "the rest of the image's last sector was erased");
        assertEquals(0x00, flash.read(4 * SECTOR), "the sector after the image was not erased");
    }

    @Test
    void changeBaudIsAnsweredBeforeTheLineSwitches() throws IOException {
        send(EspOpcode.CHANGE_BAUDRATE, words(921_600, 0), 0);
        assertEquals(List.of("transmit", "baud 921600"), link.events);
    }

    private void attach() throws IOException {
        send(EspOpcode.SPI_ATTACH, words(0, 0), 0);
        link.frames.clear();
    }

    private void startStub() throws IOException {
        final byte[] code = new byte[16];
        send(EspOpcode.MEM_BEGIN, words(code.length, 1, 0x1800, 0x400A_8000L), 0);
        send(EspOpcode.MEM_DATA, dataPayload(code, 0), EspPacket.checksum(code, 0, code.length));
        send(EspOpcode.MEM_END, words(0, 0x400A_8004L), 0);
        assertArrayEquals("OHAI".getBytes(StandardCharsets.US_ASCII), link.frames.get(link.frames.size() - 1));
        link.frames.clear();
    }

    private void program(final long address, final int value) throws IOException {
        final byte[] bytes = new byte[SECTOR];
        Arrays.fill(bytes, (byte) value);
        flash.program(address, bytes, 0, bytes.length);
    }

    private void send(final int op, final byte[] data, final int checksum) throws IOException {
        final byte[] packet = new byte[8 + data.length];
        packet[1] = (byte) op;
        packet[2] = (byte) data.length;
        packet[3] = (byte) (data.length >>> 8);
        EspPacket.putU32(packet, 4, checksum);
        System.arraycopy(data, 0, packet, 8, data.length);
        final byte[] wire = new byte[Slip.encodedCapacity(packet.length)];
        final int length = Slip.encode(packet, 0, packet.length, wire);
        for (int i = 0; i < length; i++) {
            loader.accept(wire[i] & 0xFF);
        }
    }

    private byte[] only() {
        assertEquals(1, link.frames.size(), "one answer");
        return link.frames.get(0);
    }

    /** The answer's status and error bytes: the first two of its status (4 bytes from the ROM, 2 from the stub). */
    private int[] status(final byte[] answer) {
        final int at = answer.length - (loader.isStub() ? 2 : 4);
        return new int[] {answer[at] & 0xFF, answer[at + 1] & 0xFF};
    }

    private static byte[] dataPayload(final byte[] block, final int seq) {
        final byte[] payload = new byte[16 + block.length];
        EspPacket.putU32(payload, 0, block.length);
        EspPacket.putU32(payload, 4, seq);
        System.arraycopy(block, 0, payload, 16, block.length);
        return payload;
    }

    private static byte[] words(final long... values) {
        final byte[] bytes = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            EspPacket.putU32(bytes, 4 * i, values[i]);
        }
        return bytes;
    }

    private static byte[] bytes(final int... values) {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] erased(final int length) {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 0xFF);
        return bytes;
    }

    private static byte[] md5(final byte[] data) {
        return EspLoader.md5().digest(data);
    }

    /** Decodes what the loader transmits into frames; records the order of transmits and baud changes. */
    private static final class Link implements LoaderLink {
        final List<byte[]> frames = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        private final SlipDecoder decoder = new SlipDecoder(64 * 1024);

        @Override
        public void transmit(final byte[] bytes, final int offset, final int length) {
            events.add("transmit");
            for (int i = 0; i < length; i++) {
                if (decoder.accept(bytes[offset + i] & 0xFF)) {
                    frames.add(Arrays.copyOf(decoder.frame(), decoder.length()));
                }
            }
        }

        @Override
        public void changeBaud(final int baud) {
            events.add("baud " + baud);
        }
    }
}
