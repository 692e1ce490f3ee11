package dev.tern.bench.powercut;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * The real sensor firmware as {@code tern flash} would put it on the virtual board: the
 * {@code tern-firmware} jar on the class path (or a jar made from its classes folder), signed
 * into an MCUboot image, written into the app slot of a flash file with a config page.
 * (The boards module's tests do the same with their own helper.)
 */
final class SensorFirmware {

    static final BoardDefinition VIRTUAL = new BoardLoader().load("virtual");
    private static final Pattern NUMERIC_VERSION = Pattern.compile("^(\\d+(?:\\.\\d+){0,2})");

    private SensorFirmware() {
    }

    /** The firmware jar's bytes. */
    static byte[] jar() throws IOException {
        Path location;
        try {
            location = Path.of(SensorApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        return Files.isDirectory(location) ? jarOf(location) : Files.readAllBytes(location);
    }

    /** What the boot banner says: the version resource inside the jar. */
    static String version(byte[] jar) throws IOException {
        String resource = "dev/tern/app/" + FirmwareVersion.RESOURCE;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                if (resource.equals(entry.getName())) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                }
            }
        }
        throw new IOException("the firmware jar holds no " + resource);
    }

    /** The jar signed with {@code key}, at the numeric part of its version (0.1.0 for 0.1.0-SNAPSHOT). */
    static byte[] signed(byte[] jar, ImageKey key) throws Exception {
        Matcher m = NUMERIC_VERSION.matcher(version(jar));
        if (!m.find()) {
            throw new IllegalStateException("not a numeric version: " + version(jar));
        }
        return new ImageSigner(SignOptions.defaults(ImageVersion.parse(m.group(1)))).sign(jar, key);
    }

    /** Writes the image into the app slot and the config page (each erased first). */
    static void provision(Path flashFile, byte[] image, String configLines) throws IOException {
        FlashGeometry geometry = VIRTUAL.flash().geometry();
        try (FlashMemory flash = FlashMemory.open(flashFile, geometry)) {
            Region app = VIRTUAL.appSlot();
            for (long at = app.address(); at < app.address() + image.length; ) {
                int page = geometry.pageAt(at);
                flash.erasePage(page);
                at = geometry.pageAddress(page) + geometry.pageSize(page);
            }
            flash.program(app.address(), image, 0, image.length);
            Region config = VIRTUAL.configPage();
            int page = geometry.pageAt(config.address());
            flash.erasePage(page);
            byte[] encoded = ConfigPage.encodePage(configLines, geometry.pageSize(page));
            flash.program(config.address(), encoded, 0, encoded.length);
        }
    }

    private static byte[] jarOf(Path classes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(Firmware.MANIFEST_ATTRIBUTE, SensorApp.class.getName());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
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
}
