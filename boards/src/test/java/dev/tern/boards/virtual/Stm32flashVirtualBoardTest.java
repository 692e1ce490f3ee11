package dev.tern.boards.virtual;

import static dev.tern.boards.virtual.BoardFixture.LINE;
import static dev.tern.boards.virtual.BoardFixture.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.flash.TimeFigure;
import dev.tern.boards.flash.TimingMode;

import dev.tern.testsupport.PtyPair;

/**
 * The real {@code stm32flash}, unchanged, flashes an image into the virtual board's application
 * slot over a socat pty pair (8N1) and starts it with GO: the board verifies it and runs it.
 * SKIPPED where stm32flash or socat is missing.
 */
@Tag("socat")
@Tag("stm32flash")
@Timeout(120)
class Stm32flashVirtualBoardTest {

    private static final long TOOL_TIMEOUT_S = 60;

    @TempDir
    Path folder;

    @Test
    void stm32flashWritesTheImageAndItsGoBootsTheVerifiedFirmware() throws Exception {
        final Path stm32flash = find().orElse(null);
        Assumptions.assumeTrue(stm32flash != null, "stm32flash is not installed: apt-get install stm32flash to run this test");
        final Path image = folder.resolve("image.bin");
        Files.write(image, FakeImage.firmware("2.1.0"));
        try (PtyPair pty = PtyPair.open();
             // flash timed for real at the datasheet maxima: the 128 KB sector's erase keeps the board busy 1.1 s
             VirtualBoard board = VirtualBoard.start(options(folder).boot0(true).console(ConsoleEndpoint.pty(pty.b()))
                     .flashTiming(TimingMode.REAL).flashTimes(TimeFigure.MAX))) {
            final String output = run(stm32flash, "-b", "115200", "-m", "8n1", "-w", image.toString(), "-v",
                    "-S", "0x08020000", "-g", "0x08020000", pty.a().toString());
            assertTrue(output.contains("0x0449 (STM32F74xxx/75xxx)"), output);
            assertTrue(output.contains("Starting execution at address 0x08020000... done."), output);
            assertEquals(1_100_000_000L, board.flashWear().get(0).busy().longestStallNanos(),
                    "stm32flash waited out the sector erase at its maximum time");
            assertTrue(board.awaitMode(BoardMode.RUNNING, LINE), "the image GO started was not running");
            try (HostLink link = HostLink.pty(pty.a())) {
                // Ask the running firmware, rather than wait for its boot lines: the board prints them
                // the moment GO is acknowledged, and stm32flash may flush them away as it closes the
                // port, before this link opens. The board runs nothing unverified (VirtualBoardBootTest
                // and SecureBootTest check the boot line), and the firmware names its image version.
                link.sendLine("whoami");
                link.awaitText("loader tern-image-2.1.0+0, hal false\r\n", LINE);
            }
            assertEquals(BoardMode.RUNNING, board.mode());
        }
    }

    private String run(final Path tool, final String... args) throws Exception {
        final List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(Arrays.asList(args));
        final Path log = folder.resolve("stm32flash.log");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.to(log.toFile())).start();
        try {
            if (!process.waitFor(TOOL_TIMEOUT_S, TimeUnit.SECONDS)) {
                fail("stm32flash did not finish within " + TOOL_TIMEOUT_S + " s: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            final String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), "stm32flash exit code\n" + output);
            return output;
        } finally {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Optional<Path> find() {
        final List<String> folders = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        folders.add("/usr/bin");
        for (final String dir : folders) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "stm32flash"))) {
                return Optional.of(Path.of(dir, "stm32flash"));
            }
        }
        return Optional.empty();
    }
}
