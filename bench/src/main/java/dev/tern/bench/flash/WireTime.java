package dev.tern.bench.flash;

/**
 * The least time an AN3155 flasher needs on a serial line: the bytes the protocol puts on the
 * wire for an image, at 10 bits a byte (8N1: start, 8 data, stop), one way at a time (the
 * bootloader answers each command before the next one goes).
 *
 * <pre>
 * WRITE MEMORY, one block of n bytes (n <= 256)          READ MEMORY (read-back verify), one block
 *   host  0x31 0xCE                      2                  host  0x11 0xEE                  2
 *   board ACK                            1                  board ACK                        1
 *   host  address (4) + XOR              5                  host  address (4) + XOR          5
 *   board ACK                            1                  board ACK                        1
 *   host  n-1, n data bytes, XOR     n + 2                  host  n-1, its complement        2
 *   board ACK                            1                  board ACK, n data bytes      n + 1
 *                                   n + 12                                              n + 12
 * </pre>
 *
 * Not counted: connecting (0x7F and its ACK, GET, GET ID: a few dozen bytes), the erase
 * command (a few bytes per sector; its flash time is the chip's), and the start of each
 * command's answer (the bootloader's processing time).
 */
public final class WireTime {

    /** Bytes a WRITE MEMORY or READ MEMORY command adds to its block. */
    public static final int BLOCK_OVERHEAD = 12;
    public static final int BLOCK = 256;
    public static final int BITS_PER_BYTE = 10;

    private WireTime() {
    }

    /** 256-byte blocks (the last one shorter) that carry {@code imageBytes}. */
    public static long blocks(long imageBytes) {
        return (imageBytes + BLOCK - 1) / BLOCK;
    }

    /** Bytes on the wire to write {@code imageBytes}: the image and 12 per block. */
    public static long writeBytes(long imageBytes) {
        return imageBytes + BLOCK_OVERHEAD * blocks(imageBytes);
    }

    /** Bytes on the wire to read {@code imageBytes} back: the same as writing them. */
    public static long readBackBytes(long imageBytes) {
        return imageBytes + BLOCK_OVERHEAD * blocks(imageBytes);
    }

    /** Seconds {@code wireBytes} take at {@code baud} with 10 bits a byte. */
    public static double seconds(long wireBytes, int baud) {
        return (double) wireBytes * BITS_PER_BYTE / baud;
    }
}
