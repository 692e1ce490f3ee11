package dev.tern.host.flash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tern.boards.flash.FlashGeometry;
import dev.tern.host.flash.protocol.FlashAddress;

/**
 * Which flash pages a flash touches and what goes into each: the image and the config page are
 * {@link Segment}s; each page one overlaps is a {@link Span} (the segment's bytes in that page).
 * A span found unchanged on the device is skipped: no erase, no write. A changed span's page is
 * erased whole, then its non-blank 256-byte blocks are written.
 *
 * <pre>
 *  app slot    | page 4 (128 KB)          | page 5 (256 KB)          | page 6 ...
 *  image       |##########################|#########.................|
 *  spans       [ span: page 4, 128 KB    ][ span: page 5, 37 KB ]     (page 6 not touched)
 * </pre>
 */
final class FlashPlan {

    /** The unit blank bytes are skipped in: a block of all 0xFF in an erased page is not written. */
    static final int BLOCK = 256;

    /** Bytes to place at an address: padded with 0xFF to a multiple of 4 (WRITE_MEMORY's unit). */
    record Segment(String name, long address, byte[] bytes) {
        Segment {
            int padded = (bytes.length + 3) & ~3;
            if (padded != bytes.length) {
                byte[] copy = Arrays.copyOf(bytes, padded);
                Arrays.fill(copy, bytes.length, padded, (byte) 0xFF);
                bytes = copy;
            }
            if ((address & 3) != 0) {
                throw new IllegalArgumentException(name + " must start 4-byte aligned: address=" + FlashAddress.hex(address));
            }
        }
    }

    /** A segment's bytes within one page. */
    static final class Span {
        final int page;
        final long pageAddress;
        final int pageSize;
        final String segment;
        final long address;
        final byte[] content;
        boolean unchanged;

        Span(int page, long pageAddress, int pageSize, String segment, long address, byte[] content) {
            this.page = page;
            this.pageAddress = pageAddress;
            this.pageSize = pageSize;
            this.segment = segment;
            this.address = address;
            this.content = content;
        }

        long end() {
            return address + content.length;
        }

        /** Bytes of the 256-byte blocks that are not all 0xFF: what a write after the erase sends. */
        long nonBlankBytes() {
            long bytes = 0;
            for (int at = 0; at < content.length; at += BLOCK) {
                int length = Math.min(BLOCK, content.length - at);
                if (!isBlank(content, at, length)) {
                    bytes += length;
                }
            }
            return bytes;
        }
    }

    private final List<Span> spans;

    private FlashPlan(List<Span> spans) {
        this.spans = spans;
    }

    /**
     * The spans of {@code segments} on {@code geometry}.
     *
     * @throws IllegalArgumentException when a segment lies outside the flash or two share a page
     */
    static FlashPlan of(FlashGeometry geometry, List<Segment> segments) {
        List<Span> spans = new ArrayList<>();
        for (Segment segment : segments) {
            if (!geometry.contains(segment.address(), segment.bytes().length)) {
                throw new IllegalArgumentException(segment.name() + " (" + segment.bytes().length + " bytes at "
                        + FlashAddress.hex(segment.address()) + ") lies outside the flash " + geometry);
            }
            long at = segment.address();
            long end = segment.address() + segment.bytes().length;
            while (at < end) {
                int page = geometry.pageAt(at);
                long pageEnd = geometry.pageAddress(page) + geometry.pageSize(page);
                long spanEnd = Math.min(end, pageEnd);
                int from = (int) (at - segment.address());
                for (Span other : spans) {
                    if (other.page == page) {
                        throw new IllegalArgumentException(segment.name() + " and " + other.segment + " share page " + page
                                + " at " + FlashAddress.hex(geometry.pageAddress(page)) + ": erasing it for one would lose the other");
                    }
                }
                spans.add(new Span(page, geometry.pageAddress(page), geometry.pageSize(page), segment.name(), at,
                        Arrays.copyOfRange(segment.bytes(), from, from + (int) (spanEnd - at))));
                at = spanEnd;
            }
        }
        return new FlashPlan(List.copyOf(spans));
    }

    List<Span> spans() {
        return spans;
    }

    List<Span> toWrite() {
        return spans.stream().filter(s -> !s.unchanged).toList();
    }

    List<Span> unchanged() {
        return spans.stream().filter(s -> s.unchanged).toList();
    }

    /** The pages to erase: those of the changed spans, in order. */
    int[] pagesToErase() {
        return toWrite().stream().mapToInt(s -> s.page).toArray();
    }

    long bytesToWrite() {
        return toWrite().stream().mapToLong(Span::nonBlankBytes).sum();
    }

    long contentBytes() {
        return spans.stream().mapToLong(s -> s.content.length).sum();
    }

    static boolean isBlank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if ((byte) 0xFF != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
