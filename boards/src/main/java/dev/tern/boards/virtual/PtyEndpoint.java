package dev.tern.boards.virtual;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The console on one end of a pseudo-terminal pair (socat), 8N1 as ptys carry no parity.
 * Reads poll {@code available()}, so they never wait. Writes go to the kernel's pty buffer;
 * when nobody drains the other end they wait for room, as a UART with hardware flow control
 * would (the board's transmit FIFO then fills and the firmware's console writes return 0).
 */
final class PtyEndpoint implements LineEndpoint {

    private final Path path;
    private final FileInputStream in;
    private final FileOutputStream out;

    private PtyEndpoint(final Path path, final FileInputStream in, final FileOutputStream out) {
        this.path = path;
        this.in = in;
        this.out = out;
    }

    static PtyEndpoint open(final Path path) throws IOException {
        final FileInputStream in = new FileInputStream(path.toFile());
        try {
            return new PtyEndpoint(path, in, new FileOutputStream(path.toFile()));
        } catch (final IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public int read(final byte[] into, final int offset, final int length) throws IOException {
        final int ready = in.available();
        return ready <= 0 ? 0 : in.read(into, offset, Math.min(ready, length));
    }

    @Override
    public int write(final byte[] from, final int offset, final int length) throws IOException {
        out.write(from, offset, length);
        return length;
    }

    @Override
    public String url() {
        return path.toString();
    }

    @Override
    public void close() throws IOException {
        try (in; out) {
            // both closed, the input first
        }
    }
}
