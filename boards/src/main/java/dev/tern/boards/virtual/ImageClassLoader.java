package dev.tern.boards.virtual;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import dev.tern.hal.Firmware;

/**
 * Loads a firmware image's payload (a jar, in memory) in its own class loader, as a board
 * runs only what was flashed:
 * <ul>
 * <li>{@code java.*} from the JDK, and {@code dev.tern.hal.*} from the board, so the HAL
 * interfaces the firmware implements and calls are the board's own;</li>
 * <li>every other class and resource from the jar first (child-first), then from the JDK's
 * platform loader; never from the board's class path, so a firmware that works here carries
 * everything it needs (the MQTT engine included).</li>
 * </ul>
 * Resources of the jar are served under {@code tern-image:} URLs.
 */
final class ImageClassLoader extends ClassLoader {

    private static final String HAL_PACKAGE = "dev.tern.hal.";
    private static final String CLASS_SUFFIX = ".class";
    static final String NOT_A_JAR = "not a jar";

    private final ClassLoader board;
    private final Map<String, byte[]> entries;
    private final Manifest manifest;
    private final URLStreamHandler handler = new EntryHandler();

    private ImageClassLoader(final String name, final ClassLoader board, final Map<String, byte[]> entries, final Manifest manifest) {
        super(name, ClassLoader.getPlatformClassLoader());
        this.board = board;
        this.entries = entries;
        this.manifest = manifest;
    }

    /** Reads the jar; fails when it is not one. */
    static ImageClassLoader of(final String name, final byte[] jar, final int offset, final int length) throws IOException {
        final Map<String, byte[]> entries = new HashMap<>();
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar, offset, length))) {
            manifest = in.getManifest();
            JarEntry entry;
            while ((entry = in.getNextJarEntry()) != null) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        if (manifest == null && entries.containsKey(JarFile.MANIFEST_NAME)) {
            manifest = new Manifest(new ByteArrayInputStream(entries.get(JarFile.MANIFEST_NAME)));
        }
        if (entries.isEmpty()) {
            throw new IOException(NOT_A_JAR + ": it has no entries");
        }
        return new ImageClassLoader(name, Firmware.class.getClassLoader(), entries, manifest == null ? new Manifest() : manifest);
    }

    /** The {@code Tern-Firmware} attribute of the jar's manifest, or null. */
    String firmwareClassName() {
        final Attributes main = manifest.getMainAttributes();
        return main.getValue(Firmware.MANIFEST_ATTRIBUTE);
    }

    /** Whether the jar itself holds the class {@code name} (not the JDK or the board). */
    boolean holdsClass(final String name) {
        return entries.containsKey(name.replace('.', '/') + CLASS_SUFFIX);
    }

    @Override
    protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                if (name.startsWith(HAL_PACKAGE)) {
                    loaded = board.loadClass(name);
                } else if (name.startsWith("java.")) {
                    loaded = getParent().loadClass(name);
                } else {
                    final byte[] bytes = entries.get(name.replace('.', '/') + CLASS_SUFFIX);
                    loaded = bytes != null ? defineClass(name, bytes, 0, bytes.length) : getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(final String name) {
        final URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    protected URL findResource(final String name) {
        if (!entries.containsKey(name)) {
            return null;
        }
        try {
            return new URL(null, "tern-image:/" + name, handler);
        } catch (final MalformedURLException e) {
            return null;
        }
    }

    /** Opens {@code tern-image:/NAME} as the jar entry NAME. */
    private final class EntryHandler extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(final URL url) throws IOException {
            final byte[] bytes = entries.get(url.getPath().substring(1));
            if (bytes == null) {
                throw new IOException("no such entry in the image: " + url);
            }
            return new URLConnection(url) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(bytes);
                }
            };
        }
    }
}
