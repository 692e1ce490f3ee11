package dev.tern.boards.firmware;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tern.app.FirmwareVersion;
import dev.tern.app.SensorApp;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageSigner;
import dev.tern.boards.image.ImageTooLargeException;
import dev.tern.boards.image.ImageVersion;
import dev.tern.boards.image.SignOptions;
import dev.tern.hal.Firmware;

/**
 * The real sensor firmware as a board runs it: the {@code tern-firmware} jar where {@link SensorApp}
 * was loaded from (tern-host.jar's {@code lib/}, or firmware/target/ in the Maven reactor), or a jar
 * made from its classes folder (an IDE). Its version is the one its boot banner shows: the
 * {@link FirmwareVersion#RESOURCE} inside the jar.
 */
public final class SensorFirmware {

    private static final String VERSION_ENTRY = SensorApp.class.getPackageName().replace('.', '/') + "/" + FirmwareVersion.RESOURCE;
    private static final Pattern NUMERIC_VERSION = Pattern.compile("^(\\d+(?:\\.\\d+){0,2})");

    private final Path location;
    private final byte[] jar;
    private final String version;

    private SensorFirmware(Path location, byte[] jar, String version) {
        this.location = location;
        this.jar = jar;
        this.version = version;
    }

    /**
     * The firmware on this class path.
     *
     * @throws IllegalStateException when the jar there is not the sensor firmware or has no version
     * @throws UncheckedIOException when it cannot be read
     */
    public static SensorFirmware find() {
        Path location;
        try {
            location = Path.of(SensorApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the firmware classes are", e);
        }
        try {
            if (Files.isDirectory(location)) {
                byte[] jar = jarOf(location);
                return new SensorFirmware(null, jar, versionIn(location, jar));
            }
            byte[] jar = Files.readAllBytes(location);
            requireSensorApp(location, jar);
            return new SensorFirmware(location, jar, versionIn(location, jar));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the firmware at " + location + ": " + e.getMessage(), e);
        }
    }

    /** The jar's bytes (a copy). */
    public byte[] jar() {
        return jar.clone();
    }

    /** The jar as a file: the one found, or (built from classes) written into {@code folder} as tern-firmware.jar. */
    public Path jarFile(Path folder) throws IOException {
        return location != null ? location : Files.write(folder.resolve("tern-firmware.jar"), jar);
    }

    /** What the boot banner says, e.g. 0.1.0-SNAPSHOT. */
    public String version() {
        return version;
    }

    /** The MCUboot image version: the numeric part of {@link #version()} (0.1.0 for 0.1.0-SNAPSHOT). */
    public String imageVersion() {
        return numericPart(version);
    }

    /** The jar signed with {@code key} at {@link #imageVersion()}, with the default image options. */
    public byte[] signed(ImageKey key) throws ImageTooLargeException {
        return new ImageSigner(SignOptions.defaults(ImageVersion.parse(imageVersion()))).sign(jar, key);
    }

    /** The leading {@code major[.minor[.revision]]} of {@code version}. */
    static String numericPart(String version) {
        Matcher m = NUMERIC_VERSION.matcher(version);
        if (!m.find()) {
            throw new IllegalStateException("the firmware version has no numeric part: version=" + version);
        }
        return m.group(1);
    }

    private static String versionIn(Path location, byte[] jar) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                if (VERSION_ENTRY.equals(entry.getName())) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                }
            }
        }
        throw new IllegalStateException(location + " holds no " + VERSION_ENTRY + ": not a built sensor firmware");
    }

    private static void requireSensorApp(Path location, byte[] jar) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            String firmware = manifest == null ? null : manifest.getMainAttributes().getValue(Firmware.MANIFEST_ATTRIBUTE);
            if (!SensorApp.class.getName().equals(firmware)) {
                throw new IllegalStateException(location + " is not the sensor firmware: its manifest lacks "
                        + Firmware.MANIFEST_ATTRIBUTE + ": " + SensorApp.class.getName());
            }
        }
    }

    private static byte[] jarOf(Path classes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(Firmware.MANIFEST_ATTRIBUTE, SensorApp.class.getName());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (Path file : files) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (name.startsWith("META-INF/MANIFEST")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public String toString() {
        return (location == null ? "tern-firmware built from its classes" : location.toString()) + " (version " + version + ")";
    }
}
