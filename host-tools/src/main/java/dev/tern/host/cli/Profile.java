package dev.tern.host.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The saved settings of {@code tern.properties}, as PlatformIO's {@code platformio.ini} keeps an
 * {@code upload_port}: {@code port=/dev/ttyACM0} and {@code board=stm32f746g-disco}. The first file
 * found counts: {@code ./tern.properties} (this project's board), then
 * {@code $XDG_CONFIG_HOME/tern/tern.properties} ({@code ~/.config/tern/tern.properties}).
 */
public final class Profile {

    public static final String FILE_NAME = "tern.properties";

    private final Path file;
    private final Properties values;

    private Profile(Path file, Properties values) {
        this.file = file;
        this.values = values;
    }

    /** The first profile found, or an empty one (no file). */
    public static Profile find(HostContext context) {
        String xdg = context.environment().get("XDG_CONFIG_HOME");
        Path config = xdg == null || xdg.isBlank() ? context.home().resolve(".config") : Path.of(xdg);
        for (Path candidate : new Path[] {context.workingDir().resolve(FILE_NAME), config.resolve("tern").resolve(FILE_NAME)}) {
            if (Files.isRegularFile(candidate)) {
                return load(candidate);
            }
        }
        return new Profile(null, new Properties());
    }

    private static Profile load(Path file) {
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new TernException(ExitCodes.USAGE, "cannot read the profile " + file + ": " + e.getMessage()
                    + " (key=value lines: port=..., board=...)", e);
        }
        return new Profile(file, values);
    }

    /** The value of {@code key}, trimmed, when the profile sets it to something. */
    public Optional<String> value(String key) {
        String value = values.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** {@code port= in ./tern.properties}, for saying where a setting came from. */
    public String describe(String key) {
        return key + "= in " + file;
    }
}
