package dev.tern.host.serial;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * A serial port opened by tern: a device through jssc, a raw TCP socket ({@code socket://}) or an
 * RFC 2217 server ({@code rfc2217://}). {@link SerialLinks#open(String)} picks the kind from the
 * name. One thread reads and one thread writes at a time; {@link #close()} may come from any
 * thread and makes a blocked read return.
 *
 * <p>Failures are {@link SerialPortException}s that name the port: the port does not exist, is
 * busy, has vanished, or lacks a line control (DTR/RTS on a pseudo-terminal or a raw socket).
 */
public interface SerialLink extends Closeable {

    /** The port as the user named it: {@code /dev/ttyUSB0}, {@code socket://127.0.0.1:4000}. */
    String name();

    /**
     * Sets baud, data bits, parity, stop bits and flow control. A raw socket has no line to set
     * and keeps what the far end uses; a pseudo-terminal takes the settings but carries no parity.
     */
    void configure(LineSettings settings) throws IOException;

    /**
     * Reads what has arrived, up to {@code length} bytes, waiting at most {@code timeout} for the
     * first one. Returns the count read, 0 when nothing came in time.
     *
     * @throws PortGoneException when the port vanished or the far end closed it
     */
    int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException;

    /** Writes every byte (blocking until the port took them). */
    void write(byte[] buffer, int offset, int length) throws IOException;

    default void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /** Discards what was received and not yet read (a flasher does this before it syncs). */
    void discardInput() throws IOException;

    /** Whether {@link #setDtr} and {@link #setRts} can work on this port. */
    boolean hasModemLines();

    /**
     * Drives DTR ({@code true} = asserted).
     *
     * @throws LineControlUnsupportedException when the port has no such line
     */
    void setDtr(boolean asserted) throws IOException;

    /**
     * Drives RTS ({@code true} = asserted).
     *
     * @throws LineControlUnsupportedException when the port has no such line
     */
    void setRts(boolean asserted) throws IOException;
}
