package dev.tern.boards.definition;

/** A named range of flash: {@code [address, address + size)}. */
public record Region(String name, long address, long size) {

    public Region {
        if (size <= 0) {
            throw new IllegalArgumentException("size=" + size);
        }
    }

    /** First address after the region. */
    public long end() {
        return address + size;
    }

    public boolean overlaps(Region other) {
        return address < other.end() && other.address < end();
    }

    @Override
    public String toString() {
        return name + "[0x" + Long.toHexString(address) + ", " + size + " bytes]";
    }
}
