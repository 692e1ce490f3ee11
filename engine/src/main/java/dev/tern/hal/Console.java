package dev.tern.hal;

/**
 * The board's serial console: log lines out, typed lines in. Both calls return at once.
 */
public interface Console {

    /** Writes what the console takes now, up to {@code length} bytes: the count (0 when it is full). */
    int write(byte[] buffer, int offset, int length);

    /** Reads what the host typed, up to {@code length} bytes: the count (0 when nothing came). */
    int read(byte[] buffer, int offset, int length);
}
