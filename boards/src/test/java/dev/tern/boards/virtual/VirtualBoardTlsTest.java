package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.firmware.ProvisionedFlash;
import dev.tern.boards.firmware.SensorFirmware;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.tls.CertifiedKey;
import dev.tern.boards.tls.DevPki;
import dev.tern.boards.tls.PkiKeyType;
import dev.tern.boards.tls.TlsCredentials;
import dev.tern.boards.tls.TlsMosquitto;
import dev.tern.boards.tls.TlsSettings;
import dev.tern.boards.virtual.BoardFixture.Started;

/**
 * The real sensor firmware on a virtual board whose HAL speaks TLS to mosquitto's TLS listener
 * (client certificate required): it publishes over TLS, power cuts in the middle of the TLS
 * session lose no QoS 1/2 reading and duplicate no QoS 2 one, and a broker it must not trust
 * gives a named line on its console. An observer subscribes on the broker's plain listener.
 */
@Tag("mosquitto")
@Timeout(90)
class VirtualBoardTlsTest {

    private static final ImageKey KEY = ImageKey.generate(KeyType.ED25519);
    private static final SensorFirmware FIRMWARE = SensorFirmware.find();
    private static final String[] SENSORS = {"temperature", "humidity", "pressure"};
    private static final int[] QOS = {1, 0, 2};
    private static final Duration LINE = Duration.ofSeconds(15);
    private static final Duration READINGS = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    @Test
    void powerCutsInTheMiddleOfATlsSessionLoseNothing() throws Exception {
        try (TlsMosquitto broker = TlsMosquitto.start(Files.createDirectories(folder.resolve("pki")), PkiKeyType.ECDSA_P256)) {
            String id = "tls-board-" + Long.toHexString(System.nanoTime());
            TlsSettings settings = broker.settingsFor(broker.device(id));
            try (ReceivedReadings subscriber = ReceivedReadings.subscribe(broker.mosquitto.serverUri(), id + "-sub", "e2e/" + id);
                 Started started = boot(broker.tlsPort(), id, settings)) {
                started.link().awaitText("mqtt: connected to " + TlsMosquitto.HOST + ":" + broker.tlsPort(), LINE);
                assertTrue(subscriber.await(r -> r.size() >= 10, READINGS), "readings over TLS");

                for (int cut = 0; cut < 3; cut++) {
                    runFor(started, Duration.ofMillis(300 + 150 * cut));
                    started.board().cutPower();
                    assertEquals(BoardMode.OFF, started.board().mode());
                    started.board().powerOn();
                    started.link().awaitText("mqtt: connected to " + TlsMosquitto.HOST + ":" + broker.tlsPort()
                            + " (MQTT 5, session present)", LINE);
                }
                int before = subscriber.readings().size();
                assertTrue(subscriber.await(r -> r.size() >= before + 15, READINGS), "readings after the last power-on");
                for (String sensor : SENSORS) {
                    started.link().sendLine("interval " + sensor + " 86400000");
                }
                assertTrue(subscriber.awaitQuiet(Duration.ofMillis(1500), Duration.ofSeconds(20)), "the readings stop");

                for (int i = 0; i < SENSORS.length; i++) {
                    SequenceReport report = SequenceReport.of(SENSORS[i], QOS[i], subscriber.readings(SENSORS[i]));
                    System.out.println("[tls board] after 3 power cuts: " + report);
                    if (QOS[i] > 0) {
                        assertEquals(List.of(), report.missing(), "no sequence number lost: " + report);
                        assertEquals(List.of(), report.repeated(), "none reused: " + report);
                    }
                    if (QOS[i] == 2) {
                        assertEquals(0, report.duplicates(), "QoS 2 duplicates none: " + report);
                    }
                }
                assertNull(started.board().failure());
                assertFalse(started.link().transcript().contains("PRIVATE KEY"), "no key material on the console");
            }
        }
    }

    @Test
    void anUntrustedBrokerIsNamedOnTheConsoleAndGetsNoMqttConnection() throws Exception {
        try (TlsMosquitto broker = TlsMosquitto.start(Files.createDirectories(folder.resolve("pki")), PkiKeyType.ECDSA_P256)) {
            String id = "tls-untrusting-" + Long.toHexString(System.nanoTime());
            CertifiedKey otherCa = DevPki.createCa("Not the broker's CA", PkiKeyType.ECDSA_P256, TlsMosquitto.VALID);
            TlsSettings settings = TlsSettings.of(TlsCredentials.of(List.of(otherCa.certificate()), broker.device(id), null));
            try (Started started = boot(broker.tlsPort(), id, settings)) {
                String line = started.link().awaitText("), trying again\r\n", LINE);
                String expected = "mqtt: cannot connect to " + TlsMosquitto.HOST + ":" + broker.tlsPort()
                        + " (TRANSPORT_FAILED: TLS_UNTRUSTED_BROKER), trying again";
                System.out.println("[tls board] console: " + expected);
                assertTrue(line.contains(expected), line);
                assertFalse(broker.sawClient(id), "no MQTT connection reached the broker");
                assertTrue(started.link().transcript().contains("session: none stored"), "the session is untouched");
            }
        }
    }

    private Started boot(int port, String id, TlsSettings settings) throws Exception {
        Path flashFile = folder.resolve("flash.bin");
        ProvisionedFlash.write(BoardFixture.VIRTUAL, flashFile, FIRMWARE.signed(KEY), config(port, id));
        Started started = BoardFixture.startConnected(VirtualBoardOptions.of(flashFile, new McubootImageCheck())
                .trustedKeys(List.of(KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .syncWindow(Duration.ofMillis(50))
                .flashTiming(TimingMode.ACCOUNTED)
                .tls(settings));
        started.link().awaitText("ready (type help for commands)\r\n", LINE);
        return started;
    }

    private static String config(int port, String id) {
        StringBuilder lines = new StringBuilder()
                .append("broker.host=").append(TlsMosquitto.HOST).append('\n')
                .append("broker.port=").append(port).append('\n')
                .append("device.id=").append(id).append('\n')
                .append("mqtt.clientId=").append(id).append('\n')
                .append("mqtt.cleanSession=false\n")
                .append("mqtt.reconnectMin=100\n")
                .append("mqtt.reconnectMax=1000\n")
                .append("topic.prefix=e2e/").append(id).append('\n')
                .append("log.trace=false\n");
        for (int i = 0; i < SENSORS.length; i++) {
            lines.append("sensor.").append(SENSORS[i]).append(".qos=").append(QOS[i]).append('\n')
                    .append("sensor.").append(SENSORS[i]).append(".interval=150\n");
        }
        return lines.toString();
    }

    private static void runFor(Started started, Duration time) throws IOException, InterruptedException {
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() - end < 0) {
            started.link().discard(Duration.ZERO);
            Thread.sleep(20);
        }
    }
}
