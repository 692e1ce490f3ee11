package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The line between an in-memory host and the board side, paced at 115200 8N1. */
class ConsoleLineTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void aBoardWaitingForBytesIsWokenWhenTheyArriveNotByItsOwnTimeout() throws Exception {
        final MemoryEndpoint host = new MemoryEndpoint();
        try (ConsoleLine line = listeningLine(host)) {
            final CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                line.awaitReceived(TimeUnit.SECONDS.toNanos(60)); // a wake-up that never comes fails the bound below
                final byte[] into = new byte[8];
                return Arrays.copyOf(into, line.receive(into, 0, into.length));
            });
            host.fromHost.put(new byte[] {0x7F}, 0, 1);
            assertArrayEquals(new byte[] {0x7F}, assertTimeoutPreemptively(BOUND, () -> received.get()));
        }
    }

    @Test
    void countsTheBoardsAnswerAndTheHostsAnswerToIt() throws Exception {
        final MemoryEndpoint host = new MemoryEndpoint();
        try (ConsoleLine line = listeningLine(host)) {
            host.fromHost.put(new byte[] {0x11, (byte) 0xEE}, 0, 2); // a command and its complement
            final byte[] command = new byte[2];
            assertTimeoutPreemptively(BOUND, () -> {
                int got = 0;
                while (got < 2) {
                    line.awaitReceived(TimeUnit.MILLISECONDS.toNanos(100));
                    got += line.receive(command, got, 2 - got);
                }
            });
            line.transmit(new byte[] {0x79}, 0, 1); // ACK
            final byte[] ack = new byte[1];
            assertTimeoutPreemptively(BOUND, () -> {
                while (host.toHost.take(ack, 0, 1) == 0) {
                    Thread.sleep(1);
                }
            });
            host.fromHost.put(new byte[] {8, 0, 0, 0, 8}, 0, 5); // the host answers with an address
            assertTimeoutPreemptively(BOUND, () -> {
                while (line.stats().toBoard() < 7) {
                    Thread.sleep(1);
                }
            });
            final LineStats.Turnarounds turnarounds = line.stats().turnarounds();
            assertEquals(1, turnarounds.boardAnswers());
            assertEquals(1, turnarounds.hostAnswers());
            assertEquals(0x79, ack[0]);
        }
    }

    private static ConsoleLine listeningLine(final MemoryEndpoint host) {
        final ConsoleLine line = new ConsoleLine(host, 115_200, 10, LineFaults.NONE);
        line.start();
        line.listening(true);
        return line;
    }

    /** The host's side in memory: what the host sent, what reached it. */
    private static final class MemoryEndpoint implements LineEndpoint {
        final ByteRing fromHost = new ByteRing(1024);
        final ByteRing toHost = new ByteRing(1024);

        @Override
        public int read(final byte[] into, final int offset, final int length) {
            return fromHost.take(into, offset, length);
        }

        @Override
        public int write(final byte[] from, final int offset, final int length) {
            return toHost.put(from, offset, length);
        }

        @Override
        public String url() {
            return "memory";
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
