package dev.tern.hal;

/**
 * A region of flash the engine owns (its session store), with flash semantics: {@link #erase}
 * sets a whole page to 0xFF, {@link #program} can only clear bits (the stored byte becomes
 * {@code old & new}), and a power cut may leave a page partly programmed.
 *
 * <p>Addresses are offsets from the start of the region. Results are {@link #OK} or a negative
 * status.
 */
public interface NonVolatileStorage {

    int OK = 0;
    /** An address or length outside the region, or a program that crosses its end. */
    int OUT_OF_RANGE = -1;
    /** The flash reported an error (a failed erase or program). */
    int HARDWARE_ERROR = -2;

    /** Size of the region in bytes, a whole number of pages. */
    int size();

    /** Size of the erase unit in bytes. */
    int pageSize();

    int read(int address, byte[] destination, int offset, int length);

    /** Programs bytes; each stored byte becomes {@code old & new}. */
    int program(int address, byte[] source, int offset, int length);

    /** Erases page {@code pageIndex} (from 0 at the start of the region) to 0xFF. */
    int erase(int pageIndex);
}
