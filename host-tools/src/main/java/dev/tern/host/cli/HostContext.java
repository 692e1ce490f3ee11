package dev.tern.host.cli;

import java.nio.file.Path;
import java.util.Map;

import dev.tern.host.serial.PortScanner;

/**
 * Where a command looks for the defaults the user did not type: the environment
 * ({@code TERN_PORT}, {@code TERN_BOARD}), the working folder and home (for {@code tern.properties}),
 * and the ports present. Tests give their own.
 */
public record HostContext(Map<String, String> environment, Path workingDir, Path home, PortScanner ports) {

    /** This process's environment, folders and ports. */
    public static HostContext system() {
        return new HostContext(System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")),
                PortScanner.system());
    }
}
