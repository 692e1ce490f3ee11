package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.app.CredentialsRegion;
import dev.tern.boards.firmware.ProvisionedFlash;
import dev.tern.boards.firmware.SensorFirmware;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.tls.CertifiedKey;
import dev.tern.boards.tls.DevPki;
import dev.tern.boards.tls.PkiKeyType;
import dev.tern.boards.tls.TlsMosquitto;
import dev.tern.boards.virtual.BoardFixture.Started;
import dev.tern.testsupport.HiveMqBroker;
import dev.tern.testsupport.MosquittoBroker;

/**
 * The virtual board's TLS fed from its credentials region, as a real board is: the firmware
 * reports the region at boot, the HAL's TLS transport takes the CA, device chain and key from it,
 * and a region with a bad CRC or none at all gives a named console line and no connection.
 * HiveMQ CE's TLS listener (client certificates required) takes the region's device certificate
 * and refuses one from another CA.
 */
@Timeout(90)
class VirtualBoardCredentialsTest {

    private static final ImageKey KEY = ImageKey.generate(KeyType.ED25519);
    private static final SensorFirmware FIRMWARE = SensorFirmware.find();
    private static final Duration LINE = Duration.ofSeconds(15);
    private static final List<String> SENSORS = List.of("humidity", "temperature", "pressure");
    private static final Duration READINGS = Duration.ofSeconds(20);
    private static final int REGION = (int) BoardFixture.VIRTUAL.credentialsRegion().size();

    @TempDir
    Path folder;

    @Tag("mosquitto")
    @Test
    void theCredentialsRegionIsWhatTheBoardConnectsWithOverTls() throws Exception {
        try (TlsMosquitto broker = TlsMosquitto.start(Files.createDirectories(folder.resolve("pki")), PkiKeyType.ECDSA_P256)) {
            String id = "creds-board-" + Long.toHexString(System.nanoTime());
            CertifiedKey device = broker.device(id);
            byte[] region = CredentialsRegion.encodeRegion(new byte[][] {broker.ca.certificate().getEncoded()},
                    new byte[][] {device.chain().get(0).getEncoded()}, device.privateKey().getEncoded(), null, REGION);
            try (Started started = boot(TlsMosquitto.HOST, broker.tlsPort(), id, region)) {
                assertTrue(started.link().transcript().contains("tls: credentials OK: 1 CA certificate"),
                        started.link().transcript());
                started.link().awaitText("mqtt: connected to " + TlsMosquitto.HOST + ":" + broker.tlsPort(), LINE);
                assertTrue(broker.sawClient(id), "the broker accepted the board's certificate from its region");
                String key = Base64.getEncoder().encodeToString(device.privateKey().getEncoded());
                assertFalse(started.link().transcript().contains(key.substring(key.length() - 20)), "no key bytes on the console");
                assertNull(started.board().failure());
            }
        }
    }

