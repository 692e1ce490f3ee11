package dev.tern.boards.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.tern.testsupport.MosquittoBroker;
import dev.tern.testsupport.TlsListenerFiles;

/**
 * mosquitto with a TLS listener requiring client certificates, its PKI made fresh by
 * {@link DevPki}: a CA, a broker certificate for {@code localhost} (and 127.0.0.1), and device
 * certificates on demand. The PEM files are written in a test's temporary folder.
 */
public final class TlsMosquitto implements AutoCloseable {

    /** The name boards connect to: a DNS name (so SNI is sent) that resolves to 127.0.0.1. */
    public static final String HOST = "localhost";
    public static final CertValidity VALID = CertValidity.days(Instant.now(), 30);

    public final CertifiedKey ca;
    public final CertifiedKey broker;
    public final MosquittoBroker mosquitto;

    private TlsMosquitto(CertifiedKey ca, CertifiedKey broker, MosquittoBroker mosquitto) {
        this.ca = ca;
        this.broker = broker;
        this.mosquitto = mosquitto;
    }

    public static TlsMosquitto start(Path folder, PkiKeyType keyType) throws IOException {
        CertifiedKey ca = DevPki.createCa("Tern test CA", keyType, VALID);
        CertifiedKey broker = DevPki.issueBroker(ca, HOST, keyType, VALID);
        Path caFile = Files.writeString(folder.resolve("ca.pem"), Pem.certificate(ca.certificate()));
        Path certFile = Files.writeString(folder.resolve("broker.pem"), Pem.certificates(broker.chain()));
        Path keyFile = Files.writeString(folder.resolve("broker.key"), Pem.privateKey(broker.privateKey()));
        return new TlsMosquitto(ca, broker, MosquittoBroker.startWithTls(new TlsListenerFiles(caFile, certFile, keyFile)));
    }

    public int tlsPort() {
        return mosquitto.tlsPort();
    }

    /** A device certificate from this broker's CA. */
    public CertifiedKey device(String boardId) {
        return DevPki.issueDevice(ca, boardId, PkiKeyType.ECDSA_P256, VALID);
    }

    /** A board that trusts this CA and presents {@code device}, with the host's clock, TLS 1.2 and 1.3. */
    public TlsSettings settingsFor(CertifiedKey device) {
        return TlsSettings.of(TlsCredentials.of(List.of(ca.certificate()), device, null));
    }

    /** Whether the broker's log shows an MQTT connection of {@code clientId} (it logs each CONNECT it accepts). */
    public boolean sawClient(String clientId) throws IOException {
        return Files.readString(mosquitto.logFile()).contains(" as " + clientId + " ");
    }

    public String log() throws IOException {
        return Files.readString(mosquitto.logFile());
    }

    @Override
    public void close() {
        mosquitto.close();
    }
}
