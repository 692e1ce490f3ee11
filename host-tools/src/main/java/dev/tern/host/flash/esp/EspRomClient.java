package dev.tern.host.flash.esp;

import static dev.tern.boards.bootloader.esp.EspOpcode.name;
import static dev.tern.host.flash.esp.EspRomProtocol.words;
import static dev.tern.host.flash.protocol.FlashAddress.hex;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;

import dev.tern.boards.bootloader.esp.EspOpcode;
import dev.tern.boards.bootloader.esp.EspPacket;
import dev.tern.boards.bootloader.esp.Slip;
import dev.tern.boards.bootloader.esp.SlipDecoder;
import dev.tern.host.flash.protocol.NoBootloaderAnswerException;
import dev.tern.host.serial.LineSettings;
import dev.tern.host.serial.SerialLink;

/**
 * The ESP32 ROM loader's commands over a serial link, with esptool's timings: one command, its
 * answer (the response with the same op, skipping others, as the ROM sends SYNC's answer 8
 * times), its status checked. A command whose answer does not come is a
 * {@link NoBootloaderAnswerException} when the line stayed silent, an {@link EspLineException}
 * when bytes came but no answer could be read from them (noise, a wrong speed).
 */
public final class EspRomClient {

    /** esptool's DEFAULT_TIMEOUT: any command that does no flash work. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);
    /** esptool's SYNC_TIMEOUT, and its pause between two SYNCs. */
    static final Duration SYNC_TIMEOUT = Duration.ofMillis(100);
    static final Duration SYNC_PAUSE = Duration.ofMillis(50);
    /** CHANGE_BAUDRATE's answer comes at the old speed, unchecked: not worth a full command timeout when lost. */
    private static final Duration CHANGE_BAUD_ANSWER = Duration.ofMillis(500);
    /** esptool: 7 connect attempts of 5 SYNCs each (tern resets once, before the first). */
    public static final int SYNC_ATTEMPTS = 35;
    /** After one SYNC answered, the ROM's further answers to it that esptool reads and drops. */
    private static final int SYNC_EXTRA_ANSWERS = 7;
    /** esptool's ERASE_REGION_TIMEOUT_PER_MB and MD5_TIMEOUT_PER_MB, in ms per MB. */
    private static final long ERASE_MS_PER_MB = 30_000;
    private static final long MD5_MS_PER_MB = 8_000;
    /** esptool's CHIP_ERASE_TIMEOUT. */
    private static final Duration CHIP_ERASE_TIMEOUT = Duration.ofSeconds(120);
    /** READ_FLASH's packet (esptool's FLASH_SECTOR_SIZE) and packets in flight before an acknowledgement. */
    private static final int READ_PACKET = 0x1000;
    private static final int READ_IN_FLIGHT = 64;
    /** esptool's WRITE_BLOCK_ATTEMPTS: a block the ROM refused (its checksum) is sent this many times. */
    static final int BLOCK_ATTEMPTS = 3;
    /** esptool reads at most this many packets for the one that answers a command. */
    private static final int MAX_SKIPPED = 100;

    private final SerialLink link;
    private final SlipDecoder decoder = new SlipDecoder(EspPacket.MAX_LENGTH);
    private final ArrayDeque<byte[]> packets = new ArrayDeque<>();
    private final byte[] chunk = new byte[4096];
    private int blocksResent;
    private long bytesHeard;
    private EspLoaderDialect dialect = EspLoaderDialect.ROM;

    public EspRomClient(SerialLink link) {
        this.link = link;
    }

    public String port() {
        return link.name();
    }

    /** Who answers: the ROM until a stub said OHAI. */
    EspLoaderDialect dialect() {
        return dialect;
    }

    void dialect(EspLoaderDialect speaking) {
        dialect = speaking;
    }

    /** Blocks the ROM refused and got again (a checksum that did not match: a byte damaged on the line). */
    int blocksResent() {
        return blocksResent;
    }

    /**
     * Sends SYNC up to {@code attempts} times, {@link #SYNC_TIMEOUT} each, until the loader
     * answers; returns the answer's value (non-zero from the ROM, 0 from a running stub).
     */
    int sync(int attempts) throws IOException {
        for (int attempt = 0; attempt < attempts; attempt++) {
            discardInput();
            EspResponse answer = exchange(EspOpcode.SYNC, EspRomProtocol.SYNC_DATA, 0, SYNC_TIMEOUT);
            if (answer != null) {
                for (int extra = 0; extra < SYNC_EXTRA_ANSWERS; extra++) {
                    if (nextPacket(System.nanoTime() + SYNC_TIMEOUT.toNanos()) == null) {
                        break;
                    }
                }
                discardInput();
                return answer.value();
            }
            pause(SYNC_PAUSE);
        }
        throw new NoBootloaderAnswerException("no answer from the ESP32 ROM loader on " + port() + " after " + attempts
                + " SYNCs", true);
    }

