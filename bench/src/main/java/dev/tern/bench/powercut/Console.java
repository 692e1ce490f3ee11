package dev.tern.bench.powercut;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The host's end of the virtual board's console ({@code socket://...}): a reader thread keeps
 * the transcript, so the board never waits on a full line; lines are sent with LF.
 */
final class Console implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final StringBuilder transcript = new StringBuilder();
    private final Thread reader;

    private Console(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        this.reader = new Thread(() -> read(in), "powercut-console");
        reader.setDaemon(true);
        reader.start();
    }

    static Console connect(String consoleUrl) throws IOException {
        URI uri = URI.create(consoleUrl);
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        return new Console(socket);
    }

    private void read(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (transcript) {
                    transcript.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    transcript.notifyAll();
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Where the transcript ends now: later waits look only at what comes after. */
    int mark() {
        synchronized (transcript) {
            return transcript.length();
        }
    }

    /**
     * Waits until a line containing {@code text} appears after {@code from}; returns that whole
     * line (without CR LF), or null after {@code timeout}.
     */
    String awaitLine(String text, int from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (transcript) {
            while (true) {
                int at = transcript.indexOf(text, from);
                if (at >= 0) {
                    int end = transcript.indexOf("\n", at);
                    if (end >= 0) {
                        int start = transcript.lastIndexOf("\n", at) + 1;
                        return transcript.substring(Math.max(start, from), end).trim();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                transcript.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    void sendLine(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The last {@code chars} characters, for a failure report. */
    String tail(int chars) {
        synchronized (transcript) {
            return transcript.substring(Math.max(0, transcript.length() - chars));
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
