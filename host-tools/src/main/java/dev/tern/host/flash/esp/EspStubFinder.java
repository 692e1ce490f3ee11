package dev.tern.host.flash.esp;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the esptool on this machine keeps its ESP32 flasher stub: {@code TERN_ESP_STUB}, then the
 * places pip, PlatformIO, ESP-IDF and Debian install esptool, then {@code esptool} or
 * {@code esptool.py} on {@code PATH} resolved to its package. In a package, esptool 5's
 * {@code targets/stub_flasher/2/esp32.json} is preferred to its {@code 1/esp32.json} and to
 * esptool 4's {@code targets/stub_flasher/stub_flasher_32.json}.
 */
public final class EspStubFinder {

    /** The variable that names a stub file. */
    public static final String VARIABLE = "TERN_ESP_STUB";

    private static final List<String> IN_PACKAGE = List.of("targets/stub_flasher/2/esp32.json", "targets/stub_flasher/1/esp32.json",
            "targets/stub_flasher/stub_flasher_32.json");
    /** Debian's python3-esptool and a system-wide pip. */
    static final List<Path> SYSTEM_SITES = List.of(Path.of("/usr/lib/python3/dist-packages"), Path.of("/usr/local/lib"),
            Path.of("/usr/lib"));

    /** A stub file and how it was found ("TERN_ESP_STUB", "esptool on PATH: /usr/bin/esptool"). */
    public record Found(Path file, String source) {
    }

    private final Map<String, String> environment;
    private final Path home;
    private final List<Path> systemSites;

    public EspStubFinder(Map<String, String> environment, Path home) {
        this(environment, home, SYSTEM_SITES);
    }

    EspStubFinder(Map<String, String> environment, Path home, List<Path> systemSites) {
        this.environment = environment;
        this.home = home;
        this.systemSites = systemSites;
    }

    /** The first stub found, or empty. */
    public Optional<Found> find() {
        String named = environment.get(VARIABLE);
        if (named != null && !named.isBlank()) {
            return Optional.of(new Found(Path.of(named), VARIABLE));
        }
        List<Path> packages = new ArrayList<>();
        sitePackages(home.resolve(".local/lib"), packages);
        packages.add(home.resolve(".platformio/packages/tool-esptoolpy/esptool"));
        for (Path env : children(home.resolve(".espressif/python_env"))) {
            sitePackages(env.resolve("lib"), packages);
        }
        for (Path site : systemSites) {
            packages.add(site.resolve("esptool"));
            sitePackages(site, packages);
        }
        for (Path folder : packages) {
            Optional<Path> stub = inPackage(folder);
            if (stub.isPresent()) {
                return Optional.of(new Found(stub.get(), "esptool in " + folder));
            }
        }
        return onPath();
    }

    /** The places looked in, for the message when none held a stub. */
    public String lookedIn() {
        return VARIABLE + ", ~/.local, ~/.platformio, ~/.espressif, /usr/lib/python3/dist-packages, esptool on PATH";
    }

    /** esptool or esptool.py on PATH: its package beside it, or in the lib folder of its prefix (bin/..). */
    private Optional<Found> onPath() {
        String path = environment.getOrDefault("PATH", "");
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            for (String name : List.of("esptool", "esptool.py")) {
                Path program = Path.of(folder, name);
                if (!Files.isRegularFile(program)) {
                    continue;
                }
                Path real = program;
                try {
                    real = program.toRealPath();
                } catch (IOException e) {
                    // a dangling link: look beside the name as given
                }
                List<Path> packages = new ArrayList<>();
                Path bin = real.getParent();
                packages.add(bin.resolve("esptool"));
                if (bin.getParent() != null) {
                    packages.add(bin.getParent().resolve("esptool"));
                    sitePackages(bin.getParent().resolve("lib"), packages);
                }
                for (Path candidate : packages) {
                    Optional<Path> stub = inPackage(candidate);
                    if (stub.isPresent()) {
                        return Optional.of(new Found(stub.get(), "esptool on PATH: " + program));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** {@code lib/python3.X/site-packages/esptool} and {@code dist-packages/esptool} under {@code lib}. */
    private static void sitePackages(Path lib, List<Path> into) {
        for (Path python : children(lib)) {
            if (python.getFileName().toString().startsWith("python3")) {
                into.add(python.resolve("site-packages/esptool"));
                into.add(python.resolve("dist-packages/esptool"));
            }
        }
    }

    private static Optional<Path> inPackage(Path folder) {
        for (String relative : IN_PACKAGE) {
            Path file = folder.resolve(relative);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static List<Path> children(Path folder) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                found.add(entry);
            }
        } catch (IOException e) {
            return found;
        }
        found.sort(Comparator.reverseOrder()); // python3.12 before python3.11
        return found;
    }
}
