package dev.tern.boards.flash;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many times each erase unit of a flash device has been erased, kept in a file beside the
 * flash file ({@code flash.bin.wear}) so the count survives power cycles and restarts, as the
 * wear of the cells does. Every erase begun counts, a cut one too (the cells were stressed).
 *
 * <pre>
 *  offset 0         4         8                  4 * (pageCount - 1)
 *  | page 0 count | page 1 count | ...        | last page count |     big-endian u32 each
 * </pre>
 */
public final class WearCounters implements AutoCloseable {

    /** The wear file of a flash file. */
    public static Path fileFor(final Path flashFile) {
        return flashFile.resolveSibling(flashFile.getFileName() + ".wear");
    }

    private final Path file;
    private final RandomAccessFile data;
    private final int[] counts;

    private WearCounters(final Path file, final RandomAccessFile data, final int[] counts) {
        this.file = file;
        this.data = data;
        this.counts = counts;
    }

    /**
     * Opens the counters of {@code pageCount} erase units in {@code file}; a missing or empty
     * file starts at zero.
     *
     * @throws IllegalArgumentException when the file holds counters for another page count
     */
    public static WearCounters open(final Path file, final int pageCount) throws IOException {
        final boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        final RandomAccessFile data = new RandomAccessFile(file.toFile(), "rw");
        try {
            final int[] counts = new int[pageCount];
            if (fresh) {
                data.setLength(4L * pageCount);
            } else if (data.length() != 4L * pageCount) {
                throw new IllegalArgumentException("wear file " + file + " has " + data.length() + " bytes but "
                        + pageCount + " erase units need " + 4L * pageCount);
            } else {
                for (int page = 0; page < pageCount; page++) {
                    counts[page] = data.readInt();
                }
            }
            return new WearCounters(file, data, counts);
        } catch (final IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public synchronized int pageCount() {
        return counts.length;
    }

    /** Erases of {@code page} so far. */
    public synchronized int count(final int page) {
        return counts[page];
    }

    /** A copy of every page's count. */
    public synchronized int[] counts() {
        return counts.clone();
    }

    /** Counts one more erase of {@code page} and writes it to the file; returns the new count. */
    public synchronized int erased(final int page) throws IOException {
        final int count = counts[page] == Integer.MAX_VALUE ? Integer.MAX_VALUE : counts[page] + 1;
        counts[page] = count;
        data.seek(4L * page);
        data.writeInt(count);
        return count;
    }

    @Override
    public synchronized void close() throws IOException {
        data.close();
    }
}
