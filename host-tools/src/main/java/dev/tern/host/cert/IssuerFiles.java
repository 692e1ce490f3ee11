package dev.tern.host.cert;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.tern.boards.tls.CertifiedKey;
import dev.tern.boards.tls.Pem;
import dev.tern.boards.tls.PemFormatException;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.IoErrors;
import dev.tern.host.cli.TernException;
import picocli.CommandLine.Option;

/** The CA that signs a broker or device certificate: its certificate and key, read and checked to belong together. */
final class IssuerFiles {

    @Option(names = "--ca", required = true, paramLabel = "FILE", description = "The CA certificate ('tern cert ca -o').")
    Path caFile;

    @Option(names = "--ca-key", required = true, paramLabel = "FILE", description = "The CA's private key ('tern cert ca --key-out').")
    Path caKeyFile;

    CertifiedKey read() {
        X509Certificate ca = readCertificate();
        if (ca.getBasicConstraints() < 0) {
            throw new TernException(ExitCodes.USAGE, "--ca " + caFile + ": " + ca.getSubjectX500Principal().getName()
                    + " is not a CA certificate (no basicConstraints CA:true): it cannot sign certificates; make one with tern cert ca");
        }
        PrivateKey key = readKey();
        if (!KeyMatch.belongs(key, ca)) {
            throw new TernException(ExitCodes.USAGE, "--ca-key " + caKeyFile + " is not the key of the CA in " + caFile + " ("
                    + ca.getSubjectX500Principal().getName() + "): give the key written with it by tern cert ca --key-out");
        }
        return new CertifiedKey(List.of(ca), key);
    }

    private X509Certificate readCertificate() {
        String pem = new String(IoErrors.read("CA certificate", caFile), StandardCharsets.US_ASCII);
        try {
            return Pem.readCertificates(pem).get(0);
        } catch (PemFormatException e) {
            throw new TernException(ExitCodes.USAGE, "--ca " + caFile + ": " + e.getMessage(), e);
        }
    }

    private PrivateKey readKey() {
        String pem = new String(IoErrors.read("CA key", caKeyFile), StandardCharsets.US_ASCII);
        try {
            return Pem.readPrivateKey(pem);
        } catch (PemFormatException e) {
            throw new TernException(ExitCodes.USAGE, "--ca-key " + caKeyFile + ": " + e.getMessage(), e);
        }
    }
}
