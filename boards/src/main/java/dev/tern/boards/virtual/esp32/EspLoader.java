package dev.tern.boards.virtual.esp32;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.tern.boards.bootloader.esp.Slip;
import dev.tern.boards.bootloader.esp.SlipDecoder;
import dev.tern.boards.flash.FlashFailedException;
import dev.tern.boards.flash.FlashMemory;

import static dev.tern.boards.bootloader.esp.EspOpcode.*;
import static dev.tern.boards.bootloader.esp.EspPacket.*;
import static dev.tern.boards.virtual.esp32.EspCommand.*;

/**
 * The ESP32's UART download mode: the ROM loader, and the flasher stub once one is uploaded.
 * Bytes from the host go in through {@link #accept}; answers go out through the
 * {@link LoaderLink}. The stub is never run: a MEM_END that jumps into code uploaded with
 * MEM_BEGIN/MEM_DATA is taken as esptool's stub starting (the only RAM code a flasher uploads),
 * and from then on the loader answers as the stub does:
 *
 * <pre>
 *                      ROM                                stub
 *  status bytes        4 (status, error, 0, 0)            2 (status, error)
 *  errors              status 1, error 0x05..0x0D         status 0xC0..0xC9 / 0xFF, error 0
 *  SYNC value          0x20120707                         0
 *  SPI_FLASH_MD5       32 hex characters                  16 raw bytes
 *  FLASH_BEGIN         4 words, erases all first          5 words, erases as it writes
 *  FLASH_DEFL_BEGIN    size rounded up to blocks          exact size
 *  CHANGE_BAUDRATE     (new, 0)                           (new, old)
 *  READ_FLASH          READ_FLASH_SLOW, 64 B a command    READ_FLASH: windowed frames + MD5
 *  ERASE_FLASH/REGION  invalid message                    served
 *  first frame         -                                  "OHAI", unasked
 * </pre>
 *
 * The ESP32 ROM needs SPI_ATTACH before it touches the flash; without it the sim answers flash
 * commands with error 0x06 ("running result wrong"). A board reset makes a new loader (ROM).
 */
public final class EspLoader {

    /** {@link #accept} results: keep serving; reboot (FLASH_END 0); run the app (FLASH_END 1, ROM). */
    public static final int STAY = 0;
    public static final int REBOOT = 1;
    public static final int RUN_APP = 2;

    private static final int MAX_FRAME = 0x4000 + 1024;
    private static final int MAX_READ_PACKET = 0x4000;
    private static final int ROM_READ_BLOCK = 64;

    private final FlashMemory flash;
    private final Esp32Registers registers;
    private final LoaderLink link;
    private final SlipDecoder decoder = new SlipDecoder(MAX_FRAME);
    private final byte[] response = new byte[HEADER_LENGTH + MAX_READ_PACKET + 16];
    private final byte[] encoded = new byte[Slip.encodedCapacity(HEADER_LENGTH + MAX_READ_PACKET + 16)];
    private final byte[][] packetOut = new byte[1][];

    private boolean stub;
    private boolean attached;
    private FlashWrite write;
    private StubFlashRead reading;
    /** What MEM_BEGIN/MEM_DATA put into RAM since reset. */
    private final EspRamUpload uploaded = new EspRamUpload();

    /** A ROM loader in download mode on {@code flash}, its UART at {@code baud}. */
    public EspLoader(final FlashMemory flash, final LoaderLink link, final int baud) {
        this.flash = flash;
        this.link = link;
        this.registers = new Esp32Registers(new SpiNorIdentity(flash.geometry().size()), Esp32Registers.STRAP_DOWNLOAD, baud);
    }

    /** What the host uploaded to RAM since reset (the stub's segments and entry once it started). */
    public EspRamUpload ramUpload() {
        return uploaded;
    }

    /** Whether the stub answers (after a stub upload). */
    public boolean isStub() {
        return stub;
    }

    /** One byte from the host: {@link #STAY}, {@link #REBOOT} or {@link #RUN_APP}. */
    public int accept(final int b) throws IOException {
        if (!decoder.accept(b)) {
            return STAY;
        }
        final byte[] frame = decoder.frame();
        final int length = decoder.length();
        if (reading != null) {
            if (length == 4) {
                reading.acknowledged(u32(frame, 0));
            }
            poll();
            return STAY;
        }
        if (length < HEADER_LENGTH || REQUEST != frame[DIRECTION_OFFSET]) {
            return STAY; // not a command: the ROM ignores it
        }
        final int op = frame[OP_OFFSET] & 0xFF;
        final int size = u16(frame, SIZE_OFFSET);
        if (size != length - HEADER_LENGTH) {
            fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
            return STAY;
        }
        try {
            return command(op, frame, (int) u32(frame, CHECKSUM_OFFSET), size);
        } catch (final FlashFailedException e) {
            fail(op, stub ? STUB_FAILED_SPI_OP : ROM_FLASH_WRITE_ERROR);
            return STAY;
        }
    }

