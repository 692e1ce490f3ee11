package dev.tern.boards.virtual;

/**
 * Sees what the firmware writes to its network connection, as plaintext (under TLS too), and can
 * halt the board's CPU right after a write: the firmware then stays inside that write, sending and
 * receiving nothing more, until the power is cut or the board reset. A test or the demo uses it to
 * cut the power at a chosen point of the protocol where no proxy can see the packets.
 */
public interface TransportTap {

    /** A connection of the firmware is up: the bytes that follow start its stream. */
    void connectionOpened();

    /** {@code length} bytes were written; true halts the CPU now. Called on the firmware's thread. */
    boolean haltAfter(byte[] buffer, int offset, int length);
}
