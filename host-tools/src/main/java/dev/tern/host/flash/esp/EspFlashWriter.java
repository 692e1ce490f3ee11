package dev.tern.host.flash.esp;

import static dev.tern.host.flash.protocol.FlashAddress.hex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntSupplier;
import java.util.zip.Deflater;

import dev.tern.boards.bootloader.esp.EspOpcode;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.host.flash.protocol.FlashMismatchException;
import dev.tern.host.flash.protocol.NoBootloaderAnswerException;

/**
 * Puts the flasher's writes into the ESP32 loader's shape (the ROM's or the flasher stub's, in the
 * blocks of the client's {@link EspLoaderDialect}). The ROM erases when a transfer begins
 * (FLASH_BEGIN / FLASH_DEFL_BEGIN erase the sectors they cover), the stub as it writes them, and
 * both take blocks in order, so pages the flasher asks to erase are only marked, and its writes are gathered into
 * chunks of up to {@link #chunkBytes} bytes of consecutive marked pages, gaps filled with 0xFF (the
 * erased value: free when compressed). Each chunk is one transfer (deflated by default) and is
 * then checked with SPI_FLASH_MD5; a chunk whose MD5 differs or whose transfer the line broke is
 * sent once more, then the flash fails naming its address. Marked pages no write reached are
 * erased by {@link #finish()} (the ROM: a FLASH_BEGIN of no blocks; the stub: ERASE_REGION).
 */
final class EspFlashWriter {

    /**
     * The most bytes one transfer carries: progress moves in these steps; each costs one BEGIN and one
     * MD5, and an MD5 that differs sends it again. About {@link #CHUNK_WIRE_SECONDS} of wire at the line's
     * speed, between {@link #MIN_CHUNK} and this.
     */
    static final int CHUNK = 256 * 1024;
    static final int MIN_CHUNK = 32 * 1024;
    static final double CHUNK_WIRE_SECONDS = 2.5;
    /** A chunk is sent at most this often: once, and once more after an MD5 that differs or a broken transfer. */
    static final int CHUNK_ATTEMPTS = 2;

    private static final byte UNTOUCHED = 0;
    private static final byte ERASE_ASKED = 1;
    private static final byte ERASED = 2;
    private static final byte WRITTEN = 3;

    /** Told when a chunk's transfer broke on the line, before the chunk is sent again (the session may slow the line). */
    interface LineTrouble {
        void lineFailed() throws IOException;
    }

    private final EspRomClient client;
    private final IntSupplier baud;
    private final LineTrouble lineTrouble;
    private final FlashGeometry geometry;
    private final boolean compress;
    private final byte[] pageState;
    private final byte[] chunk = new byte[CHUNK];
    private long chunkStart = -1;
    private long chunkLimit;
    private int chunkFill;
    private int chunksResent;
    /** The longest erase wait the flasher gave for one page (the board's datasheet maximum, with margin). */
    private Duration pageWait = Duration.ZERO;
    private int lineRetries;

    /** {@code baud}: the line's speed now (it may fall back mid-flash), which sizes each chunk. */
    EspFlashWriter(EspRomClient client, FlashGeometry geometry, boolean compress, IntSupplier baud, LineTrouble lineTrouble) {
        for (int page = 0; page < geometry.pageCount(); page++) {
            if (geometry.pageSize(page) > MIN_CHUNK || MIN_CHUNK % geometry.pageSize(page) != 0) {
                throw new IllegalArgumentException("page " + page + " of " + geometry.pageSize(page) + " bytes does not tile a chunk of "
                        + MIN_CHUNK);
            }
        }
        this.client = client;
        this.baud = baud;
        this.lineTrouble = lineTrouble;
        this.geometry = geometry;
        this.compress = compress;
        this.pageState = new byte[geometry.pageCount()];
    }

    /** The pages will be written: they are erased when their chunk begins, or by {@link #finish()}. */
    void erase(int[] pages, Duration wait) throws IOException {
        Duration perPage = wait.dividedBy(Math.max(1, pages.length));
        if (perPage.compareTo(pageWait) > 0) {
            pageWait = perPage;
        }
        for (int page : pages) {
            if (pageState[page] == WRITTEN) {
                finishChunk();
            }
            pageState[page] = ERASE_ASKED;
        }
    }

    /** The whole flash was erased (FLASH_BEGIN of all of it): every page may be written. */
    void erasedAll() {
        Arrays.fill(pageState, ERASED);
    }

    /** Bytes for pages {@link #erase} marked, in rising addresses within a chunk. */
    void write(long address, byte[] from, int offset, int length) throws IOException {
        while (length > 0) {
            if (chunkStart < 0 || address < chunkStart + chunkFill || address >= chunkLimit) {
                finishChunk();
                openChunk(address);
            }
            int count = (int) Math.min(length, chunkLimit - address);
            int at = (int) (address - chunkStart);
            System.arraycopy(from, offset, chunk, at, count);
            chunkFill = at + count;
            address += count;
            offset += count;
            length -= count;
            if (chunkStart + chunkFill == chunkLimit) {
                finishChunk();
            }
        }
    }

