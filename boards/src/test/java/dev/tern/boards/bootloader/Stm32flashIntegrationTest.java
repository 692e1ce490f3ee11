package dev.tern.boards.bootloader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.definition.EraseCommand;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.testsupport.PtyPair;

/**
 * The real {@code stm32flash} (Debian package stm32flash) against the bootloader served on one
 * end of a socat pty pair, 8N1 ({@code -m 8n1}: ptys carry no parity). It must take the
 * virtual board for an STM32F74x/75x (PID 0x449), write and verify an image spanning sectors
 * of 32 KB and 128 KB, read it back, and GO. SKIPPED where stm32flash or socat is missing.
 */
@Tag("socat")
@Tag("stm32flash")
class Stm32flashIntegrationTest {

    private static final long FLASH = 0x0800_0000L;
    private static final FlashGeometry F746 = An3155BootloaderTest.F746;
    /** 200 KB: sectors 0..3 (4 x 32 KB) and 72 KB of sector 4 (128 KB). */
    private static final int IMAGE_SIZE = 200 * 1024;
    private static final long TOOL_TIMEOUT_S = 120;
    private static final long BOARD_STOP_TIMEOUT_MS = 5_000;
    /** What stm32flash prints when an answer did not come within its 0.5 s read timeout. */
    private static final String STM32FLASH_READ_TIMEOUT = "Failed to read ACK byte";

    @TempDir
    Path folder;

    @Test
    void stm32flashWritesVerifiesReadsBackAndStartsTheImage() throws Exception {
        final Path stm32flash = findStm32flash().orElse(null);
        Assumptions.assumeTrue(stm32flash != null,
                "stm32flash is not installed (not on PATH nor in /usr/bin, /usr/local/bin): install it to run this test,"
                        + " e.g. apt-get install stm32flash");
        final byte[] image = new byte[IMAGE_SIZE];
        new Random(3155).nextBytes(image);
        final Path imageFile = folder.resolve("image.bin");
        Files.write(imageFile, image);
        final Path readBack = folder.resolve("readback.bin");

        try (PtyPair pty = PtyPair.open();
             FlashMemory flash = FlashMemory.open(folder.resolve("flash.bin"), F746)) {
            // leftovers of an older firmware: after the image in sector 4 (must be erased) and in sector 5 (must stay)
            flash.program(F746.pageAddress(4) + F746.pageSize(4) - 4, new byte[4], 0, 4);
            flash.program(F746.pageAddress(5), new byte[4], 0, 4);
            final BootloaderConfig config = BootloaderConfig.of(0x449, EraseCommand.EXTENDED_ERASE).ram(0x2000_4000L, 0x4_C000);
            try (PtyBoard board = PtyBoard.start(pty.b(), config, flash)) {
                final String port = pty.a().toString();
                final String write = run(stm32flash, "-b", "115200", "-m", "8n1", "-w", imageFile.toString(), "-v", "-S", "0x08000000", port);
                assertTrue(write.contains("0x0449 (STM32F74xxx/75xxx)"), write);
                assertTrue(write.contains("Wrote and verified address 0x08032000 (100.00%) Done."), write);

                final String read = run(stm32flash, "-b", "115200", "-m", "8n1", "-r", readBack.toString(),
                        "-S", "0x08000000:" + IMAGE_SIZE, port);
                assertTrue(read.contains("Read address 0x08032000 (100.00%) Done."), read);

                final String go = run(stm32flash, "-b", "115200", "-m", "8n1", "-g", "0x08000000", port);
                assertTrue(go.contains("Starting execution at address 0x08000000... done."), go);
                assertEquals(0x0800_0000L, board.awaitGo(BOARD_STOP_TIMEOUT_MS), "the board was told to jump to the image");
            }
            assertArrayEquals(image, Files.readAllBytes(readBack), "stm32flash read back what it wrote");
            final byte[] file = Files.readAllBytes(flash.file());
            assertArrayEquals(image, Arrays.copyOf(file, IMAGE_SIZE), "the flash file holds the image");
            final byte[] restOfSector4 = Arrays.copyOfRange(file, IMAGE_SIZE, (int) (F746.pageAddress(5) - FLASH));
            final byte[] erased = new byte[restOfSector4.length];
            Arrays.fill(erased, (byte) 0xFF);
            assertArrayEquals(erased, restOfSector4, "sector 4 was erased before programming");
            final int sector5 = (int) (F746.pageAddress(5) - FLASH);
            assertArrayEquals(new byte[4], Arrays.copyOfRange(file, sector5, sector5 + 4), "sector 5 was left alone");
        }
    }

