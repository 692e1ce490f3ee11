package dev.tern.boards.virtual;

import java.io.Closeable;
import java.io.IOException;

/** The host side of the console line as the pump sees it. Only the pump's thread calls it. */
interface LineEndpoint extends Closeable {

    /** What the host sent, up to {@code length} bytes: the count, 0 when nothing came. Never waits. */
    int read(byte[] into, int offset, int length) throws IOException;

    /** Sends up to {@code length} bytes to the host: the count taken (0 when it takes nothing now). */
    int write(byte[] from, int offset, int length) throws IOException;

    /** {@code socket://127.0.0.1:PORT} with the real port, or the pty path. */
    String url();
}
