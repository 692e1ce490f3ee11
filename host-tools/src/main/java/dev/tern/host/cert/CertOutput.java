package dev.tern.host.cert;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import dev.tern.boards.tls.CertValidity;
import dev.tern.boards.tls.CertifiedKey;
import dev.tern.boards.tls.Pem;
import dev.tern.boards.tls.PkiKeyType;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.IoErrors;
import dev.tern.host.cli.PrivateKeyFiles;
import dev.tern.host.cli.TernException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** What every {@code tern cert} subcommand writes: the certificate, its key, their type and validity. */
final class CertOutput {

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "The certificate to write (PEM; a chain, the new certificate first, then its CA's).")
    Path certificateFile;

    @Option(names = "--key-out", required = true, paramLabel = "FILE",
            description = "Its private key to write (unencrypted PKCS#8 PEM, readable by its owner only).")
    Path keyFile;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "ecdsa-p256", converter = TypeConverter.class,
            description = "ecdsa-p256 (default) or rsa-2048.")
    PkiKeyType type;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365", description = "Valid for N days from now (default 365).")
    int days;

    @Option(names = "--force", description = "Replace existing files.")
    boolean force;

    /** Refuses what would go wrong before a key is made: existing files, one file for both, a bad --days. */
    void check() {
        if (days < 1) {
            throw new TernException(ExitCodes.USAGE, "--days " + days + ": a certificate must be valid for at least 1 day");
        }
        if (PrivateKeyFiles.sameFile(certificateFile, keyFile)) {
            throw new TernException(ExitCodes.USAGE, "-o " + certificateFile + " and --key-out " + keyFile
                    + " are the same file: the key would replace the certificate; give --key-out another name");
        }
        PrivateKeyFiles.refuseToOverwrite(certificateFile, force);
        PrivateKeyFiles.refuseToOverwrite(keyFile, force);
        IoErrors.checkWritable("certificate", certificateFile);
        IoErrors.checkWritable("private key", keyFile);
    }

    CertValidity validity() {
        return CertValidity.days(Instant.now(), days);
    }

    /** The certificate chain as PEM, then the key, 0600. */
    void write(CertifiedKey issued) {
        IoErrors.write("certificate", certificateFile, Pem.certificates(issued.chain()).getBytes(StandardCharsets.US_ASCII));
        PrivateKeyFiles.writeOwnerOnly(keyFile, Pem.privateKey(issued.privateKey()).getBytes(StandardCharsets.US_ASCII), force);
    }

    /** {@code ecdsa-p256} or {@code rsa-2048}, as the options say them. */
    static String name(PkiKeyType type) {
        return type.name().toLowerCase(Locale.ROOT).replace("_", "-");
    }

    static final class TypeConverter implements ITypeConverter<PkiKeyType> {
        @Override
        public PkiKeyType convert(String value) {
            for (PkiKeyType type : PkiKeyType.values()) {
                if (name(type).equals(value)) {
                    return type;
                }
            }
            throw new TernException(ExitCodes.USAGE, "--type must be ecdsa-p256 or rsa-2048, not '" + value + "'");
        }
    }
}
