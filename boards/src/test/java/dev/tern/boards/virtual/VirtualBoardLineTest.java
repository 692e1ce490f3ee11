package dev.tern.boards.virtual;

import static dev.tern.boards.virtual.BoardFixture.LINE;
import static dev.tern.boards.virtual.BoardFixture.options;
import static dev.tern.boards.virtual.BoardFixture.preload;
import static dev.tern.boards.virtual.BoardFixture.startConnected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.virtual.BoardFixture.Started;
import dev.tern.testsupport.PtyPair;

/** The console line: a socat pty pair, baud-rate pacing, line faults. */
@Timeout(90)
class VirtualBoardLineTest {

    @TempDir
    Path folder;

    @Tag("socat")
    @Test
    void consoleOnAPtyPairServesTheBootloaderAndTheFirmware() throws Exception {
        try (PtyPair pty = PtyPair.open();
             VirtualBoard board = VirtualBoard.start(options(folder).boot0(true).console(ConsoleEndpoint.pty(pty.b())));
             HostLink link = HostLink.pty(pty.a())) {
            assertEquals(pty.b().toString(), board.consoleUrl());
            final An3155Host host = new An3155Host(link);
            assertEquals(An3155.ACK, host.sync());
            assertEquals(0x449, host.getId());
            BoardFixture.flash(link, FakeImage.firmware("1.5.0"));
            link.awaitText("boot: image 1.5.0+0 verified (sha-256, key 3f2a1107)\r\n", LINE);
            link.awaitText("test firmware 1.5.0 on virtual\r\n", LINE);
            link.sendLine("ping");
            link.awaitText("pong\r\n", LINE);
            assertNull(board.failure());
        }
    }

    @Tag("slow")
    @Test
    void pacedConsoleStillCarriesTheBootloaderAndTheBannerInOrder() throws Exception {
        // 38400 8N1: 3840 bytes/s, so the ~3 KB image takes about a second each way
        try (Started started = startConnected(options(folder).boot0(true).baudPacing(38_400))) {
            BoardFixture.flash(started.link(), FakeImage.firmware("1.0.0"));
            final String boot = started.link().awaitText("test firmware 1.0.0 on virtual\r\n", LINE);
            assertTrue(boot.endsWith("boot: image 1.0.0+0 verified (sha-256, key 3f2a1107)\r\ntest firmware 1.0.0 on virtual\r\n"), boot);
            final long sent = started.board().lineStats().toBoard();
            assertTrue(sent > 2_000, "the image crossed the paced line: " + sent);
        }
    }

    @Test
    void droppedBytesMakeTheHostRetryUntilGetIdGoesThrough() throws Exception {
        final LineFaults faults = new LineFaults(0.2, 0, 3155);
        try (Started started = startConnected(options(folder).boot0(true).faults(faults)
                .bootloaderInterByteTimeout(Duration.ofMillis(100)))) {
            final An3155Host host = new An3155Host(started.link(), Duration.ofMillis(300));
            int failures = 0;
            boolean synced = false;
            int id = -1;
            for (int attempt = 0; attempt < 60 && id < 0; attempt++) {
                try {
                    if (!synced) {
                        final int answer = host.sync();
                        synced = answer == An3155.ACK || answer == An3155.NACK;
                        if (!synced) {
                            throw new IOException("sync answered 0x" + Integer.toHexString(answer));
                        }
                    }
                    id = host.getId();
                } catch (final IOException e) {
                    failures++;
                    // let the bootloader drop a half-received command, then start clean
                    started.link().discard(Duration.ofMillis(150));
                }
            }
            assertEquals(0x449, id, "GET_ID went through after " + failures + " failures");
            final LineStats stats = started.board().lineStats();
            assertTrue(stats.toBoardDropped() + stats.toHostDropped() > 0, stats.toString());
            System.out.println("GET_ID over a line dropping 20 % of bytes: " + failures + " failed attempts; " + stats);
            assertTrue(failures > 0, "with this seed the first exchanges lose bytes, and the host sees it");
        }
    }

    @Test
    void boardOnAFaultyLineStillRunsWhatWasVerified() throws Exception {
        preload(folder.resolve("flash.bin"), FakeImage.firmware("1.0.0"));
        try (Started started = startConnected(options(folder).faults(new LineFaults(0, 0.5, 7)))) {
            started.link().discard(Duration.ofMillis(500));
            assertEquals(BoardMode.RUNNING, started.board().mode(), "flipped console bytes do not stop the firmware");
            assertTrue(started.board().lineStats().toHostFlipped() > 0);
        }
    }
}