    /**
     * Runs stm32flash to completion within the timeout; returns its output, fails on a non-zero
     * exit. stm32flash gives up on any answer that takes more than 0.5 s (VTIME = 5, no retry
     * for a command's ACK), which a heavily loaded host can cause by scheduling alone: such a
     * step is run once more, after the bootloader's inter-byte timeout has dropped the
     * half-received command (as a real chip does). Any other failure, or a second one, fails.
     */
    private String run(final Path stm32flash, final String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(stm32flash.toString());
        command.addAll(Arrays.asList(args));
        for (int attempt = 1; ; attempt++) {
            final Path log = Files.createTempFile(folder, "stm32flash-", ".log");
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.to(log.toFile())).start();
            try {
                final boolean exited = process.waitFor(TOOL_TIMEOUT_S, TimeUnit.SECONDS);
                final String output = lastProgress(Files.readString(log, StandardCharsets.UTF_8));
                System.out.println("$ " + String.join(" ", command) + "\n" + output);
                if (!exited) {
                    fail("stm32flash did not finish within " + TOOL_TIMEOUT_S + " s: " + command + "\n" + output);
                }
                if (process.exitValue() != 0 && attempt == 1 && output.contains(STM32FLASH_READ_TIMEOUT)) {
                    System.out.println("stm32flash timed out waiting 0.5 s for an answer (host load?): running it once more");
                    Thread.sleep(BootloaderConfig.DEFAULT_INTER_BYTE_TIMEOUT_MS + 500);
                    continue;
                }
                assertEquals(0, process.exitValue(), "stm32flash exit code for " + command + "\n" + output);
                return output;
            } finally {
                process.destroyForcibly();
                process.waitFor(BOARD_STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** stm32flash redraws its progress with carriage returns; keeps only the last state of each line. */
    private static String lastProgress(final String output) {
        final StringBuilder lines = new StringBuilder();
        for (final String line : output.split("\n", -1)) {
            final String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            lines.append(trimmed.substring(trimmed.lastIndexOf('\r') + 1)).append('\n');
        }
        return lines.toString().trim();
    }

    private static Optional<Path> findStm32flash() {
        final List<String> folders = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        folders.add("/usr/bin");
        folders.add("/usr/local/bin");
        for (final String folder : folders) {
            if (!folder.isEmpty()) {
                final Path candidate = Path.of(folder, "stm32flash");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The board side of the pty: a thread that polls the pty (so it can always be stopped) and
     * feeds the bootloader until a GO. The bootloader's answers go back on the same pty.
     */
    private static final class PtyBoard implements AutoCloseable {

        private static final long POLL_MS = 1;

        private final InputStream in;
        private final OutputStream out;
        private final An3155Bootloader bootloader;
        private final Thread thread;
        private volatile boolean stopping;
        private volatile long goAddress = An3155Bootloader.NO_JUMP;
        private volatile Throwable failure;

        private PtyBoard(final InputStream in, final OutputStream out, final BootloaderConfig config, final FlashMemory flash) {
            this.in = in;
            this.out = out;
            this.bootloader = new An3155Bootloader(config, flash, out);
            this.thread = new Thread(this::loop, "virtual-board-bootloader");
            this.thread.setDaemon(true);
        }

        static PtyBoard start(final Path end, final BootloaderConfig config, final FlashMemory flash) throws IOException {
            final FileInputStream in = new FileInputStream(end.toFile());
            try {
                final PtyBoard board = new PtyBoard(in, new FileOutputStream(end.toFile()), config, flash);
                board.thread.start();
                return board;
            } catch (final IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        }

        private void loop() {
            final byte[] buffer = new byte[4096];
            try {
                while (!stopping) {
                    final int ready = in.available();
                    if (ready <= 0) {
                        Thread.sleep(POLL_MS);
                        continue;
                    }
                    final int count = in.read(buffer, 0, Math.min(ready, buffer.length));
                    for (int i = 0; i < count; i++) {
                        if (bootloader.accept(buffer[i] & 0xFF)) {
                            goAddress = bootloader.goAddress();
                            return;
                        }
                    }
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (final IOException | RuntimeException e) {
                failure = e;
            }
        }

        /** The GO address once the bootloader has handed control back. */
        long awaitGo(final long timeoutMs) throws InterruptedException {
            thread.join(timeoutMs);
            if (failure != null) {
                throw new AssertionError("the board failed", failure);
            }
            return goAddress;
        }

        @Override
        public void close() throws IOException {
            stopping = true;
            try {
                thread.join(BOARD_STOP_TIMEOUT_MS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                in.close();
            } finally {
                out.close();
            }
            if (thread.isAlive()) {
                throw new AssertionError("the board thread did not stop within " + BOARD_STOP_TIMEOUT_MS + " ms");
            }
            if (failure != null) {
                throw new AssertionError("the board failed", failure);
            }
        }
    }
}
