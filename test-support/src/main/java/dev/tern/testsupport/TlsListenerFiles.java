package dev.tern.testsupport;

import java.nio.file.Path;

/**
 * The PEM files of a broker's TLS listener: the CA it trusts for client certificates, its own
 * certificate (chain) and its private key; and the oldest TLS version it accepts, in mosquitto's
 * spelling ({@code tlsv1.2}; {@code tlsv1.1} for a listener an up-to-date client must refuse).
 */
public record TlsListenerFiles(Path caFile, Path certFile, Path keyFile, String minimumVersion) {

    public TlsListenerFiles(final Path caFile, final Path certFile, final Path keyFile) {
        this(caFile, certFile, keyFile, "tlsv1.2");
    }
}
