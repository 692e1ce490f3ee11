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
 * <p>Opened with a {@link PartModel}, it behaves like one real part: every program and erase
 * is charged its datasheet time on the part's {@link FlashClock} (the caller sleeps for it in
 * {@link TimingMode#REAL}), every erase is counted per unit in a wear file beside the flash
 * file, and units erased past the endurance fail as {@link WornCells} describes. Opened without
 * one, it is the ideal NOR of the unit tests: no time, no wear.
 *
 * <p>Power cuts: {@link #cutPowerAfter(long)} lets that many more bytes be programmed or
 * erased; {@link #cutPower()} (from any thread) cuts now, and when an operation is stalled for
 * its time it stops there, done in proportion to the time that had passed. Either way the byte
 * at the cut is left half done (its upper four bits changed, the lower four not) and the
 * operation fails with {@link PowerLostException}, as does every call until
 * {@link #restorePower()}. The file then holds exactly the partial state.
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
    private final PartModel part;
    private long budget = NO_CUT;
    private volatile boolean powered = true;

    private FlashMemory(final FlashGeometry geometry, final Path file, final RandomAccessFile data, final byte[] image,
                        final PartModel part) {
        this.geometry = geometry;
        this.file = file;
        this.data = data;
        this.image = image;
        this.part = part;
    }

    /**
     * Opens the flash kept in {@code file}; a missing or empty file is created erased (0xFF).
     *
     * @throws IllegalArgumentException when the file's size is not the geometry's
     */
    public static FlashMemory open(final Path file, final FlashGeometry geometry) throws IOException {
        return open(file, geometry, PartModel.ideal());
    }

    /**
     * Opens the flash kept in {@code file} as the part {@code part} describes (its wear counters
     * must have one count per page of {@code geometry}); the part's clock is powered again.
     */
    public static FlashMemory open(final Path file, final FlashGeometry geometry, final PartModel part) throws IOException {
        if (part.wear() != null && part.wear().pageCount() != geometry.pageCount()) {
            throw new IllegalArgumentException("wear counters for " + part.wear().pageCount() + " pages, flash has "
                    + geometry.pageCount());
        }
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
            part.clock().restore();
            return new FlashMemory(geometry, file, data, image, part);
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

    public PartModel part() {
        return part;
    }

    /** Erases of {@code page} so far (0 when the part keeps no wear counters). */
    public int eraseCount(final int page) {
        return part.wear() == null ? 0 : part.wear().count(page);
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

    /**
     * Programs {@code length} bytes at {@code address}: each stored byte becomes {@code old & new}.
     *
     * @throws FlashFailedException when a worn part reports the program failed (see {@link WornCells})
     */
    public void program(final long address, final byte[] from, final int offset, final int length) throws IOException {
        final int at = offsetOf(address, length);
        final int page = geometry.pageAt(address);
        final boolean fails = length > 0 && part.cells().fails(eraseCount(page));
        final byte[] before = fails ? Arrays.copyOfRange(image, at, at + length) : null;
        final int done = run(length, part.timing().programNanos(at, length, part.figure()));
        for (int i = 0; i < done; i++) {
            image[at + i] &= from[offset + i];
        }
        if (done < length) {
            // the byte at the cut: only its upper bits were programmed
            image[at + done] &= (byte) (from[offset + done] | ~CUT_DONE_BITS);
        } else if (fails) {
            part.cells().leaveErasedBits(image, at, length, before);
        }
        persistThenCheck(at, done, length);
        if (fails && part.cells().reportsFailures()) {
            throw new FlashFailedException("program failed at 0x" + Long.toHexString(address) + ": page " + page
                    + " is worn (" + eraseCount(page) + " erases, endurance " + part.cells().endurance() + ")");
        }
    }

    /**
     * Sets every byte of page {@code page} to 0xFF.
     *
     * @throws FlashFailedException when a worn part reports the erase failed (see {@link WornCells})
     */
    public void erasePage(final int page) throws IOException {
        if (page < 0 || page >= geometry.pageCount()) {
            throw new IllegalArgumentException("no such page: page=" + page + ", pages=" + geometry.pageCount());
        }
        final int at = (int) (geometry.pageAddress(page) - geometry.baseAddress());
        final int length = geometry.pageSize(page);
        checkPowered();
        final int erases = part.wear() == null ? 0 : part.wear().erased(page);
        final boolean fails = part.cells().fails(erases);
        final int done = run(length, part.timing().eraseNanos(length, part.figure()));
        Arrays.fill(image, at, at + done, (byte) ERASED);
        if (done < length) {
            // the byte at the cut: only its upper bits were erased
            image[at + done] |= (byte) CUT_DONE_BITS;
        } else if (fails) {
            part.cells().leaveProgrammedBits(image, at, length);
        }
        persistThenCheck(at, done, length);
        if (fails && part.cells().reportsFailures()) {
            throw new FlashFailedException("erase failed: page " + page + " is worn (" + erases + " erases, endurance "
                    + part.cells().endurance() + ")");
        }
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

    /**
     * Cuts the power now, from any thread: an operation stalled for its time stops where that
     * time had got to; nothing more is written and every call fails.
     */
    public void cutPower() {
        powered = false;
        part.clock().cut();
    }

    /** Power is back: calls work again and no cut is pending. */
    public void restorePower() {
        budget = NO_CUT;
        part.clock().restore();
        powered = true;
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

    /**
     * Charges an operation of {@code length} bytes and {@code nanos} its time, and says how many
     * bytes it finished: all, or those before a cut (the byte budget's, or an outside cut during
     * the stall, in proportion to the time that had passed).
     */
    private int run(final int length, final long nanos) {
        final int allowed = allowance(length);
        final long needed = allowed == length ? nanos : nanos * allowed / length;
        long passed;
        try {
            passed = part.clock().stall(needed);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            passed = needed;
        }
        if (powered || allowed < length) {
            return allowed;
        }
        budget = NO_CUT;
        final int reached = nanos == 0 ? 0 : (int) (length * Math.min(passed, nanos) / nanos);
        return Math.min(reached, Math.max(0, length - 1));
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