    /** Sends what a stub READ_FLASH may send now; call when the line is idle. */
    public void poll() throws IOException {
        if (reading == null) {
            return;
        }
        for (int count = reading.nextPacket(packetOut); count >= 0; count = reading.nextPacket(packetOut)) {
            sendRaw(packetOut[0], 0, count);
        }
        final byte[] digest = reading.digestWhenDone();
        if (digest != null) {
            sendRaw(digest, 0, digest.length);
            reading = null;
        }
    }

    private int command(final int op, final byte[] frame, final int checksum, final int size) throws IOException {
        final int data = HEADER_LENGTH;
        switch (op) {
            case SYNC:
                for (int i = 0; i < SYNC_ANSWERS; i++) {
                    ok(op, stub ? 0 : ROM_SYNC_VALUE, 0);
                }
                return STAY;
            case READ_REG:
                if (size < 4) {
                    return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
                }
                ok(op, registers.read(u32(frame, data)), 0);
                return STAY;
            case WRITE_REG:
                if (size == 0 || size % 16 != 0) {
                    return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
                }
                for (int at = data; at < data + size; at += 16) {
                    registers.write(u32(frame, at), u32(frame, at + 4), u32(frame, at + 8));
                }
                ok(op, 0, 0);
                return STAY;
            case SPI_ATTACH:
                attached = true;
                ok(op, 0, 0);
                return STAY;
            case SPI_SET_PARAMS:
                ok(op, 0, 0);
                return STAY;
            case CHANGE_BAUDRATE:
                return changeBaud(op, frame, size);
            case MEM_BEGIN:
                if (size < 16) {
                    return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
                }
                if (!uploaded.begin(u32(frame, data + 12), u32(frame, data), (int) u32(frame, data + 8))) {
                    return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
                }
                ok(op, 0, 0);
                return STAY;
            case MEM_DATA:
                return memData(op, frame, checksum, size);
            case MEM_END:
                return memEnd(op, frame, size);
            case FLASH_BEGIN:
            case FLASH_DEFL_BEGIN:
                return flashBegin(op, frame, size);
            case FLASH_DATA:
            case FLASH_DEFL_DATA:
                return flashData(op, frame, checksum, size);
            case FLASH_END:
            case FLASH_DEFL_END:
                return flashEnd(op, frame, size);
            case SPI_FLASH_MD5:
                return md5Command(op, frame, size);
            case READ_FLASH_SLOW:
                return stub ? fail(op, STUB_NOT_IMPLEMENTED) : readSlow(op, frame, size);
            case READ_FLASH:
                return stub ? readFlash(op, frame, size) : fail(op, ROM_INVALID_MESSAGE);
            case ERASE_REGION:
                return stub ? eraseRegion(op, frame, size) : fail(op, ROM_INVALID_MESSAGE);
            case ERASE_FLASH:
                if (!stub) {
                    return fail(op, ROM_INVALID_MESSAGE);
                }
                flash.eraseAll();
                ok(op, 0, 0);
                return STAY;
            default:
                // GET_SECURITY_INFO too: the ESP32 ROM has no such command
                return fail(op, stub ? STUB_NOT_IMPLEMENTED : ROM_INVALID_MESSAGE);
        }
    }

