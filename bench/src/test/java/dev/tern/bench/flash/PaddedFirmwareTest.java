package dev.tern.bench.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The padded jar is exactly the size asked and keeps every entry of the jar it grew from. */
class PaddedFirmwareTest {

    @TempDir
    Path folder;

    @Test
    void padsAJarToTheExactSizeAndKeepsItsEntries() throws Exception {
        Path jar = folder.resolve("small.jar");
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.putNextEntry(new JarEntry("a/Hello.txt"));
            out.write(hello);
            out.closeEntry();
        }
        byte[] padded = PaddedFirmware.of(jar, 10_000);
        assertEquals(10_000, padded.length);
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(padded))) {
            assertNotNull(in.getManifest());
            JarEntry entry = in.getNextJarEntry();
            assertEquals("a/Hello.txt", entry.getName());
            assertArrayEquals(hello, in.readAllBytes());
            assertEquals(PaddedFirmware.PADDING_ENTRY, in.getNextJarEntry().getName());
        }
    }

    @Test
    void theSmallestSizeIsOneThePaddingCanReachAndNoLess() throws Exception {
        Path jar = folder.resolve("small.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.putNextEntry(new JarEntry("a/Hello.txt"));
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            out.closeEntry();
        }
        int smallest = PaddedFirmware.smallestSize(jar);
        assertEquals(smallest, PaddedFirmware.of(jar, smallest).length);
        assertThrows(IllegalArgumentException.class, () -> PaddedFirmware.of(jar, smallest - 1));
    }
}
