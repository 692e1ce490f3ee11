package dev.tern.boards.virtual.esp32;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import dev.tern.boards.flash.FlashMemory;

/**
 * One FLASH_BEGIN (or FLASH_DEFL_BEGIN) and the data blocks after it. The ROM erases the whole
 * range at BEGIN, before it answers; the stub erases each 4 KB sector just before its first byte
 * is written (esptool's "just-in-time erase"). Compressed blocks are one zlib stream, inflated
 * with the JDK's {@link Inflater}, written as it comes out.
 */
final class FlashWrite {

    static final int OK = 0;
    static final int BAD_SEQUENCE = 1;
    static final int TOO_MUCH_DATA = 2;
    static final int INFLATE_ERROR = 3;
    static final int OUTSIDE_FLASH = 4;

    private static final int SECTOR = 4096;

    private final FlashMemory flash;
    private final long start;
    private final long end;
    private final int blockSize;
    private final Inflater inflater;
    private final byte[] inflated = new byte[64 * 1024];
    private long written;
    private long erasedUntil;
    private int nextSeq;

    /**
     * @param size bytes the host will write from {@code offset} (the ROM: the erase size, also the limit)
     * @param compressed FLASH_DEFL_*: blocks are a zlib stream
     */
    FlashWrite(final FlashMemory flash, final long offset, final long size, final int blockSize, final boolean compressed) {
        this.flash = flash;
        this.start = offset;
        this.end = offset + size;
        this.blockSize = blockSize;
        this.inflater = compressed ? new Inflater() : null;
        this.erasedUntil = offset - offset % SECTOR;
    }

    /** Whether [offset, offset + size) lies inside the flash. */
    boolean fits() {
        return start >= 0 && end <= flash.geometry().baseAddress() + flash.geometry().size();
    }

    int blockSize() {
        return blockSize;
    }

    /** Erases every sector the write will touch (the ROM, at BEGIN). */
    void eraseAll() throws IOException {
        eraseThrough(end);
    }

    /** One data block: {@code seq} must be the next one. */
    int block(final int seq, final byte[] data, final int offset, final int length) throws IOException {
        if (seq != nextSeq) {
            return BAD_SEQUENCE;
        }
        final int result = inflater == null ? plain(data, offset, length) : compressed(data, offset, length);
        if (result == OK) {
            nextSeq++;
        }
        return result;
    }

    private int plain(final byte[] data, final int offset, final int length) throws IOException {
        // the last block comes padded with 0xFF to the block size: what lies past the range is not written
        final long at = start + written;
        final int inside = (int) Math.max(0, Math.min(length, end - at));
        write(at, data, offset, inside);
        written += length;
        return OK;
    }

    private int compressed(final byte[] data, final int offset, final int length) throws IOException {
        inflater.setInput(data, offset, length);
        try {
            while (!inflater.needsInput() && !inflater.finished()) {
                final int count = inflater.inflate(inflated);
                if (count == 0 && inflater.needsDictionary()) {
                    return INFLATE_ERROR;
                }
                if (start + written + count > end) {
                    return TOO_MUCH_DATA;
                }
                write(start + written, inflated, 0, count);
                written += count;
            }
        } catch (final DataFormatException e) {
            return INFLATE_ERROR;
        }
        return OK;
    }

    private void write(final long address, final byte[] data, final int offset, final int length) throws IOException {
        if (length == 0) {
            return;
        }
        eraseThrough(address + length);
        flash.program(address, data, offset, length);
    }

    private void eraseThrough(final long until) throws IOException {
        while (erasedUntil < until) {
            flash.erasePage(flash.geometry().pageAt(erasedUntil));
            erasedUntil += SECTOR;
        }
    }

    /** Bytes written (uncompressed) so far. */
    long written() {
        return written;
    }

    void end() {
        if (inflater != null) {
            inflater.end();
        }
    }
}