    /** Sends what is gathered and erases the marked pages no write reached: the flash holds all that was asked. */
    void finish() throws IOException {
        finishChunk();
        int page = 0;
        while (page < pageState.length) {
            if (pageState[page] != ERASE_ASKED) {
                page++;
                continue;
            }
            long start = geometry.pageAddress(page);
            long size = 0;
            int count = 0;
            while (page < pageState.length && pageState[page] == ERASE_ASKED) {
                size += geometry.pageSize(page);
                pageState[page++] = ERASED;
                count++;
            }
            if (client.dialect().hasStubCommands()) {
                client.eraseRegion(start, size, pageWait.multipliedBy(count));
            } else {
                client.flashBegin(size, 0, start, pageWait.multipliedBy(count));
            }
        }
    }

    /** Whether a chunk is gathered and not sent yet. */
    boolean holdsWrites() {
        return chunkStart >= 0;
    }

    /** Chunks sent again (an MD5 that differed or a broken transfer). */
    int chunksResent() {
        return chunksResent;
    }

    /** Chunks sent again because the line lost or garbled an answer. */
    int lineRetries() {
        return lineRetries;
    }

    private void openChunk(long address) {
        int page = geometry.pageAt(address);
        if (pageState[page] != ERASE_ASKED && pageState[page] != ERASED) {
            throw new IllegalStateException("write at " + hex(address) + " into page " + page + " that was not erased first (state "
                    + pageState[page] + ")");
        }
        chunkStart = geometry.pageAddress(page);
        chunkLimit = chunkStart;
        int most = chunkBytes(baud.getAsInt());
        while (page < pageState.length && (pageState[page] == ERASE_ASKED || pageState[page] == ERASED)
                && chunkLimit + geometry.pageSize(page) - chunkStart <= most) {
            chunkLimit += geometry.pageSize(page++);
        }
        chunkFill = (int) (address - chunkStart);
        Arrays.fill(chunk, (byte) 0xFF);
    }

    private void finishChunk() throws IOException {
        if (chunkStart < 0) {
            return;
        }
        long start = chunkStart;
        int length = roundUp(chunkFill, EspRomProtocol.ROM_BLOCK);
        chunkStart = -1;
        send(start, length);
        for (int page = geometry.pageAt(start); page < pageState.length && geometry.pageAddress(page) < start + length; page++) {
            pageState[page] = WRITTEN;
        }
    }

    private void send(long start, int length) throws IOException {
        String expected = EspRomSession.md5Hex(chunk, 0, length);
        String actual = null;
        for (int attempt = 1; attempt <= CHUNK_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                chunksResent++;
            }
            try {
                transfer(start, length);
                actual = client.md5(start, length);
            } catch (EspLineException | NoBootloaderAnswerException e) {
                if (attempt == CHUNK_ATTEMPTS) {
                    throw e;
                }
                lineRetries++;
                client.discardInput();
                lineTrouble.lineFailed();
                continue;
            }
            if (expected.equals(actual)) {
                return;
            }
        }
        throw new FlashMismatchException("the MD5 of " + hex(start) + ".." + hex(start + length) + " is " + actual + " after it was written "
                + CHUNK_ATTEMPTS + " times, expected " + expected + ": the flash at " + hex(start) + " may be worn");
    }

    /** One transfer in the loader's blocks; the ROM erased at BEGIN, the stub erases and writes as blocks come. */
    private void transfer(long start, int length) throws IOException {
        int block = client.dialect().block();
        Duration eraseWait = eraseWait(start, length);
        Duration blockWait = client.dialect().erasesAtBegin() ? Duration.ZERO : eraseWait;
        byte[] bytes = compress ? deflate(chunk, length) : chunk;
        int size = compress ? bytes.length : length;
        int blocks = (size + block - 1) / block;
        if (compress) {
            client.flashDeflBegin(length, blocks, start, eraseWait);
        } else {
            client.flashBegin(length, blocks, start, eraseWait);
        }
        for (int seq = 0; seq < blocks; seq++) {
            int at = seq * block;
            int count = Math.min(block, size - at);
            if (compress) {
                client.flashData(EspOpcode.FLASH_DEFL_DATA, seq, bytes, at, count, start, blockWait);
            } else {
                client.flashData(EspOpcode.FLASH_DATA, seq, bytes, at, count, start + at, blockWait);
            }
        }
    }

    /** The pages a transfer of {@code length} bytes at {@code start} erases, times the wait for one. */
    private Duration eraseWait(long start, int length) {
        int pages = geometry.pageAt(start + length - 1) - geometry.pageAt(start) + 1;
        return pageWait.multipliedBy(pages);
    }

    /** zlib at level 9, as esptool compresses ({@code zlib.compress(image, 9)}). */
    static byte[] deflate(byte[] bytes, int length) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(bytes, 0, length);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 64);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** About {@link #CHUNK_WIRE_SECONDS} of 8N1 wire at {@code baud}, a multiple of {@link #MIN_CHUNK}, at most {@link #CHUNK}. */
    static int chunkBytes(int baud) {
        long bytes = (long) (baud / 10.0 * CHUNK_WIRE_SECONDS);
        long chunks = Math.max(1, bytes / MIN_CHUNK);
        return (int) Math.min(CHUNK, chunks * MIN_CHUNK);
    }

    private static int roundUp(int value, int unit) {
        return (value + unit - 1) / unit * unit;
    }
}
