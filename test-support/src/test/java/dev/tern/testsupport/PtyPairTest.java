package dev.tern.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("socat")
class PtyPairTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Bytes a cooked terminal would change or act on: CR, LF, Ctrl-C, Ctrl-D, XOFF, DEL, 0x00, 0xFF. */
    private static final byte[] RAW_BYTES = {0x79, 0x0d, 0x0a, 0x03, 0x04, 0x13, 0x7f, 0x00, (byte) 0xff, 0x7f};

    @Test
    void bytesCrossFromAToBUnchanged() throws Exception {
        try (PtyPair pty = PtyPair.open();
             OutputStream a = new FileOutputStream(pty.a().toFile());
             InputStream b = new FileInputStream(pty.b().toFile())) {
            a.write(RAW_BYTES);
            a.flush();

            assertArrayEquals(RAW_BYTES, BoundedReads.readExactly(b, RAW_BYTES.length, WAIT));
        }
    }

    @Test
    void bytesCrossFromBToAUnchanged() throws Exception {
        try (PtyPair pty = PtyPair.open();
             OutputStream b = new FileOutputStream(pty.b().toFile());
             InputStream a = new FileInputStream(pty.a().toFile())) {
            b.write(RAW_BYTES);
            b.flush();

            assertArrayEquals(RAW_BYTES, BoundedReads.readExactly(a, RAW_BYTES.length, WAIT));
        }
    }

    @Test
    void anEndWorksAgainAfterATestClosedIt() throws Exception {
        try (PtyPair pty = PtyPair.open()) {
            for (int round = 0; round < 3; round++) {
                try (OutputStream a = new FileOutputStream(pty.a().toFile());
                     InputStream b = new FileInputStream(pty.b().toFile())) {
                    a.write(round);
                    assertEquals(round, BoundedReads.readExactly(b, 1, WAIT)[0], "round " + round);
                }
            }
        }
    }

    @Test
    void readGivesUpWhenNothingArrives() throws Exception {
        try (PtyPair pty = PtyPair.open();
             InputStream b = new FileInputStream(pty.b().toFile())) {
            final InterruptedIOException timedOut = assertThrows(InterruptedIOException.class,
                    () -> BoundedReads.readExactly(b, 1, Duration.ofMillis(100)));
            assertEquals(0, timedOut.bytesTransferred);
        }
    }

    @Test
    void unplugHangsBothEndsUpAndTheirDevicesGoAway() throws Exception {
        try (PtyPair pty = PtyPair.open()) {
            final Path device = pty.a().toRealPath();
            pty.unplug();

            assertFalse(Files.exists(device), device + " still there");
            assertFalse(Files.exists(pty.a()), "the link now points nowhere");
        }
    }

    @Test
    void closeStopsSocatAndRemovesTheLinks() {
        final PtyPair pty = PtyPair.open();
        final Path folder = pty.a().getParent();
        assertTrue(Files.exists(pty.a()) && Files.exists(pty.b()));
        assertTrue(pty.a().toString().startsWith(System.getProperty("java.io.tmpdir")));
        final ProcessHandle socat = socatServing(pty.a()).orElseThrow(() -> new AssertionError("no socat child for " + pty));

        pty.close();

        assertFalse(socat.isAlive(), "socat " + socat.pid() + " still running");
        assertFalse(Files.exists(pty.a(), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(folder), folder + " still exists");
        pty.close();
    }

    private static Optional<ProcessHandle> socatServing(final Path link) {
        return ProcessHandle.current().children()
                .filter(child -> child.info().arguments().map(args -> String.join(" ", args).contains("link=" + link)).orElse(false))
                .findFirst();
    }
}
