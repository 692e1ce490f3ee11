package dev.tern.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} without a display, to look at a page as a person would: its
 * screenshot at a fixed window size and scale 1 (so SVG coordinates are pixels), and its DOM once
 * rendered. Where chromium is not installed the test is aborted (SKIPPED, naming the package).
 * Every run is bounded by {@link #TIMEOUT_SECONDS} and uses a profile folder of its own.
 */
public final class HeadlessChromium {

    static final long TIMEOUT_SECONDS = 60;
    private static final ExternalTool CHROMIUM = new ExternalTool("chromium", "chromium");

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The installed chromium; aborts the test when there is none. */
    public static HeadlessChromium assumeInstalled() {
        return new HeadlessChromium(CHROMIUM.assumeInstalled());
    }

    /** Renders {@code page} in a {@code width} x {@code height} window and writes its PNG to {@code png}. */
    public Path screenshot(Path page, int width, int height, Path png) throws IOException {
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height);
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot to " + png);
        }
        return png;
    }

    /** The document as chromium parsed it. */
    public String dumpDom(Path page) throws IOException {
        return run(page, "--dump-dom");
    }

    private String run(Path page, String... args) throws IOException {
        try (TempFolder profile = TempFolder.create("tern-chromium-")) {
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run", "--disable-extensions",
                    "--user-data-dir=" + profile.path()));
            command.addAll(List.of(args));
            command.add(page.toAbsolutePath().toUri().toString());
            Path log = profile.resolve("chromium.log");
            Path out = profile.resolve("stdout.txt");
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while chromium rendered " + page, e);
            }
            if (process.exitValue() != 0) {
                throw new IOException("chromium exit " + process.exitValue() + ": " + Files.readString(log, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        }
    }
}