    /** READ_REG: the word at {@code address}. */
    int readRegister(long address) throws IOException {
        return readRegister(address, COMMAND_TIMEOUT);
    }

    /** READ_REG, waiting at most {@code timeout} for the answer. */
    int readRegister(long address, Duration timeout) throws IOException {
        return checked(EspOpcode.READ_REG, words((int) address), 0, timeout, 0, hex(address)).value();
    }

    /** GET_SECURITY_INFO's data before the status (ESP32-S2 and later; the ESP32 ROM refuses it). */
    byte[] securityInfo() throws IOException {
        EspResponse answer = exchangeOrThrow(EspOpcode.GET_SECURITY_INFO, new byte[0], 0, COMMAND_TIMEOUT, null);
        int resultLength = answer.data().length - EspRomProtocol.ROM_STATUS_BYTES;
        if (resultLength <= 0 || answer.status(resultLength) != 0) {
            throw new EspRomException("GET_SECURITY_INFO refused on " + port());
        }
        byte[] result = new byte[resultLength];
        System.arraycopy(answer.data(), 0, result, 0, resultLength);
        return result;
    }

    /** SPI_ATTACH with the default pins: the ESP32 ROM needs it before any flash command (8 bytes: pins, legacy flag). */
    void spiAttach() throws IOException {
        checked(EspOpcode.SPI_ATTACH, words(0, 0), 0, COMMAND_TIMEOUT, 0, null);
    }

    /** SPI_SET_PARAMS: the flash's size and esptool's fixed geometry (64 KB block, 4 KB sector, 256 B page). */
    void spiSetParams(long flashSize) throws IOException {
        checked(EspOpcode.SPI_SET_PARAMS, words(0, (int) flashSize, 64 * 1024, 4 * 1024, 256, 0xFFFF), 0, COMMAND_TIMEOUT, 0, null);
    }

    /**
     * CHANGE_BAUDRATE from {@code oldBaud} to {@code line}'s speed, in the dialect's words (the ROM's
     * corrected for its clock, {@code romClock}), then the link to {@code line}. As esptool does, the
     * answer is not checked and what arrives in the next 50 ms (the switch's garbage) is dropped.
     */
    void changeBaud(int oldBaud, double romClock, LineSettings line) throws IOException {
        exchange(EspOpcode.CHANGE_BAUDRATE, dialect.changeBaudWords(line.baud(), oldBaud, romClock), 0, CHANGE_BAUD_ANSWER);
        link.configure(line);
        pause(Duration.ofMillis(50));
        discardInput();
    }

    /**
     * FLASH_BEGIN (erase size, blocks, block size, offset; 4 words for the ESP32 ROM): the ROM erases
     * up front, so the answer is awaited for esptool's 30 s a MB, or {@code eraseWait} (the board's
     * datasheet maximum) when longer.
     */
    void flashBegin(long eraseSize, int blocks, long offset, Duration eraseWait) throws IOException {
        checked(EspOpcode.FLASH_BEGIN, dialect.beginWords(eraseSize, blocks, offset), 0, beginTimeout(eraseSize, eraseWait), 0,
                hex(offset));
    }

    /** FLASH_DEFL_BEGIN: {@code size} uncompressed bytes (whole blocks) in {@code blocks} compressed blocks at {@code offset}. */
    void flashDeflBegin(long size, int blocks, long offset, Duration eraseWait) throws IOException {
        checked(EspOpcode.FLASH_DEFL_BEGIN, dialect.beginWords(size, blocks, offset), 0, beginTimeout(size, eraseWait), 0, hex(offset));
    }

    /** The ROM erases up front (esptool's 30 s a MB, or the board's datasheet maximum when longer); the stub as it writes. */
    private Duration beginTimeout(long size, Duration eraseWait) {
        return dialect.erasesAtBegin() ? longer(perMb(ERASE_MS_PER_MB, size), eraseWait) : COMMAND_TIMEOUT;
    }

    /** ERASE_REGION (stub): {@code size} bytes at {@code address}, whole sectors. */
    void eraseRegion(long address, long size, Duration eraseWait) throws IOException {
        checked(EspOpcode.ERASE_REGION, words((int) address, (int) size), 0, longer(perMb(ERASE_MS_PER_MB, size), eraseWait), 0,
                hex(address));
    }

    /** ERASE_FLASH (stub): the whole chip. */
    void eraseFlash(Duration eraseWait) throws IOException {
        checked(EspOpcode.ERASE_FLASH, new byte[0], 0, longer(CHIP_ERASE_TIMEOUT, eraseWait), 0, null);
    }

