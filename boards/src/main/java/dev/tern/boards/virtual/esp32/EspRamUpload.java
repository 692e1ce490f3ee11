package dev.tern.boards.virtual.esp32;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a host put into the virtual ESP32's RAM with MEM_BEGIN/MEM_DATA since reset, segment by
 * segment, and the entry MEM_END jumped to: a test compares it with the stub file the host
 * read, so a host that uploads the wrong bytes fails.
 */
public final class EspRamUpload {

    /** RAM a flasher stub's segment may take at most (the ESP32's SRAM is 520 KB). */
    static final int MAX_SEGMENT = 512 * 1024;

    /** One MEM_BEGIN's range, filled by its MEM_DATA blocks. */
    public record Segment(long address, byte[] bytes) {
    }

    private final List<Segment> segments = new ArrayList<>();
    private final List<Integer> blockSizes = new ArrayList<>();
    private long entry = -1;

    /** MEM_BEGIN: a segment of {@code size} bytes at {@code address}, in blocks of {@code blockSize}; false when too large. */
    boolean begin(final long address, final long size, final int blockSize) {
        if (size < 0 || size > MAX_SEGMENT || blockSize <= 0) {
            return false;
        }
        final byte[] bytes = new byte[(int) size];
        Arrays.fill(bytes, (byte) 0xFF);
        segments.add(new Segment(address, bytes));
        blockSizes.add(blockSize);
        return true;
    }

    /** MEM_DATA block {@code seq} of the last segment; false when it does not fit in it. */
    boolean block(final long seq, final byte[] frame, final int offset, final int length) {
        if (segments.isEmpty()) {
            return false;
        }
        final Segment last = segments.get(segments.size() - 1);
        final long at = seq * blockSizes.get(blockSizes.size() - 1);
        if (seq < 0 || at + length > last.bytes().length) {
            return false;
        }
        System.arraycopy(frame, offset, last.bytes(), (int) at, length);
        return true;
    }

    /** Whether {@code address} lies in an uploaded segment. */
    boolean holds(final long address) {
        for (final Segment segment : segments) {
            if (address >= segment.address() && address < segment.address() + segment.bytes().length) {
                return true;
            }
        }
        return false;
    }

    void started(final long address) {
        entry = address;
    }

    /** The segments in upload order. */
    public List<Segment> segments() {
        return Collections.unmodifiableList(segments);
    }

    /** The address MEM_END jumped to, or -1. */
    public long entry() {
        return entry;
    }
}