    private int changeBaud(final int op, final byte[] frame, final int size) {
        if (size < 8) {
            return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
        }
        final long requested = u32(frame, HEADER_LENGTH);
        if (requested <= 0 || requested > 5_000_000) {
            return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_FAILED);
        }
        ok(op, 0, 0); // answered at the old rate, then the UART switches
        link.changeBaud((int) requested);
        registers.baud((int) requested);
        return STAY;
    }

    private int memData(final int op, final byte[] frame, final int checksum, final int size) {
        final int length = dataLength(frame, size);
        if (length < 0) {
            return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
        }
        if (checksum(frame, HEADER_LENGTH + DATA_HEADER_LENGTH, length) != (checksum & 0xFF)) {
            return fail(op, stub ? STUB_BAD_CHECKSUM : ROM_BAD_CHECKSUM);
        }
        if (!uploaded.block(u32(frame, HEADER_LENGTH + 4), frame, HEADER_LENGTH + DATA_HEADER_LENGTH, length)) {
            return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
        }
        ok(op, 0, 0); // kept for tests; never run: the only code a flasher runs is the stub
        return STAY;
    }

    private int memEnd(final int op, final byte[] frame, final int size) {
        if (size < 8) {
            return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
        }
        final boolean jump = u32(frame, HEADER_LENGTH) == 0;
        final long entry = u32(frame, HEADER_LENGTH + 4);
        ok(op, 0, 0);
        if (jump && !stub && uploaded.holds(entry)) {
            // the entry lies in uploaded code: the flasher stub starts and greets
            stub = true;
            uploaded.started(entry);
            sendRaw(STUB_GREETING, 0, STUB_GREETING.length);
        }
        return STAY;
    }

    private int flashBegin(final int op, final byte[] frame, final int size) throws IOException {
        final int words = stub ? 5 : 4;
        if (size != 4 * words) {
            return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
        }
        if (!stub && !attached) {
            return fail(op, ROM_FAILED);
        }
        final long total = u32(frame, HEADER_LENGTH);
        final int blockSize = (int) u32(frame, HEADER_LENGTH + 8);
        final long offset = u32(frame, HEADER_LENGTH + 12);
        if (blockSize <= 0 || blockSize > MAX_FRAME - HEADER_LENGTH - DATA_HEADER_LENGTH) {
            return fail(op, stub ? STUB_BAD_BLOCKSIZE : ROM_FAILED);
        }
        endWrite();
        final FlashWrite next = new FlashWrite(flash, offset, total, blockSize, FLASH_DEFL_BEGIN == op);
        if (!next.fits()) {
            next.end();
            return fail(op, stub ? STUB_FAILED_SPI_OP : ROM_FAILED);
        }
        if (!stub) {
            next.eraseAll(); // the ROM erases everything before it answers
        }
        write = next;
        ok(op, 0, 0);
        return STAY;
    }

    private int flashData(final int op, final byte[] frame, final int checksum, final int size) throws IOException {
        final int length = dataLength(frame, size);
        if (length < 0) {
            return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
        }
        final int start = HEADER_LENGTH + DATA_HEADER_LENGTH;
        if (checksum(frame, start, length) != (checksum & 0xFF)) {
            return fail(op, stub ? STUB_BAD_CHECKSUM : ROM_BAD_CHECKSUM);
        }
        if (write == null) {
            return fail(op, stub ? STUB_NOT_IN_FLASH_MODE : ROM_FAILED);
        }
        if (FLASH_DATA == op && length > write.blockSize()) {
            return fail(op, stub ? STUB_BAD_BLOCKSIZE : ROM_INVALID_MESSAGE);
        }
        final int result = write.block((int) u32(frame, HEADER_LENGTH + 4), frame, start, length);
        switch (result) {
            case FlashWrite.OK:
                ok(op, 0, 0);
                return STAY;
            case FlashWrite.INFLATE_ERROR:
                return fail(op, stub ? STUB_INFLATE_ERROR : ROM_DEFLATE_ERROR);
            case FlashWrite.TOO_MUCH_DATA:
                return fail(op, stub ? STUB_TOO_MUCH_DATA : ROM_DEFLATE_ERROR);
            default:
                return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_FAILED);
        }
    }

    private int flashEnd(final int op, final byte[] frame, final int size) {
        if (size < 4) {
            return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
        }
        final boolean runUserCode = u32(frame, HEADER_LENGTH) != 0;
        if (stub && write == null && runUserCode) {
            return fail(op, STUB_NOT_IN_FLASH_MODE);
        }
        endWrite();
        ok(op, 0, 0);
        if (!runUserCode) {
            return REBOOT;
        }
        // the stub stays (esptool's final FLASH_END waits for the last write); the ROM leaves for the app
        return stub ? STAY : RUN_APP;
    }

    private int md5Command(final int op, final byte[] frame, final int size) throws IOException {
        if (size < 8) {
            return fail(op, stub ? STUB_BAD_DATA_LENGTH : ROM_INVALID_MESSAGE);
        }
        if (!stub && !attached) {
            return fail(op, ROM_FAILED);
        }
        final long address = u32(frame, HEADER_LENGTH);
        final long length = u32(frame, HEADER_LENGTH + 4);
        if (!inside(address, length)) {
            return fail(op, stub ? STUB_FAILED_SPI_OP : ROM_FLASH_READ_ERROR);
        }
        final MessageDigest md5 = md5();
        final byte[] chunk = new byte[64 * 1024];
        for (long done = 0; done < length; ) {
            final int count = (int) Math.min(chunk.length, length - done);
            flash.read(address + done, chunk, 0, count);
            md5.update(chunk, 0, count);
            done += count;
        }
        final byte[] digest = md5.digest();
        if (stub) {
            System.arraycopy(digest, 0, response, HEADER_LENGTH, digest.length);
            ok(op, 0, digest.length);
        } else {
            final byte[] hex = HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(hex, 0, response, HEADER_LENGTH, hex.length);
            ok(op, 0, hex.length);
        }
        return STAY;
    }

    private int readSlow(final int op, final byte[] frame, final int size) throws IOException {
        if (size < 8) {
            return fail(op, ROM_INVALID_MESSAGE);
        }
        final long address = u32(frame, HEADER_LENGTH);
        final long length = u32(frame, HEADER_LENGTH + 4);
        if (length > ROM_READ_BLOCK || !inside(address, length)) {
            return fail(op, ROM_FLASH_READ_ERROR);
        }
        // the ROM answers a whole 64-byte block whatever the length
        final int block = (int) Math.min(ROM_READ_BLOCK, flash.geometry().size() - address);
        java.util.Arrays.fill(response, HEADER_LENGTH, HEADER_LENGTH + ROM_READ_BLOCK, (byte) 0xFF);
        flash.read(address, response, HEADER_LENGTH, block);
        ok(op, 0, ROM_READ_BLOCK);
        return STAY;
    }

    private int readFlash(final int op, final byte[] frame, final int size) throws IOException {
        if (size < 16) {
            return fail(op, STUB_BAD_DATA_LENGTH);
        }
        final long address = u32(frame, HEADER_LENGTH);
        final long length = u32(frame, HEADER_LENGTH + 4);
        final int packetSize = (int) u32(frame, HEADER_LENGTH + 8);
        final int inFlight = (int) u32(frame, HEADER_LENGTH + 12);
        if (packetSize <= 0 || packetSize > MAX_READ_PACKET) {
            return fail(op, STUB_BAD_BLOCKSIZE);
        }
        if (!inside(address, length)) {
            return fail(op, STUB_FAILED_SPI_OP);
        }
        ok(op, 0, 0);
        reading = new StubFlashRead(flash, address, length, packetSize, inFlight);
        poll();
        return STAY;
    }

    private int eraseRegion(final int op, final byte[] frame, final int size) throws IOException {
        if (size < 8) {
            return fail(op, STUB_BAD_DATA_LENGTH);
        }
        final long address = u32(frame, HEADER_LENGTH);
        final long length = u32(frame, HEADER_LENGTH + 4);
        final int sector = flash.geometry().pageSize(0);
        if (address % sector != 0 || length % sector != 0 || !inside(address, length)) {
            return fail(op, STUB_BAD_DATA_LENGTH);
        }
        for (long at = address; at < address + length; at += sector) {
            flash.erasePage(flash.geometry().pageAt(at));
        }
        ok(op, 0, 0);
        return STAY;
    }

    private boolean inside(final long address, final long length) {
        return length >= 0 && flash.geometry().contains(address, length);
    }

    /** The _DATA payload's length field when the frame carries exactly that many bytes, else -1. */
    private static int dataLength(final byte[] frame, final int size) {
        if (size < DATA_HEADER_LENGTH) {
            return -1;
        }
        final long length = u32(frame, HEADER_LENGTH);
        return length == size - DATA_HEADER_LENGTH ? (int) length : -1;
    }

    private void endWrite() {
        if (write != null) {
            write.end();
            write = null;
        }
    }

    /** A success answer: {@code dataLength} bytes already at {@code response[8..]}, then the status. */
    private void ok(final int op, final long value, final int dataLength) {
        answer(op, value, dataLength, 0, 0);
    }

    private int fail(final int op, final int error) {
        if (stub) {
            answer(op, 0, 0, error, 0);
        } else {
            answer(op, 0, 0, 1, error);
        }
        return STAY;
    }

    private void answer(final int op, final long value, final int dataLength, final int status, final int error) {
        final int statusLength = stub ? STUB_STATUS_LENGTH : ROM_STATUS_LENGTH;
        final int size = dataLength + statusLength;
        response[DIRECTION_OFFSET] = RESPONSE;
        response[OP_OFFSET] = (byte) op;
        response[SIZE_OFFSET] = (byte) size;
        response[SIZE_OFFSET + 1] = (byte) (size >>> 8);
        putU32(response, CHECKSUM_OFFSET, value);
        final int at = HEADER_LENGTH + dataLength;
        response[at] = (byte) status;
        response[at + 1] = (byte) error;
        for (int i = 2; i < statusLength; i++) {
            response[at + i] = 0;
        }
        sendRaw(response, 0, HEADER_LENGTH + size);
    }

    private void sendRaw(final byte[] bytes, final int offset, final int length) {
        final int count = Slip.encode(bytes, offset, length, encoded);
        link.transmit(encoded, 0, count);
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
