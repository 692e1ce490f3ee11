package dev.tern.host.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The one place that turns an {@link IOException} on a path or address the user gave into a
 * sentence saying what was wrong and what to do, instead of the exception's raw text
 * ({@code java.nio.file.NoSuchFileException: /proc/x}). A path the user named that cannot be
 * read or written is an input error: {@link #inputError} ends the command with exit 2; so is an
 * address that is not this machine's given to a server ({@link #bindError}).
 */
public final class IoErrors {

    /** Kernel file systems: they hold no ordinary files, and nothing can be created in them. */
    private static final List<Path> KERNEL_FILE_SYSTEMS = List.of(Path.of("/proc"), Path.of("/sys"));

    private IoErrors() {
    }

    /** The bytes of a file the user named ({@code what}: "image", "config file"); exit 2 with a sentence when unreadable. */
    public static byte[] read(String what, Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw inputError(what, path, e);
        }
    }

    /** Writes a file the user named; exit 2 with a sentence when it cannot be written. */
    public static void write(String what, Path path, byte[] bytes) {
        try {
            Files.write(path, bytes);
        } catch (IOException e) {
            throw inputError(what, path, e);
        }
    }

    /** Exit 2 with {@link #describe}. */
    public static TernException inputError(String what, Path path, IOException error) {
        return new TernException(ExitCodes.USAGE, describe(what, path, error), error);
    }

    /**
     * {@code what path: what was wrong; what to do}, e.g. "log file /nonexistent/x.log: the folder
     * /nonexistent does not exist; create it or pick another path". {@code what} may be null.
     */
    public static String describe(String what, Path path, IOException error) {
        String subject = (what == null ? "" : what + " ") + path;
        Path absolute = path.toAbsolutePath().normalize();
        for (Path kernel : KERNEL_FILE_SYSTEMS) {
            if (absolute.startsWith(kernel) && !absolute.equals(kernel)) {
                return subject + ": " + kernel + " is a kernel file system, which holds no files of yours; "
                        + "pick a path in an ordinary folder";
            }
        }
        Path parent = absolute.getParent();
        if (error instanceof NoSuchFileException || error instanceof FileNotFoundException && !Files.exists(absolute)) {
            if (parent != null && !Files.isDirectory(parent)) {
                return subject + ": the folder " + parent + " does not exist; create it or pick another path";
            }
            return subject + " does not exist; check the path";
        }
        if (error instanceof AccessDeniedException) {
            return subject + ": permission denied; check its permissions (ls -l) or pick another path";
        }
        if (error instanceof FileAlreadyExistsException) {
            return subject + " exists already; remove it or pick another path";
        }
        if (error instanceof NotDirectoryException || parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            return subject + ": " + parent + " is a file, not a folder; pick another path";
        }
        if (error instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return subject + ": " + fileSystem.getReason();
        }
        return subject + ": " + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
    }

    /** The sentence for an {@code IOException} with no path given: the path it names, if any. */
    public static String describe(IOException error) {
        if (error instanceof FileSystemException fileSystem && fileSystem.getFile() != null) {
            return describe(null, Path.of(fileSystem.getFile()), error);
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    /**
     * Checks that {@code file} can be written (created when missing, then removed again), so a
     * bad path is refused with a sentence before anything starts.
     */
    public static void checkWritable(String what, Path file) {
        boolean existed = Files.exists(file);
        try {
            FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            throw inputError(what, file, e);
        }
        if (!existed) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw inputError(what, file, e);
            }
        }
    }

    /**
     * Why a server could not listen on {@code address} ({@code socket://HOST:PORT}): {@code host}
     * is not this machine's (only its own addresses can be bound: exit 2), or another program
     * holds the port (exit 3).
     */
    public static TernException bindError(String address, String host, BindException error) {
        if (!isLocal(host)) {
            return new TernException(ExitCodes.USAGE, "cannot listen on " + address + ": " + host + " is not an address of this "
                    + "machine, and a server can only listen on its own; use 127.0.0.1 (this machine only) or 0.0.0.0 "
                    + "(every interface)", error);
        }
        return new TernException(ExitCodes.UNREACHABLE, "cannot listen on " + address + ": the port is taken (" + error.getMessage()
                + "); is another 'tern sim' running? pick another port (0: any free one)", error);
    }

    private static boolean isLocal(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() || address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }
}
