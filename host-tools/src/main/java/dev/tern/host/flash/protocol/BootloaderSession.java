package dev.tern.host.flash.protocol;

import java.io.IOException;
import java.time.Duration;

/**
 * What the steps of {@code tern flash} ask of a board's ROM bootloader, whatever protocol it
 * speaks: identify, erase, write, read, checksum a region on the chip, start the application.
 * One implementation per protocol, in its own package ({@code flash.an3155}); the flasher is
 * written once against this. Each call is bounded in time; an unusable answer is a
 * {@link BootloaderException} naming the command and the address, no answer at all a
 * {@link NoBootloaderAnswerException}.
 */
public interface BootloaderSession {

    /** The port's name, for messages. */
    String port();

    /** Called once the board was put into its bootloader: syncs, then says what it and the chip are. */
    BootloaderIdentity identify() throws IOException;

    /**
     * Erases whole pages of the board's flash ({@code FlashGeometry} page numbers, one command),
     * waiting up to {@code wait} for the bootloader to say they are erased.
     */
    void erase(int[] pages, Duration wait) throws IOException;

    /** Erases the whole flash, waiting up to {@code wait}. */
    void eraseAll(Duration wait) throws IOException;

    /** Writes 1 to {@link BootloaderIdentity#maxBlock()} bytes into erased flash at {@code address}. */
    void write(long address, byte[] from, int offset, int length) throws IOException;

    /**
     * Puts into flash what the writes so far left gathered in the session: called after the last
     * write. A protocol that writes each block as it comes has nothing to do; the ESP32's gathers
     * blocks into larger transfers.
     */
    default void flush() throws IOException {
    }

    /**
     * Whether writes are gathered in the session that the bootloader has not acknowledged yet
     * ({@link #flush()} sends them): until they are, the flasher does not say a span is written.
     */
    default boolean holdsWrites() {
        return false;
    }

    /**
     * Whether every write is checked with the chip's digest as it is sent (a mismatch written
     * again, then thrown), so that after {@link #flush()} a digest pass over the same pages would
     * only repeat what the chip just said: the ESP32's session checks each transfer's MD5.
     */
    default boolean verifiesAsItWrites() {
        return false;
    }

    /** Reads 1 to {@link BootloaderIdentity#maxBlock()} bytes at {@code address}. */
    void read(long address, byte[] into, int offset, int length) throws IOException;

    /**
     * The digest the chip computes of {@code length} bytes at {@code address} (a CRC, an MD5), as
     * text; only where {@link BootloaderIdentity#digest()} names one.
     */
    String digest(long address, long length) throws IOException;

    /** The same digest of {@code content}, computed here: equal texts, equal flash. */
    String expectedDigest(byte[] content);

    /**
     * The chip's content differs from the plan somewhere: pages will be compared one by one and
     * written. A session that writes through a faster loader of its own (the ESP32's flasher
     * stub) starts it now, so the page digests already go through it; an unchanged image never
     * gets here.
     */
    default void changesAhead() throws IOException {
    }

    /**
     * The flash is done and the board stays in its bootloader ({@code --no-go}): a session that
     * put a loader of its own in front of the ROM's (the ESP32's flasher stub) returns to the ROM's,
     * so the next flash finds the bootloader it syncs with.
     */
    default void stay() throws IOException {
    }

    /** Starts the code at {@code address}; the bootloader is left. */
    void go(long address) throws IOException;

    /** Blocks sent again so far (a refused block, or a lost or garbled answer). */
    int blocksResent();

    /** Commands sent again so far after a lost or garbled answer: how noisy the line is. */
    int lineRetries();
}
