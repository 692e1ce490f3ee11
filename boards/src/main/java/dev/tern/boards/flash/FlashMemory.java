package dev.tern.boards.flash;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * NOR flash kept in a file, with the semantics of the real part: erasing a page sets all its
 * bytes to 0xFF, programming can only clear bits ({@code stored = old & new}), and a page is
 * the only unit that can be erased. The page layout comes from a {@link FlashGeometry}, so
 * pages of different sizes (STM32F7 sectors) work as they do on the chip.
 *
 * <pre>
 *  file offset 0                                      file offset size() - 1
 *  | page 0 | page 1 | ...                                        | last page |
 *  = address geometry.baseAddress()          = address baseAddress + size - 1
 * </pre>
 *
 * <p>The whole image is cached in memory; every operation writes the bytes it changed to the
 * file before it returns (no user-space buffering), so a process that dies leaves the file as
 * the flash would be. An operating-system crash is not simulated (no fsync).
 *
 * <p>Power cuts for tests: {@link #cutPowerAfter(long)} lets that many more bytes be
 * programmed or erased; the byte at the cut is left half done (its upper four bits changed,
 * the lower four not) and the operation fails with {@link PowerLostException}, as does every
 * call until {@link #restorePower()}. The file then holds exactly the partial state.
 */
public final class FlashMemory implements AutoCloseable {

    /** The value of an erased byte. */
    public static final int ERASED = 0xFF;

    /** Bits of the byte at a cut that the operation reached: the upper half. */
    private static final int CUT_DONE_BITS = 0xF0;
    private static final long NO_CUT = -1;

    private final FlashGeometry geometry;
    private final Path file;
    private final RandomAccessFile data;
    private final byte[] image;
    private long budget = NO_CUT;
    private boolean powered = true;

    private FlashMemory(final FlashGeometry geometry, final Path file, final RandomAccessFile data, final byte[] image) {
        this.geometry = geometry;
        this.file = file;
        this.data = data;
        this.image = image;
    }

    /**
     * Opens the flash kept in {@code file}; a missing or empty file is created erased (0xFF).
     *
     * @throws IllegalArgumentException when the file's size is not the geometry's
     */
    public static FlashMemory open(final Path file, final FlashGeometry geometry) throws IOException {
        if (geometry.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("flash too large to emulate: size=" + geometry.size());
        }
        final int size = (int) geometry.size();
        final boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        final RandomAccessFile data = new RandomAccessFile(file.toFile(), "rw");
        try {
            final byte[] image = new byte[size];
            if (fresh) {
                Arrays.fill(image, (byte) ERASED);
                data.setLength(0);
                data.write(image);
            } else if (data.length() != size) {
                throw new IllegalArgumentException("flash file " + file + " has " + data.length()
                        + " bytes but the geometry needs " + size + " (" + geometry + ")");
            } else {
                data.readFully(image);
            }
            return new FlashMemory(geometry, file, data, image);
        } catch (final IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    public FlashGeometry geometry() {
        return geometry;
    }

    public Path file() {
        return file;
    }

    /** Copies {@code length} bytes from {@code address} into {@code into} at {@code offset}. */
    public void read(final long address, final byte[] into, final int offset, final int length) throws IOException {
        final int at = offsetOf(address, length);
        System.arraycopy(image, at, into, offset, length);
    }

    /** One byte, 0..255. */
    public int read(final long address) throws IOException {
        return image[offsetOf(address, 1)] & 0xFF;
    }

    /** Programs {@code length} bytes at {@code address}: each stored byte becomes {@code old & new}. */
    public void program(final long address, final byte[] from, final int offset, final int length) throws IOException {
        final int at = offsetOf(address, length);
        final int done = allowance(length);
        for (int i = 0; i < done; i++) {
            image[at + i] &= from[offset + i];
        }
        if (done < length) {
            // the byte at the cut: only its upper bits were programmed
            image[at + done] &= (byte) (from[offset + done] | ~CUT_DONE_BITS);
        }
        persistThenCheck(at, done, length);
    }

    /** Sets every byte of page {@code page} to 0xFF. */
    public void erasePage(final int page) throws IOException {
        if (page < 0 || page >= geometry.pageCount()) {
            throw new IllegalArgumentException("no such page: page=" + page + ", pages=" + geometry.pageCount());
        }
        final int at = (int) (geometry.pageAddress(page) - geometry.baseAddress());
        final int length = geometry.pageSize(page);
        checkPowered();
        final int done = allowance(length);
        Arrays.fill(image, at, at + done, (byte) ERASED);
        if (done < length) {
            // the byte at the cut: only its upper bits were erased
            image[at + done] |= (byte) CUT_DONE_BITS;
        }
        persistThenCheck(at, done, length);
    }

    /** Erases every page, in order (a cut part-way leaves the later pages as they were). */
    public void eraseAll() throws IOException {
        for (int page = 0; page < geometry.pageCount(); page++) {
            erasePage(page);
        }
    }

    /**
     * From now on, {@code bytes} more bytes may be programmed or erased; the operation that
     * reaches the limit stops there, leaves the next byte half done and fails.
     * {@code cutPowerAfter(0)} makes the next write fail on its first byte.
     */
    public void cutPowerAfter(final long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes=" + bytes);
        }
        budget = bytes;
    }

    /** Cuts the power now: nothing more is written and every call fails. */
    public void cutPower() {
        powered = false;
        budget = NO_CUT;
    }

    /** Power is back: calls work again and no cut is pending. */
    public void restorePower() {
        powered = true;
        budget = NO_CUT;
    }

    public boolean isPowered() {
        return powered;
    }

    @Override
    public void close() throws IOException {
        data.close();
    }

    private int offsetOf(final long address, final int length) throws IOException {
        checkPowered();
        if (length < 0 || !geometry.contains(address, length)) {
            throw new IllegalArgumentException("outside the flash: address=0x" + Long.toHexString(address)
                    + ", length=" + length + ", " + geometry);
        }
        return (int) (address - geometry.baseAddress());
    }

    /** How many of {@code length} bytes the power lets this operation finish. */
    private int allowance(final int length) {
        if (budget == NO_CUT || budget >= length) {
            if (budget != NO_CUT) {
                budget -= length;
            }
            return length;
        }
        final int done = (int) budget;
        budget = NO_CUT;
        powered = false;
        return done;
    }

    /** Writes what changed (including a half-done byte) to the file, then reports a cut. */
    private void persistThenCheck(final int at, final int done, final int length) throws IOException {
        final int changed = done < length ? done + 1 : length;
        data.seek(at);
        data.write(image, at, changed);
        if (done < length) {
            throw new PowerLostException("power cut after " + done + " of " + length + " bytes at 0x"
                    + Long.toHexString(geometry.baseAddress() + at + done));
        }
    }

    private void checkPowered() throws PowerLostException {
        if (!powered) {
            throw new PowerLostException("flash has no power (call restorePower)");
        }
    }
}
