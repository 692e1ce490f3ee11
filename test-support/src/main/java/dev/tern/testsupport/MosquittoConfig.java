package dev.tern.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the mosquitto.conf of a test broker: loopback only, anonymous, persistent, logged to a file. */
final class MosquittoConfig {

    private MosquittoConfig() {
    }

    static String render(final int port, final Path persistenceFolder, final Path logFile, final String user) {
        return "# written by tern test-support for one test broker\n"
                + "listener " + port + " " + Loopback.HOST + "\n"
                + "allow_anonymous true\n"
                + "persistence true\n"
                // mosquitto appends the file name to this prefix, so it needs the trailing slash
                + "persistence_location " + persistenceFolder + "/\n"
                + "log_dest file " + logFile + "\n"
                + "log_type all\n"
                + "log_timestamp_format %H:%M:%S\n"
                + "connection_messages true\n"
                // started as root, mosquitto switches to the user "mosquitto" unless told otherwise,
                // and that user cannot write to our temporary folder; ignored when not root
                + "user " + user + "\n";
    }

    static void write(final Path configFile, final int port, final Path persistenceFolder, final Path logFile,
                      final String extraLines) {
        final String text = render(port, persistenceFolder, logFile, System.getProperty("user.name")) + extraLines;
        try {
            Files.writeString(configFile, text, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("could not write mosquitto config " + configFile, e);
        }
    }

    /** A second listener on loopback speaking TLS 1.2/1.3 and requiring a client certificate signed by the CA. */
    static String tlsListener(final int port, final TlsListenerFiles tls) {
        return "listener " + port + " " + Loopback.HOST + "\n"
                + "cafile " + tls.caFile() + "\n"
                + "certfile " + tls.certFile() + "\n"
                + "keyfile " + tls.keyFile() + "\n"
                + "require_certificate true\n"
                + "tls_version " + tls.minimumVersion() + "\n";
    }
}