    /** MEM_BEGIN: {@code size} bytes of RAM at {@code address} in {@code blocks} MEM_DATA blocks of {@code blockSize}. */
    void memBegin(long size, int blocks, int blockSize, long address) throws IOException {
        checked(EspOpcode.MEM_BEGIN, words((int) size, blocks, blockSize, (int) address), 0, COMMAND_TIMEOUT, 0, hex(address));
    }

    /** MEM_DATA block {@code seq}, with its checksum. */
    void memData(int seq, byte[] bytes, int offset, int length, long address) throws IOException {
        checked(EspOpcode.MEM_DATA, EspRomProtocol.dataPayload(seq, bytes, offset, length), EspPacket.checksum(bytes, offset, length),
                COMMAND_TIMEOUT, 0, hex(address) + " (block " + seq + ")");
    }

    /**
     * MEM_END jumping to {@code entry}, then the started code's greeting: true when {@code greeting}
     * came within {@code wait}. As esptool does, MEM_END's own answer is not required (the code that
     * starts may take the UART before it is sent).
     */
    boolean memEndAndGreeting(long entry, byte[] greeting, Duration wait) throws IOException {
        byte[] packet = EspRomProtocol.request(EspOpcode.MEM_END, words(0, (int) entry), 0);
        link.write(Slip.frame(packet, packet.length));
        long deadline = System.nanoTime() + wait.toNanos();
        for (int skipped = 0; skipped < MAX_SKIPPED; skipped++) {
            byte[] frame = nextPacket(deadline);
            if (frame == null) {
                return false;
            }
            if (Arrays.equals(frame, greeting)) {
                return true;
            }
        }
        return false;
    }

    /**
     * READ_FLASH (stub): {@code length} bytes at {@code address} in packets of {@code READ_PACKET}
     * bytes, each acknowledged with the count so far, then the MD5 of them all, which must match.
     */
    void readFlash(long address, byte[] into, int offset, int length) throws IOException {
        checked(EspOpcode.READ_FLASH, words((int) address, length, READ_PACKET, READ_IN_FLIGHT), 0, COMMAND_TIMEOUT, 0, hex(address));
        int done = 0;
        while (done < length) {
            byte[] frame = nextPacket(System.nanoTime() + COMMAND_TIMEOUT.toNanos());
            if (frame == null) {
                throw new NoBootloaderAnswerException("READ_FLASH at " + hex(address) + ": no data after " + done + " of " + length
                        + " bytes from " + port(), false);
            }
            if (frame.length > length - done) {
                throw new EspLineException("READ_FLASH at " + hex(address) + ": " + frame.length + " bytes came where " + (length - done)
                        + " were left (the line garbles bytes)");
            }
            System.arraycopy(frame, 0, into, offset + done, frame.length);
            done += frame.length;
            byte[] ack = words(done);
            link.write(Slip.frame(ack, ack.length));
        }
        byte[] digest = nextPacket(System.nanoTime() + COMMAND_TIMEOUT.toNanos());
        String expected = EspRomSession.md5Hex(into, offset, length);
        if (digest == null || digest.length != 16 || !HexFormat.of().formatHex(digest).equals(expected)) {
            throw new EspLineException("READ_FLASH at " + hex(address) + ": the bytes read do not match the stub's MD5 of them"
                    + " (the line garbles bytes)");
        }
    }

    /**
     * FLASH_DATA or FLASH_DEFL_DATA block {@code seq}; a block the ROM refuses is sent again,
     * {@link #BLOCK_ATTEMPTS} in all. Refused every time for its checksum or as a malformed
     * message, the block was damaged or cut short on the way: an {@link EspLineException}.
     */
    void flashData(int op, int seq, byte[] bytes, int offset, int length, long address, Duration writeWait) throws IOException {
        byte[] payload = EspRomProtocol.dataPayload(seq, bytes, offset, length);
        int checksum = EspPacket.checksum(bytes, offset, length);
        for (int attempt = 1;; attempt++) {
            try {
                checked(op, payload, checksum, longer(COMMAND_TIMEOUT, writeWait), 0, hex(address) + " (block " + seq + ")");
                return;
            } catch (EspRomException e) {
                if (e instanceof EspLineException) {
                    throw e;
                }
                if (attempt == BLOCK_ATTEMPTS) {
                    if (dialect.damagedOnTheLine(e.error())) {
                        throw new EspLineException(e.getMessage() + ", " + BLOCK_ATTEMPTS + " times (the line damages or loses bytes)");
                    }
                    throw e;
                }
                blocksResent++;
            }
        }
    }

    /** SPI_FLASH_MD5 of {@code length} bytes at {@code address}, as 32 hex characters, lower case. */
    String md5(long address, long length) throws IOException {
        EspResponse answer = checked(EspOpcode.SPI_FLASH_MD5, words((int) address, (int) length, 0, 0), 0,
                perMb(MD5_MS_PER_MB, length), dialect.md5Length(), hex(address));
        return dialect.md5Hex(answer.data());
    }

