package dev.tern.host.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tern.boards.tls.Pem;
import dev.tern.boards.tls.PemFormatException;
import dev.tern.boards.tls.TlsSession;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;

/**
 * {@code tern demo --tls}: the development PKI made with {@code tern cert} as a user would (a CA,
 * a certificate for the broker's host name, one for the board's device id), the options that
 * make {@code tern flash} install the board's part in its credentials region, and HiveMQ's part.
 */
final class DemoTls {

    /** The name the board connects to: a DNS name (so SNI is sent); the broker's certificate also holds 127.0.0.1. */
    static final String BROKER_HOST = "localhost";

    private final Path folder;

    private DemoTls(Path folder) {
        this.folder = folder;
    }

    /** Runs {@code tern cert ca}, {@code broker} and {@code device} into {@code work}/tls. */
    static DemoTls make(TernCommands tern, Path work, String device) throws IOException {
        DemoTls tls = new DemoTls(Files.createDirectories(work.resolve("tls")));
        tls.cert(tern, List.of("ca", "-o", tls.file("ca.pem"), "--key-out", tls.file("ca-key.pem")));
        tls.cert(tern, List.of("broker", "--host", BROKER_HOST, "--ca", tls.file("ca.pem"), "--ca-key", tls.file("ca-key.pem"),
                "-o", tls.file("broker.pem"), "--key-out", tls.file("broker-key.pem")));
        tls.cert(tern, List.of("device", "--board-id", device, "--ca", tls.file("ca.pem"), "--ca-key", tls.file("ca-key.pem"),
                "-o", tls.file("device.pem"), "--key-out", tls.file("device-key.pem")));
        return tls;
    }

    private void cert(TernCommands tern, List<String> args) {
        List<String> command = new ArrayList<>(List.of("cert"));
        command.addAll(args);
        int code = tern.run(command);
        if (code != ExitCodes.OK) {
            throw new TernException(code, "making the demo's certificates failed (exit " + code + ", see above)");
        }
    }

    private String file(String name) {
        return folder.resolve(name).toString();
    }

    /** What {@code tern flash} adds to install the CA, the device certificate and its key in the credentials region. */
    List<String> flashOptions() {
        return List.of("--ca", file("ca.pem"), "--device-cert", file("device.pem"), "--device-key", file("device-key.pem"));
    }

    /** HiveMQ's TLS listener on {@code port}: the broker's key and chain, and the CA the boards' certificates chain to. */
    DemoBrokerLoader.Tls listener(int port) throws IOException {
        try {
            return new DemoBrokerLoader.Tls(port, Pem.readPrivateKey(read("broker-key.pem")), Pem.readCertificates(read("broker.pem")),
                    Pem.readCertificates(read("ca.pem")));
        } catch (PemFormatException e) {
            throw new IOException("the demo's own certificates do not read back: " + e.getMessage(), e);
        }
    }

    private String read(String name) throws IOException {
        return Files.readString(folder.resolve(name));
    }

    /** For the summary: the protocol, the broker name the board verified, and the name its certificate gave the board. */
    static String describe(TlsSession session) {
        if (session == null) {
            return "TLS: the board established no TLS session";
        }
        return "TLS: " + session.protocol() + ", broker verified as " + session.verifiedBrokerName() + " (" + session.brokerSubject()
                + "), device " + (session.deviceSubject().isEmpty() ? "presented no certificate" : session.deviceSubject());
    }
}
