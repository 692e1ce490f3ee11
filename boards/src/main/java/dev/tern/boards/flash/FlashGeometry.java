package dev.tern.boards.flash;

import java.util.Arrays;

/**
 * Where a board's flash is and how it is divided into erase units (pages or sectors, which on
 * STM32F7 parts differ in size: 4 x 32 KB, 1 x 128 KB, 3 x 256 KB on an STM32F746NG).
 *
 * <pre>
 *  base                                                         base + size()
 *  |  page 0  |  page 1  | ... |      page k      | ... | last page |
 *     pageAddress(i) = base + sum of the sizes before i
 * </pre>
 */
public final class FlashGeometry {

    private final long baseAddress;
    private final int[] pageSizes;
    private final long[] pageAddresses;
    private final long size;

    public FlashGeometry(long baseAddress, int[] pageSizes) {
        if (pageSizes.length == 0) {
            throw new IllegalArgumentException("flash needs at least one page");
        }
        this.baseAddress = baseAddress;
        this.pageSizes = pageSizes.clone();
        this.pageAddresses = new long[pageSizes.length];
        long address = baseAddress;
        for (int i = 0; i < pageSizes.length; i++) {
            if (pageSizes[i] <= 0) {
                throw new IllegalArgumentException("page " + i + " has size " + pageSizes[i]);
            }
            pageAddresses[i] = address;
            address += pageSizes[i];
        }
        this.size = address - baseAddress;
    }

    /** {@code count} pages of {@code pageSize} bytes each. */
    public static FlashGeometry uniform(long baseAddress, int count, int pageSize) {
        int[] sizes = new int[count];
        Arrays.fill(sizes, pageSize);
        return new FlashGeometry(baseAddress, sizes);
    }

    public long baseAddress() {
        return baseAddress;
    }

    /** Total bytes. */
    public long size() {
        return size;
    }

    public int pageCount() {
        return pageSizes.length;
    }

    public long pageAddress(int page) {
        return pageAddresses[page];
    }

    public int pageSize(int page) {
        return pageSizes[page];
    }

    /** The page holding {@code address}, or -1 when the address is outside the flash. */
    public int pageAt(long address) {
        if (address < baseAddress || address >= baseAddress + size) {
            return -1;
        }
        int found = Arrays.binarySearch(pageAddresses, address);
        return found >= 0 ? found : -found - 2;
    }

    public boolean contains(long address, long length) {
        return address >= baseAddress && length >= 0 && address + length <= baseAddress + size;
    }

    @Override
    public String toString() {
        return "FlashGeometry[base=0x" + Long.toHexString(baseAddress) + ", size=" + size + ", pages=" + pageSizes.length + "]";
    }
}
