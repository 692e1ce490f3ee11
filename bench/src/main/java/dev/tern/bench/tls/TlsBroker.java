package dev.tern.bench.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.tern.boards.tls.CertValidity;
import dev.tern.boards.tls.CertifiedKey;
import dev.tern.boards.tls.DevPki;
import dev.tern.boards.tls.Pem;
import dev.tern.boards.tls.PkiKeyType;
import dev.tern.boards.tls.TlsCredentials;
import dev.tern.boards.tls.TlsSettings;
import dev.tern.testsupport.MosquittoBroker;
import dev.tern.testsupport.TlsListenerFiles;

/**
 * mosquitto with a plain and a TLS listener (client certificates required), its CA, broker and
 * device certificates made by {@link DevPki} with one key type; PEM files in {@code folder}.
 */
final class TlsBroker implements AutoCloseable {

    /** A DNS name (so SNI is sent) that resolves to 127.0.0.1. */
    static final String HOST = "localhost";
    private static final CertValidity VALID = CertValidity.days(Instant.now(), 30);

    private final CertifiedKey ca;
    private final PkiKeyType keyType;
    private final MosquittoBroker mosquitto;

    private TlsBroker(CertifiedKey ca, PkiKeyType keyType, MosquittoBroker mosquitto) {
        this.ca = ca;
        this.keyType = keyType;
        this.mosquitto = mosquitto;
    }

    static TlsBroker start(Path folder, PkiKeyType keyType) throws IOException {
        CertifiedKey ca = DevPki.createCa("Tern bench CA", keyType, VALID);
        CertifiedKey broker = DevPki.issueBroker(ca, HOST, keyType, VALID);
        Path caFile = Files.writeString(folder.resolve("ca.pem"), Pem.certificate(ca.certificate()));
        Path certFile = Files.writeString(folder.resolve("broker.pem"), Pem.certificates(broker.chain()));
        Path keyFile = Files.writeString(folder.resolve("broker.key"), Pem.privateKey(broker.privateKey()));
        return new TlsBroker(ca, keyType, MosquittoBroker.startWithTls(new TlsListenerFiles(caFile, certFile, keyFile)));
    }

    int tlsPort() {
        return mosquitto.tlsPort();
    }

    int plainPort() {
        return mosquitto.port();
    }

    /** A board's settings: trusts this CA, presents a device certificate of the broker's key type. */
    TlsSettings device(String boardId, String... protocols) {
        CertifiedKey device = DevPki.issueDevice(ca, boardId, keyType, VALID);
        TlsSettings settings = TlsSettings.of(TlsCredentials.of(List.of(ca.certificate()), device, null));
        return protocols.length == 0 ? settings : settings.withProtocols(protocols);
    }

    @Override
    public void close() {
        mosquitto.close();
    }
}
