package dev.tern.host.image;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.tern.boards.image.ImageFormat;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.PrivateKeyFiles;
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
        if (publicOutput != null && PrivateKeyFiles.sameFile(output, publicOutput)) {
            throw new ParameterException(spec.commandLine(), "-o " + output + " and --public " + publicOutput
                    + " are the same file: the public key would replace the private key; give --public another name, e.g. "
                    + output.getFileName() + ".pub");
        }
        PrivateKeyFiles.refuseToOverwrite(output, force);
        if (publicOutput != null) {
            PrivateKeyFiles.refuseToOverwrite(publicOutput, force);
        }
        ImageKey key = ImageKey.generate(type);
        PrivateKeyFiles.writeOwnerOnly(output, key.privateKeyPem().getBytes(StandardCharsets.US_ASCII), force);
        spec.commandLine().getOut().println("wrote " + type + " private key to " + output + " (readable by its owner only)");
        if (publicOutput != null) {
            ImageFiles.write(publicOutput, key.publicKeyPem().getBytes(StandardCharsets.US_ASCII), "public key");
            spec.commandLine().getOut().println("wrote public key to " + publicOutput);
        }
        spec.commandLine().getOut().println("key hash sha256:" + ImageFormat.hex(key.keyHash()));
        return ExitCodes.OK;
    }
}
