package dev.tern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.hal.Firmware;
import dev.tern.hal.testing.LoopbackBroker;

/**
 * The firmware booted the way a board boots an image: from a jar in its own class loader, only
 * the HAL interfaces shared with the board, entered through the class its manifest names. The
 * banner shows the version inside the jar that was loaded, so flashing N+1 shows N+1.
 */
class FirmwareImageTest {

    @Test
    void eachImageShowsItsOwnVersionInTheBanner(@TempDir Path dir) throws Exception {
        for (String version : List.of("1.4.0", "1.5.0")) {
            Path jar = image(dir.resolve("firmware-" + version + ".jar"), version);
            try (ImageLoader loader = new ImageLoader(jar); JarFile file = new JarFile(jar.toFile())) {
                String entry = file.getManifest().getMainAttributes().getValue(Firmware.MANIFEST_ATTRIBUTE);
                assertEquals("dev.tern.app.SensorApp", entry);
                Firmware firmware = (Firmware) loader.loadClass(entry).getDeclaredConstructor().newInstance();
                FakeBoard board = new FakeBoard("virtual", new LoopbackBroker());
                firmware.boot(board);
                assertEquals("Tern sensor firmware " + version, board.console.messages('I', "boot").get(0));
            }
        }
    }

    /** A firmware jar as the build makes it, from the compiled classes, with the given version resource. */
    static Path image(Path jar, String version) throws IOException, java.net.URISyntaxException {
        Path classes = Path.of(SensorApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(Firmware.MANIFEST_ATTRIBUTE, SensorApp.class.getName());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                jarOut.putNextEntry(new JarEntry(name));
                if (name.equals("dev/tern/app/" + FirmwareVersion.RESOURCE)) {
                    jarOut.write((version + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    jarOut.write(Files.readAllBytes(file));
                }
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    /** Loads everything from the image except the HAL interfaces, which come from the board. */
    static final class ImageLoader extends URLClassLoader {
        private final ClassLoader board = FirmwareImageTest.class.getClassLoader();

        ImageLoader(Path jar) throws IOException {
            super(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("dev.tern.hal.")) {
                return board.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
