package dev.tern.boards.virtual;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.tern.boards.virtual.testfirmware.EchoFirmware;
import dev.tern.hal.Firmware;

/**
 * Builds the test firmware's jar: the compiled classes of the {@code testfirmware} package, a
 * banner resource saying its version, and the manifest attribute naming {@link EchoFirmware}.
 */
final class TestFirmwareJar {

    private static final String PACKAGE = "dev/tern/boards/virtual/testfirmware/";

    private TestFirmwareJar() {
    }

    /** A jar whose firmware prints {@code test firmware VERSION on BOARD}. */
    static byte[] build(final String version) {
        return build(version, EchoFirmware.class.getName());
    }

    /** As above, with any {@code Tern-Firmware} attribute (null: none). */
    static byte[] build(final String version, final String firmwareClass) {
        final Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (firmwareClass != null) {
            manifest.getMainAttributes().putValue(Firmware.MANIFEST_ATTRIBUTE, firmwareClass);
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            final Path classes = Path.of(EchoFirmware.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final List<Path> files;
            try (Stream<Path> listing = Files.list(classes.resolve(PACKAGE))) {
                files = listing.filter(f -> f.toString().endsWith(".class")).sorted().collect(Collectors.toList());
            }
            for (final Path file : files) {
                jar.putNextEntry(new JarEntry(PACKAGE + file.getFileName()));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("testfirmware/banner.txt"));
            jar.write(("test firmware " + version).getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
