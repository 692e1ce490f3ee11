package dev.tern.boards.virtual;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The host's end of the virtual board's console in a test: a socket to {@code socket://...} or
 * a pty end opened as a file. Every read is bounded in time; text already read and not yet
 * consumed is kept for the next call.
 */
final class HostLink implements Closeable {

    private static final long POLL_MS = 2;

    private final InputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final StringBuilder seen = new StringBuilder();

    private HostLink(final InputStream in, final OutputStream out, final Closeable resource) {
        this.in = in;
        this.out = out;
        this.resource = resource;
    }

    static HostLink connect(final String consoleUrl) throws IOException {
        final URI uri = URI.create(consoleUrl);
        final Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setTcpNoDelay(true);
        return new HostLink(socket.getInputStream(), socket.getOutputStream(), socket);
    }

    static HostLink pty(final Path end) throws IOException {
        final FileInputStream in = new FileInputStream(end.toFile());
        final FileOutputStream out = new FileOutputStream(end.toFile());
        return new HostLink(in, out, () -> {
            try (in; out) {
                // both closed
            }
        });
    }

    void send(final int... bytes) throws IOException {
        final byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        send(raw);
    }

    void send(final byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendLine(final String text) throws IOException {
        send((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads until the text received contains {@code wanted}; returns everything up to and
     * including it and keeps the rest.
     */
    String awaitText(final String wanted, final Duration timeout) throws IOException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final String text = pending.toString(StandardCharsets.ISO_8859_1);
            final int at = text.indexOf(wanted);
            if (at >= 0) {
                final int end = at + wanted.length();
                final byte[] all = pending.toByteArray();
                pending.reset();
                pending.write(all, end, all.length - end);
                return text.substring(0, end);
            }
            if (!poll(deadline)) {
                throw new InterruptedIOException("no '" + wanted + "' within " + timeout.toMillis() + " ms; received: " + text);
            }
        }
    }

    /** Exactly {@code length} bytes, from what is kept first. */
    byte[] read(final int length, final Duration timeout) throws IOException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.size() < length) {
            if (!poll(deadline)) {
                final InterruptedIOException timedOut = new InterruptedIOException("received " + pending.size() + " of "
                        + length + " bytes within " + timeout.toMillis() + " ms");
                timedOut.bytesTransferred = pending.size();
                throw timedOut;
            }
        }
        final byte[] all = pending.toByteArray();
        pending.reset();
        pending.write(all, length, all.length - length);
        return Arrays.copyOf(all, length);
    }

    /** Drops what was received (and what arrives within {@code quiet}). */
    void discard(final Duration quiet) throws IOException {
        final long deadline = System.nanoTime() + quiet.toNanos();
        while (poll(deadline)) {
            // keep reading until quiet
        }
        pending.reset();
    }

    /** Everything received so far, consumed or not. */
    String transcript() {
        return seen.toString() + pending.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads what is there; false when nothing came before the deadline. */
    private boolean poll(final long deadline) throws IOException {
        while (true) {
            final int ready = in.available();
            if (ready > 0) {
                final byte[] chunk = new byte[ready];
                final int count = in.read(chunk);
                if (count < 0) {
                    throw new IOException("the console closed");
                }
                pending.write(chunk, 0, count);
                seen.append(new String(chunk, 0, count, StandardCharsets.ISO_8859_1));
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        }
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }
}
