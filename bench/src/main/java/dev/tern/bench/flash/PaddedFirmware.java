package dev.tern.bench.flash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The firmware jar grown to an exact size: its entries as they are, plus one stored (not
 * compressed) entry of random bytes, {@code bench/padding.bin}, as long as it takes. The result
 * is still a jar the virtual board runs, so a flashed image of it boots.
 */
public final class PaddedFirmware {

    static final String PADDING_ENTRY = "bench/padding.bin";

    private PaddedFirmware() {
    }

    /** The smallest size {@link #of} can make: the jar rebuilt with an empty padding entry. */
    public static int smallestSize(Path firmwareJar) {
        return build(firmwareJar, 0).length;
    }

    /** The jar at {@code firmwareJar} made exactly {@code size} bytes long. */
    public static byte[] of(Path firmwareJar, int size) {
        byte[] empty = build(firmwareJar, 0);
        int padding = size - empty.length;
        if (padding < 0) {
            throw new IllegalArgumentException("firmware jar " + firmwareJar + " is " + empty.length + " bytes, more than size=" + size);
        }
        // a stored entry's bytes add one for one: headers and the central directory do not change with its length
        byte[] jar = build(firmwareJar, padding);
        if (jar.length != size) {
            throw new IllegalStateException("padded jar is " + jar.length + " bytes, wanted " + size);
        }
        return jar;
    }

    private static byte[] build(Path firmwareJar, int paddingBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(firmwareJar.toFile()); ZipOutputStream out = new ZipOutputStream(bytes)) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(in.getInputStream(entry).readAllBytes());
                out.closeEntry();
            }
            byte[] padding = new byte[paddingBytes];
            new Random(256).nextBytes(padding);
            CRC32 crc = new CRC32();
            crc.update(padding);
            ZipEntry pad = new ZipEntry(PADDING_ENTRY);
            pad.setMethod(ZipEntry.STORED);
            pad.setSize(paddingBytes);
            pad.setCompressedSize(paddingBytes);
            pad.setCrc(crc.getValue());
            pad.setTime(0);
            out.putNextEntry(pad);
            out.write(padding);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pad " + firmwareJar, e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code bytes} to {@code file}. */
    static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
