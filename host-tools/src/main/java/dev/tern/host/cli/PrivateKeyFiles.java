package dev.tern.host.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writing a private key file: readable by its owner only from the first byte, never over a key without --force. */
public final class PrivateKeyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PrivateKeyFiles() {
    }

    /** Fails (exit 1) when {@code path} exists and {@code force} is off: a key is never replaced by accident. */
    public static void refuseToOverwrite(Path path, boolean force) {
        if (!force && Files.exists(path)) {
            throw new TernException(ExitCodes.FAILURE, path + " exists; refusing to overwrite a key (use --force to replace it)");
        }
    }

    /** Created with 0600 from the start, so the key is never readable by others, even briefly. */
    public static void writeOwnerOnly(Path path, byte[] pem, boolean replace) {
        try {
            if (replace) {
                Files.deleteIfExists(path); // a new file, so the 0600 it is created with holds
            }
            if (Files.getFileAttributeView(path.toAbsolutePath().getParent(),
                    PosixFileAttributeView.class) != null) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.setPosixFilePermissions(path, OWNER_ONLY); // in case a umask took owner bits away
            } else {
                Files.createFile(path);
                File file = path.toFile();
                boolean restricted = file.setReadable(false, false) && file.setReadable(true, true)
                        && file.setWritable(false, false) && file.setWritable(true, true);
                if (!restricted) {
                    throw new IOException("cannot restrict its permissions to the owner");
                }
            }
            Files.write(path, pem);
        } catch (FileAlreadyExistsException e) {
            throw new TernException(ExitCodes.FAILURE, path + " exists; refusing to overwrite a key (use --force to replace it)", e);
        } catch (IOException e) {
            throw IoErrors.inputError("private key", path, e);
        }
    }

    /** The same file however spelled (relative, ./, ../, through a symlink), whether or not it exists yet. */
    public static boolean sameFile(Path a, Path b) {
        return canonical(a).equals(canonical(b));
    }

    /** The real path of the file, or of its parent folder with the name added when the file does not exist yet. */
    private static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(absolute) && !Files.exists(absolute); hops++) {
            try { // a link to a file not made yet: where writing through it would create the file
                absolute = absolute.resolveSibling(Files.readSymbolicLink(absolute)).normalize();
            } catch (IOException unreadable) {
                break;
            }
        }
        try {
            return absolute.toRealPath();
        } catch (IOException missing) {
            Path parent = absolute.getParent();
            try {
                return parent == null ? absolute : parent.toRealPath().resolve(absolute.getFileName());
            } catch (IOException noParent) {
                return absolute;
            }
        }
    }
}
