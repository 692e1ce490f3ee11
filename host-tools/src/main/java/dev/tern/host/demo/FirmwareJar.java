package dev.tern.host.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tern.app.SensorApp;
import dev.tern.hal.Firmware;

/**
 * The sensor firmware the demo flashes: the {@code tern-firmware} jar tern itself was built with
 * (tern-host.jar's {@code lib/}, or {@code firmware/target/} in a build), found where the class
 * {@link SensorApp} was loaded from. When that is a classes folder (an IDE), a jar is made from it.
 */
public final class FirmwareJar {

    private static final String VERSION_MANIFEST_ATTRIBUTE = "Tern-Firmware-Version";
    private static final Pattern NUMERIC_VERSION = Pattern.compile("^(\\d+(?:\\.\\d+){0,2})");

    private final Path jar;
    private final String version;

    private FirmwareJar(Path jar, String version) {
        this.jar = jar;
        this.version = version;
    }

    /** Finds the jar; a jar made from a classes folder is written into {@code workDir}. */
    public static FirmwareJar find(Path workDir) throws IOException {
        Path location;
        try {
            location = Path.of(SensorApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the firmware classes are", e);
        }
        Path jar = Files.isDirectory(location) ? jarOf(location, workDir.resolve("tern-firmware.jar")) : location;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            if (!SensorApp.class.getName().equals(main.getValue(Firmware.MANIFEST_ATTRIBUTE))) {
                throw new IllegalStateException(jar + " is not the sensor firmware: its manifest lacks "
                        + Firmware.MANIFEST_ATTRIBUTE + ": " + SensorApp.class.getName());
            }
            String version = main.getValue(VERSION_MANIFEST_ATTRIBUTE);
            return new FirmwareJar(jar, version == null ? "0.0.0" : version);
        }
    }

    public Path path() {
        return jar;
    }

    /** The firmware's version, as its banner shows it (0.1.0-SNAPSHOT). */
    public String version() {
        return version;
    }

    /** The MCUboot image version: the numeric part of {@link #version()} (0.1.0). */
    public String imageVersion() {
        Matcher m = NUMERIC_VERSION.matcher(version);
        return m.find() ? m.group(1) : "0.0.0";
    }

    private static Path jarOf(Path classes, Path out) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(Firmware.MANIFEST_ATTRIBUTE, SensorApp.class.getName());
        manifest.getMainAttributes().putValue(VERSION_MANIFEST_ATTRIBUTE, dev.tern.app.FirmwareVersion.read());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream bytes = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Path file : files) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (name.startsWith("META-INF/MANIFEST")) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(name));
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return jar + " (version " + version + ")";
    }
}
