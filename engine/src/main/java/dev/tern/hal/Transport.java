package dev.tern.hal;

/**
 * A byte stream to the broker (a TCP socket on the virtual board, {@code java.net} or a modem on a
 * real one). Every call returns at once: the engine polls, it never waits on the transport.
 *
 * <p>Results are counts (zero or more) or one of the negative status values below.
 */
public interface Transport {

    /** {@link #connect()}: the connection is up and may be read and written. */
    int CONNECTED = 1;
    /** {@link #connect()}: still connecting; call again on a later poll. */
    int IN_PROGRESS = 0;
    /** The peer closed the connection (end of stream). */
    int CLOSED = -1;
    /** The connection failed or could not be made (refused, reset, unreachable, timed out). */
    int FAILED = -2;

    /** Starts or continues opening the connection: {@link #CONNECTED}, {@link #IN_PROGRESS} or a failure. */
    int connect();

    /** Reads what has arrived, up to {@code length} bytes: the count (0 when nothing came) or a failure. */
    int read(byte[] buffer, int offset, int length);

    /** Writes what the link takes now, up to {@code length} bytes: the count (0 when full) or a failure. */
    int write(byte[] buffer, int offset, int length);

    /** Closes the connection; safe to call when it is already closed. */
    void close();
}