    @Tag("hivemq")
    @Test
    void hiveMqsTlsListenerTakesTheBoardsRegionCredentialsAndQos012Arrive() throws Exception {
        CertifiedKey ca = DevPki.createCa("Tern test CA", PkiKeyType.ECDSA_P256, TlsMosquitto.VALID);
        CertifiedKey brokerCert = DevPki.issueBroker(ca, TlsMosquitto.HOST, PkiKeyType.ECDSA_P256, TlsMosquitto.VALID);
        CertifiedKey otherCa = DevPki.createCa("Not the broker's client CA", PkiKeyType.ECDSA_P256, TlsMosquitto.VALID);
        try (HiveMqBroker broker = HiveMqBroker.startWithTls(brokerCert.privateKey(), brokerCert.chain(), List.of(ca.certificate()))) {
            String id = "hive-tls-" + Long.toHexString(System.nanoTime());
            try (ReceivedReadings subscriber = ReceivedReadings.subscribe(broker.serverUri(), id + "-sub", "e2e/" + id);
                 Started started = boot(TlsMosquitto.HOST, broker.tlsPort(), id, regionFor(ca, DevPki.issueDevice(ca, id,
                         PkiKeyType.ECDSA_P256, TlsMosquitto.VALID)), sensorLines(id))) {
                started.link().awaitText("mqtt: connected to " + TlsMosquitto.HOST + ":" + broker.tlsPort(), LINE);
                assertTrue(subscriber.await(r -> SENSORS.stream().allMatch(sensor -> r.stream().anyMatch(x -> x.sensor().equals(sensor))),
                        READINGS), "a reading of each sensor over TLS: " + subscriber.readings());
                for (int i = 0; i < SENSORS.size(); i++) {
                    SequenceReport report = SequenceReport.of(SENSORS.get(i), i, subscriber.readings(SENSORS.get(i)));
                    assertEquals(List.of(i), report.qosSeen(), "arrives at its QoS: " + report);
                }
                assertNull(started.board().failure());
            }

            String stranger = "hive-stranger-" + Long.toHexString(System.nanoTime());
            byte[] foreign = regionFor(ca, DevPki.issueDevice(otherCa, stranger, PkiKeyType.ECDSA_P256, TlsMosquitto.VALID));
            try (ReceivedReadings subscriber = ReceivedReadings.subscribe(broker.serverUri(), stranger + "-sub", "e2e/" + stranger);
                 Started started = boot(TlsMosquitto.HOST, broker.tlsPort(), stranger, foreign, sensorLines(stranger))) {
                String line = started.link().awaitText("(TRANSPORT_FAILED: TLS_DEVICE_REJECTED)", LINE);
                System.out.println("[hivemq tls] console: " + line.strip());
                assertTrue(line.contains(TlsMosquitto.HOST + ":" + broker.tlsPort()), line);
                assertFalse(started.link().transcript().contains("mqtt: connected to"), started.link().transcript());
                assertTrue(subscriber.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(5)), "nothing published");
                assertEquals(List.of(), subscriber.readings(), "no reading reached the broker");
            }
        }
    }

    @Test
    void aRegionWithABadCrcIsNamedAndNoConnectionIsMade() throws Exception {
        byte[] region = CredentialsRegion.encodeRegion(new byte[][] {new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}},
                new byte[0][], null, null, REGION);
        region[CredentialsRegion.HEADER_LENGTH + 5] ^= 0x01;
        refusedWith(region, "tls: credentials region unusable (BAD_CRC): no TLS connection will be made",
                "(TRANSPORT_FAILED: CREDENTIALS_BAD_CRC), trying again");
    }

    @Tag("mosquitto")
    @Test
    void tlsWhenCredentialsInstalledSpeaksPlainTcpWhileTheRegionIsBlank() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            String id = "creds-blank-" + Long.toHexString(System.nanoTime());
            try (Started started = boot("127.0.0.1", broker.port(), id, null, "", VirtualBoardOptions::tlsWhenCredentialsInstalled)) {
                assertTrue(started.link().transcript().contains("tls: credentials region blank"), started.link().transcript());
                started.link().awaitText("mqtt: connected to 127.0.0.1:" + broker.port(), LINE);
                assertNull(started.board().tlsSession(), "no TLS session over plain TCP");
            }
        }
    }

    @Test
    void tlsWhenCredentialsInstalledStillRefusesARegionWithABadCrc() throws Exception {
        byte[] region = CredentialsRegion.encodeRegion(new byte[][] {new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}},
                new byte[0][], null, null, REGION);
        region[CredentialsRegion.HEADER_LENGTH + 5] ^= 0x01;
        refusedWith(region, "tls: credentials region unusable (BAD_CRC)", "(TRANSPORT_FAILED: CREDENTIALS_BAD_CRC), trying again",
                VirtualBoardOptions::tlsWhenCredentialsInstalled);
    }

    @Test
    void aBlankRegionIsNamedAndNoConnectionIsMade() throws Exception {
        refusedWith(null, "tls: credentials region blank", "(TRANSPORT_FAILED: CREDENTIALS_BLANK), trying again");
    }

    private void refusedWith(byte[] region, String bootLine, String mqttLine) throws Exception {
        refusedWith(region, bootLine, mqttLine, VirtualBoardOptions::tlsFromCredentialsRegion);
    }

    private void refusedWith(byte[] region, String bootLine, String mqttLine, UnaryOperator<VirtualBoardOptions> tls) throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket socket = listener.accept();
                        accepted.incrementAndGet();
                        socket.close();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (Started started = boot("127.0.0.1", listener.getLocalPort(), "creds-refused", region, "", tls)) {
                assertTrue(started.link().transcript().contains(bootLine), started.link().transcript());
                String line = started.link().awaitText(mqttLine, LINE);
                assertTrue(line.contains("mqtt: cannot connect to 127.0.0.1:" + listener.getLocalPort()), line);
                assertTrue(started.link().transcript().contains("session: none stored"), "the session is untouched");
                assertNull(started.board().failure());
            }
        }
        assertEquals(0, accepted.get(), "no TCP connection reached the broker's port");
    }

    private static byte[] regionFor(CertifiedKey ca, CertifiedKey device) throws Exception {
        return CredentialsRegion.encodeRegion(new byte[][] {ca.certificate().getEncoded()},
                new byte[][] {device.chain().get(0).getEncoded()}, device.privateKey().getEncoded(), null, REGION);
    }

    /** Each sensor at the QoS of its index, often, under e2e/ID. */
    private static String sensorLines(String id) {
        StringBuilder lines = new StringBuilder("topic.prefix=e2e/").append(id).append('\n');
        for (int i = 0; i < SENSORS.size(); i++) {
            lines.append("sensor.").append(SENSORS.get(i)).append(".qos=").append(i).append('\n')
                    .append("sensor.").append(SENSORS.get(i)).append(".interval=150\n");
        }
        return lines.toString();
    }

    private Started boot(String host, int port, String id, byte[] region) throws Exception {
        return boot(host, port, id, region, "");
    }

    private Started boot(String host, int port, String id, byte[] region, String moreConfig) throws Exception {
        return boot(host, port, id, region, moreConfig, VirtualBoardOptions::tlsFromCredentialsRegion);
    }

    private Started boot(String host, int port, String id, byte[] region, String moreConfig, UnaryOperator<VirtualBoardOptions> tls)
            throws Exception {
        Path flashFile = folder.resolve("flash.bin");
        ProvisionedFlash.write(BoardFixture.VIRTUAL, flashFile, FIRMWARE.signed(KEY), "broker.host=" + host + "\nbroker.port=" + port
                + "\ndevice.id=" + id + "\nmqtt.clientId=" + id + "\nmqtt.reconnectMin=100\nmqtt.reconnectMax=1000\nlog.trace=false\n"
                + moreConfig);
        if (region != null) {
            ProvisionedFlash.writeCredentials(BoardFixture.VIRTUAL, flashFile, region);
        }
        Started started = BoardFixture.startConnected(tls.apply(VirtualBoardOptions.of(flashFile, new McubootImageCheck())
                .trustedKeys(List.of(KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .syncWindow(Duration.ofMillis(50))
                .flashTiming(TimingMode.ACCOUNTED)));
        started.link().awaitText("ready (type help for commands)\r\n", LINE);
        return started;
    }
}
