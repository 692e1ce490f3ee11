package dev.tern.host.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import dev.tern.host.monitor.LineAssembler;
import dev.tern.host.serial.PortGoneException;
import dev.tern.host.serial.SerialLink;

/**
 * Reads a board's console on a thread of its own and hands each line, cut and made printable by
 * the monitor's {@link LineAssembler}, to a consumer, until {@link #close()}. A partial line is
 * handed over when the line stays quiet for a moment, so a prompt without a newline is not held
 * back forever.
 */
public final class ConsoleRelay implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final int FLUSH_PARTIAL_AFTER_POLLS = 5;

    private final SerialLink link;
    private final Consumer<String> lines;
    private final Thread thread;
    private volatile boolean closing;

    private ConsoleRelay(SerialLink link, Consumer<String> lines) {
        this.link = link;
        this.lines = lines;
        this.thread = new Thread(this::relay, "tern-console-relay");
        this.thread.setDaemon(true);
    }

    /** Starts relaying {@code link}'s lines to {@code lines} (called on the relay thread). */
    public static ConsoleRelay start(SerialLink link, Consumer<String> lines) {
        ConsoleRelay relay = new ConsoleRelay(link, lines);
        relay.thread.start();
        return relay;
    }

    private void relay() {
        byte[] buffer = new byte[1024];
        LineAssembler assembler = new LineAssembler((text, firstByte) -> lines.accept(text));
        int quietPolls = 0;
        try {
            try {
                while (!closing) {
                    int n = link.read(buffer, 0, buffer.length, POLL);
                    if (n == 0) {
                        if (++quietPolls == FLUSH_PARTIAL_AFTER_POLLS) {
                            assembler.flush();
                        }
                        continue;
                    }
                    quietPolls = 0;
                    assembler.accept(buffer, 0, n, Instant.now());
                }
            } catch (PortGoneException e) {
                if (!closing) {
                    lines.accept("(the console closed: " + e.getMessage() + ")");
                }
            } catch (IOException e) {
                if (!closing) {
                    lines.accept("(reading the console failed: " + e.getMessage() + ")");
                }
            }
            assembler.flush();
        } catch (IOException e) {
            // the consumer does not throw: nothing more to hand over
        }
    }

    /** Types {@code command} and Enter on the console, as a person at a terminal would. */
    public void type(String command) throws IOException {
        link.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Stops relaying and closes the link; waits a moment for the thread to end. A second call does nothing. */
    @Override
    public void close() throws IOException {
        if (closing) {
            return;
        }
        closing = true;
        try {
            link.close();
        } finally {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
