package dev.tern.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Reads with a deadline from streams that have no timeout of their own, such as a
 * {@code FileInputStream} on a pty: it reads only what {@link InputStream#available()} says is
 * there, and pauses briefly between polls, so a test never hangs on a silent link.
 */
public final class BoundedReads {

    private static final Duration POLL = Duration.ofMillis(5);

    private BoundedReads() {
    }

    /**
     * Reads exactly {@code length} bytes.
     *
     * @throws InterruptedIOException when they did not all arrive within {@code timeout}; its
     *         {@code bytesTransferred} says how many did
     * @throws IOException when the stream ended or failed first
     */
    public static byte[] readExactly(final InputStream in, final int length, final Duration timeout) throws IOException {
        final byte[] bytes = new byte[length];
        final long deadline = System.nanoTime() + timeout.toNanos();
        int read = 0;
        while (read < length) {
            final int ready = in.available();
            if (ready > 0) {
                final int count = in.read(bytes, read, Math.min(ready, length - read));
                if (count < 0) {
                    throw new IOException("stream ended after " + read + " of " + length + " bytes");
                }
                read += count;
            } else if (System.nanoTime() - deadline >= 0 || !Pause.of(POLL)) {
                final InterruptedIOException timedOut = new InterruptedIOException("received " + read + " of "
                        + length + " bytes within " + timeout.toMillis() + " ms");
                timedOut.bytesTransferred = read;
                throw timedOut;
            }
        }
        return bytes;
    }
}
