package dev.tern.host.image;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.tern.boards.image.ImageFormat;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.IoErrors;
import dev.tern.host.cli.TernException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tern keygen}: a new image signing key in PEM, readable by its owner only. */
@Command(name = "keygen",
        mixinStandardHelpOptions = true,
        header = "Make a key to sign images with (Ed25519 unless --type says otherwise).",
        description = {
            "Writes an unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----), the format imgtool "
                + "writes and reads, created readable and writable by its owner only (0600). "
                + "--public also writes the public key (SubjectPublicKeyInfo) to provision into boards.",
        })
public final class KeygenCommand implements Callable<Integer> {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Private key file to create.")
    Path output;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "ed25519", converter = KeyTypeConverter.class,
            description = "ed25519 (default) or ecdsa-p256.")
    KeyType type;

    @Option(names = "--public", paramLabel = "FILE", description = "Also write the public key to FILE.")
    Path publicOutput;

    @Option(names = "--force", description = "Replace existing key files.")
    boolean force;

    @Override
    public Integer call() {
        if (publicOutput != null && sameFile(output, publicOutput)) {
            throw new ParameterException(spec.commandLine(), "-o " + output + " and --public " + publicOutput
                    + " are the same file: the public key would replace the private key; give --public another name, e.g. "
                    + output.getFileName() + ".pub");
        }
        refuseToOverwrite(output);
        if (publicOutput != null) {
            refuseToOverwrite(publicOutput);
        }
        ImageKey key = ImageKey.generate(type);
        writeOwnerOnly(output, key.privateKeyPem().getBytes(StandardCharsets.US_ASCII), force);
        spec.commandLine().getOut().println("wrote " + type + " private key to " + output + " (readable by its owner only)");
        if (publicOutput != null) {
            ImageFiles.write(publicOutput, key.publicKeyPem().getBytes(StandardCharsets.US_ASCII), "public key");
            spec.commandLine().getOut().println("wrote public key to " + publicOutput);
        }
        spec.commandLine().getOut().println("key hash sha256:" + ImageFormat.hex(key.keyHash()));
        return ExitCodes.OK;
    }

    /** The same file however spelled (relative, ./, ../, through a symlink), whether or not it exists yet. */
    static boolean sameFile(Path a, Path b) {
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

    private void refuseToOverwrite(Path path) {
        if (!force && Files.exists(path)) {
            throw new TernException(ExitCodes.FAILURE, path + " exists; refusing to overwrite a key (use --force to replace it)");
        }
    }

    /** Created with 0600 from the start, so the key is never readable by others, even briefly. */
    private static void writeOwnerOnly(Path path, byte[] pem, boolean replace) {
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
}