    /** READ_FLASH_SLOW, 64 bytes a command (esptool's ROM read-flash): {@code length} bytes at {@code address}. */
    void readFlashSlow(long address, byte[] into, int offset, int length) throws IOException {
        for (int done = 0; done < length; done += EspRomProtocol.ROM_READ_BLOCK) {
            int count = Math.min(EspRomProtocol.ROM_READ_BLOCK, length - done);
            EspResponse answer = checked(EspOpcode.READ_FLASH_SLOW, words((int) (address + done), count), 0, COMMAND_TIMEOUT,
                    EspRomProtocol.ROM_READ_BLOCK, hex(address + done));
            System.arraycopy(answer.data(), 0, into, offset + done, count);
        }
    }

    /** esptool's soft reset for the ROM: an empty FLASH_BEGIN, then FLASH_END "run user code"; the loader is left. */
    void runUserCode() throws IOException {
        flashBegin(0, 0, 0, Duration.ZERO);
        exchange(EspOpcode.FLASH_END, words(1), 0, Duration.ofMillis(200));
    }

    /**
     * esptool's soft reset from the stub (which cannot run user code on the ESP32): an empty
     * FLASH_BEGIN, then FLASH_END "reboot"; the chip restarts in the ROM, the ROM speaks next.
     */
    void rebootFromStub() throws IOException {
        flashBegin(0, 0, 0, Duration.ZERO);
        exchange(EspOpcode.FLASH_END, words(0), 0, Duration.ofMillis(200));
        dialect = EspLoaderDialect.ROM;
    }

    /** The link to {@code line}, what came before dropped; the ROM is not told. */
    void listenAt(LineSettings line) throws IOException {
        link.configure(line);
        discardInput();
    }

    void discardInput() throws IOException {
        link.discardInput();
        packets.clear();
        decoder.reset();
    }

    /** A command whose status must be 0, with {@code resultLength} bytes of result before it. */
    private EspResponse checked(int op, byte[] data, int checksum, Duration timeout, int resultLength, String where)
            throws IOException {
        EspResponse answer = exchangeOrThrow(op, data, checksum, timeout, where);
        if (!answer.complete(resultLength) || answer.status(resultLength) != 0) {
            throw new EspRomException(name(op) + at(where) + " refused by the " + dialect.label() + " on " + port() + ": "
                    + dialect.errorText(answer, resultLength), dialect.errorCode(answer, resultLength));
        }
        return answer;
    }

    private EspResponse exchangeOrThrow(int op, byte[] data, int checksum, Duration timeout, String where) throws IOException {
        long heardBefore = bytesHeard;
        EspResponse answer = exchange(op, data, checksum, timeout);
        if (answer != null) {
            return answer;
        }
        String what = name(op) + at(where) + ": no answer within " + timeout.toMillis() + " ms from " + port();
        if (bytesHeard == heardBefore) {
            throw new NoBootloaderAnswerException(what, false);
        }
        throw new EspLineException(what + " (bytes came, but no answer could be read from them: the line loses or"
                + " corrupts bytes)");
    }

    /** Sends the command; the response with the same op, or null when none came in time. */
    private EspResponse exchange(int op, byte[] data, int checksum, Duration timeout) throws IOException {
        byte[] packet = EspRomProtocol.request(op, data, checksum);
        link.write(Slip.frame(packet, packet.length));
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int skipped = 0; skipped < MAX_SKIPPED; skipped++) {
            byte[] frame = nextPacket(deadline);
            if (frame == null) {
                return null;
            }
            EspResponse response = EspResponse.parse(frame);
            if (response != null && response.op() == op) {
                return response;
            }
        }
        return null;
    }

    /** The next whole packet, or null at the deadline. */
    private byte[] nextPacket(long deadline) throws IOException {
        while (packets.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            int count = link.read(chunk, 0, chunk.length, Duration.ofNanos(left));
            bytesHeard += count;
            for (int i = 0; i < count; i++) {
                if (decoder.accept(chunk[i])) {
                    packets.add(Arrays.copyOf(decoder.frame(), decoder.length()));
                }
            }
        }
        return packets.poll();
    }

    private static String at(String where) {
        return where == null ? "" : " at " + where;
    }

    /** esptool's timeout_per_mb: {@code msPerMb} for each MB, never below the command timeout. */
    private static Duration perMb(long msPerMb, long bytes) {
        long ms = (long) (msPerMb * (bytes / 1_000_000.0));
        return ms < COMMAND_TIMEOUT.toMillis() ? COMMAND_TIMEOUT : Duration.ofMillis(ms);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static void pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
