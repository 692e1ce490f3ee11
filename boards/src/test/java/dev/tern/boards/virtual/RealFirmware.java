package dev.tern.boards.virtual;

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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.tern.app.ConfigPage;
import dev.tern.app.FirmwareVersion;
import dev.tern.app.SensorApp;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.definition.Region;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.ImageSigner;
import dev.tern.boards.image.ImageVersion;
import dev.tern.boards.image.SignOptions;
import dev.tern.hal.Firmware;

/**
 * The real sensor firmware as a board runs it: the {@code tern-firmware} jar on the test class
 * path (under {@code mvn verify} in the reactor, firmware/target/tern-firmware-VERSION.jar), or
 * a jar built from its classes folder when the class path holds that instead (an IDE), signed
 * into an MCUboot image and written into a virtual board's flash file with a config page.
 */
final class RealFirmware {

    static final BoardDefinition VIRTUAL = new BoardLoader().load("virtual");
    private static final String VERSION_RESOURCE = "dev/tern/app/" + FirmwareVersion.RESOURCE;
    private static final Pattern NUMERIC_VERSION = Pattern.compile("^(\\d+(?:\\.\\d+){0,2})");

    private static byte[] jar;

    private RealFirmware() {
    }

    /** The firmware jar's bytes (read or built once). */
    static synchronized byte[] jar() {
        if (jar == null) {
            try {
                final Path location = Path.of(SensorApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                jar = Files.isDirectory(location) ? jarOf(location) : Files.readAllBytes(location);
                System.out.println("[e2e] firmware " + (Files.isDirectory(location) ? "jar built from " : "jar ") + location
                        + " (" + jar.length + " bytes)");
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            } catch (final URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return jar.clone();
    }

    /** What the banner says: the version resource inside the jar (e.g. 0.1.0-SNAPSHOT). */
    static String version() {
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar()))) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                if (VERSION_RESOURCE.equals(entry.getName())) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the firmware jar holds no " + VERSION_RESOURCE);
    }

    /** The MCUboot header version for the firmware version: its numeric part (0.1.0 for 0.1.0-SNAPSHOT). */
    static String imageVersion() {
        final Matcher m = NUMERIC_VERSION.matcher(version());
        if (!m.find()) {
            throw new IllegalStateException("not a numeric version: " + version());
        }
        return m.group(1);
    }

    static byte[] signed(final ImageKey key) throws Exception {
        return new ImageSigner(SignOptions.defaults(ImageVersion.parse(imageVersion()))).sign(jar(), key);
    }

    /** Writes the image into the app slot and the config page (each erased first), as {@code tern flash} would. */
    static void provision(final Path flashFile, final byte[] image, final String configLines) throws IOException {
        final FlashGeometry geometry = VIRTUAL.flash().geometry();
        try (FlashMemory flash = FlashMemory.open(flashFile, geometry)) {
            final Region app = VIRTUAL.appSlot();
            for (long at = app.address(); at < app.address() + image.length; ) {
                final int page = geometry.pageAt(at);
                flash.erasePage(page);
                at = geometry.pageAddress(page) + geometry.pageSize(page);
            }
            flash.program(app.address(), image, 0, image.length);
            final Region config = VIRTUAL.configPage();
            final int page = geometry.pageAt(config.address());
            flash.erasePage(page);
            final byte[] encoded = ConfigPage.encodePage(configLines, geometry.pageSize(page));
            flash.program(config.address(), encoded, 0, encoded.length);
        }
    }

    private static byte[] jarOf(final Path classes) throws IOException {
        final Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(Firmware.MANIFEST_ATTRIBUTE, SensorApp.class.getName());
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (final Path file : files) {
                final String name = classes.relativize(file).toString().replace('\\', '/');
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
}
