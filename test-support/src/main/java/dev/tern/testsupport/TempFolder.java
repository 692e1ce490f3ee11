package dev.tern.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A temporary folder that a fixture owns and deletes, with everything in it, when closed. */
final class TempFolder implements AutoCloseable {

    private final Path path;

    private TempFolder(final Path path) {
        this.path = path;
    }

    static TempFolder create(final String prefix) {
        try {
            final TempFolder folder = new TempFolder(Files.createTempDirectory(prefix));
            LastResortCleanup.register(folder);
            return folder;
        } catch (final IOException e) {
            throw new UncheckedIOException("could not create a temporary folder " + prefix
                    + "* under " + System.getProperty("java.io.tmpdir") + " (is it writable?)", e);
        }
    }

    Path path() {
        return path;
    }

    Path resolve(final String name) {
        return path.resolve(name);
    }

    Path createFolder(final String name) {
        try {
            return Files.createDirectories(path.resolve(name));
        } catch (final IOException e) {
            throw new UncheckedIOException("could not create folder " + path.resolve(name), e);
        }
    }

    /** Deletes the folder and its content; links are deleted, never followed. */
    @Override
    public void close() {
        if (Files.exists(path)) {
            final List<Path> deepestFirst;
            try (Stream<Path> tree = Files.walk(path)) {
                deepestFirst = tree.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
            } catch (final IOException e) {
                throw new UncheckedIOException("could not list temporary folder " + path + " to delete it", e);
            }
            for (final Path entry : deepestFirst) {
                try {
                    Files.deleteIfExists(entry);
                } catch (final IOException e) {
                    throw new UncheckedIOException("could not delete " + entry + " in temporary folder " + path, e);
                }
            }
        }
        LastResortCleanup.unregister(this);
    }

    @Override
    public String toString() {
        return "temporary folder " + path;
    }
}
