package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.boards.firmware.SensorFirmware;
import dev.tern.boards.flash.TimeFigure;
import dev.tern.boards.flash.TimingMode;
import dev.tern.boards.image.ImageKey;
import dev.tern.boards.image.KeyType;
import dev.tern.boards.virtual.BoardMode;
import dev.tern.boards.virtual.DeviceWear;
import dev.tern.boards.virtual.McubootImageCheck;
import dev.tern.boards.virtual.VirtualBoard;
import dev.tern.boards.virtual.VirtualBoardOptions;
import dev.tern.host.Tern;
import dev.tern.host.cli.ExitCodes;
import dev.tern.testsupport.BrokerKind;
import dev.tern.testsupport.SharedBrokers;
import dev.tern.testsupport.TestBroker;

/**
 * {@code tern flash} end to end: the real sensor firmware jar, signed with a fresh key, flashed
 * over the virtual board's console socket into a blank board (secure boot trusts only that key),
 * with broker and QoS settings in the config page. The board verifies and boots the image, its
 * firmware reports its version, and a Paho subscriber receives its temperature readings at QoS 2
 * (the firmware's default for temperature is 1). Then the same flash again, entered through the
 * running firmware's {@code bootloader} command, skips every page and writes 0 bytes.
 */
@Timeout(120)
class FlashVirtualBoardTest {

    @RegisterExtension
    static final SharedBrokers BROKERS = new SharedBrokers();

    /**
     * The board's flash timed for real at its datasheet maxima (a 32 KB sector 500 ms, 128 KB 1.1 s,
     * 256 KB 2 s): {@code tern flash} waits each erase out, as it must on a real STM32F7.
     */
    @Tag("slow")
    @Test
    void flashesABoardWhoseErasesTakeTheirDatasheetMaximum() throws Exception {
        Path image = TestImages.write(folder, "image.bin", TestImages.signed(150 * 1024, 7)); // app sectors 4 and 5
        VirtualBoardOptions options = VirtualBoardOptions.of(folder.resolve("timed.bin"), new McubootImageCheck())
                .syncWindow(Duration.ofMillis(50))
                .bootloaderGetChecksum(true)
                .flashTiming(TimingMode.REAL)
                .flashTimes(TimeFigure.MAX);
        try (VirtualBoard board = VirtualBoard.start(options)) {
            assertTrue(board.awaitMode(BoardMode.BOOTLOADER, LINE), "a blank board stays in its bootloader");
            Tern run = Tern.run("flash", image, "--port", board.consoleUrl(), "--no-go", "--set", "log.trace=false");
            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            DeviceWear main = board.flashWear().get(0);
            assertEquals(1, main.erases()[1], "the config sector");
            assertEquals(1, main.erases()[4], "the app slot's 128 KB sector");
            assertEquals(1, main.erases()[5], "the app slot's first 256 KB sector");
            assertEquals(2_000_000_000L, main.busy().longestStallNanos(), "the 256 KB sector's erase took its 2 s maximum");
            assertNull(board.failure(), "board failure");
        }
    }

    private static final Duration LINE = Duration.ofSeconds(15);

    @TempDir
    Path folder;

    @Tag("mosquitto")
    @Test
    void theFlashedFirmwareBootsPublishesAtTheQosSetAndAnUnchangedReflashSkipsItsPages() throws Exception {
        TestBroker broker = BROKERS.get(BrokerKind.MOSQUITTO);
        SensorFirmware firmware = SensorFirmware.find();
        String version = firmware.version();
        String numeric = firmware.imageVersion();
        ImageKey key = ImageKey.generate(KeyType.ED25519);
        byte[] signed = firmware.signed(key);
        Path imageFile = TestImages.write(folder, "tern-firmware.bin", signed);
        String pages = TestImages.pages(TestImages.appPages(signed.length) + 1); // and the config page
        String id = "flash-e2e-" + Long.toHexString(System.nanoTime());
        Path config = folder.resolve("board.cfg");
        Files.writeString(config, "broker.host=127.0.0.1\nbroker.port=" + broker.port() + "\nmqtt.clientId=" + id
                + "\ntopic.prefix=" + id + "\nsensor.temperature.interval=200\nlog.trace=false\n");

        List<Integer> temperatureQos = new CopyOnWriteArrayList<>();
        MqttClient subscriber = subscribe(broker.serverUri(), id + "/temperature", temperatureQos);
        VirtualBoardOptions options = VirtualBoardOptions.of(folder.resolve("flash.bin"), new McubootImageCheck())
                .trustedKeys(List.of(key.publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .syncWindow(Duration.ofMillis(50))
                .bootloaderGetChecksum(true)
                // today's SessionStore erases half the 2 MB session region per save: counted, not waited for
                .flashTiming(TimingMode.ACCOUNTED);
        try (VirtualBoard board = VirtualBoard.start(options)) {
            assertTrue(board.awaitMode(BoardMode.BOOTLOADER, LINE), "a blank board stays in its bootloader");
            Object[] flash = {"flash", imageFile, "--port", board.consoleUrl(), "--config", config,
                "--set", "sensor.temperature.qos=2"};

            Tern first = Tern.run(flash);
            System.out.println("[flash e2e] first flash:\n" + first.out + first.err);
            assertEquals(ExitCodes.OK, first.exitCode, first.toString());
            assertTrue(first.out.contains("bootloader 3.1 on " + board.consoleUrl() + ": chip 0x449, erase 0x44, GET_CHECKSUM yes"),
                    first.out);
            assertTrue(first.out.contains("verify ok (crc, " + pages + ")"), first.out);
            assertTrue(first.out.contains("board: boot: image " + numeric + "+0 verified ("), first.out);
            assertTrue(board.awaitMode(BoardMode.RUNNING, LINE), "the flashed image runs");
            assertTrue(console(board.consoleUrl(), "status", "version=" + version + " "), "the firmware says its version");
            awaitReadings(temperatureQos, 3);
            assertEquals(List.of(2), temperatureQos.stream().distinct().toList(),
                    "temperature readings arrive at QoS 2, as --set asked: " + temperatureQos);

            Tern second = Tern.run(flash);
            System.out.println("[flash e2e] unchanged re-flash:\n" + second.out + second.err);
            assertEquals(ExitCodes.OK, second.exitCode, second.toString());
            assertTrue(second.out.contains("done: 0 B written, "), second.out);
            assertTrue(second.out.contains("0 pages erased, " + pages + " skipped (unchanged)"), second.out);
            assertTrue(second.out.contains("board: boot: image "), second.out);
            assertTrue(board.awaitMode(BoardMode.RUNNING, LINE), "it runs again");
            assertNull(board.failure(), "board failure");
        } finally {
            subscriber.disconnectForcibly(1_000);
            subscriber.close();
        }
    }

    private static MqttClient subscribe(String serverUri, String topic, List<Integer> qosSeen) throws Exception {
        MqttClient client = new MqttClient(serverUri, "sub-" + Long.toHexString(System.nanoTime()), new MemoryPersistence());
        client.setTimeToWait(10_000);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // the test fails on missing readings
            }

            @Override
            public void messageArrived(String arrivedTopic, MqttMessage message) {
                qosSeen.add(message.getQos());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // subscriber only
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setConnectionTimeout(10);
        client.connect(options);
        client.subscribe(topic, 2);
        return client;
    }

    private static void awaitReadings(List<Integer> seen, int count) throws InterruptedException {
        long deadline = System.nanoTime() + LINE.toNanos();
        while (seen.size() < count && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
        }
        assertTrue(seen.size() >= count, "temperature readings within " + LINE + ": " + seen);
    }

    /** Sends a command line on the board's console; true when {@code expected} came back in time. */
    private static boolean console(String url, String command, String expected) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(200);
            socket.getOutputStream().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder seen = new StringBuilder();
            byte[] chunk = new byte[1024];
            long deadline = System.nanoTime() + LINE.toNanos();
            while (System.nanoTime() - deadline < 0) {
                try {
                    int count = socket.getInputStream().read(chunk);
                    if (count < 0) {
                        break;
                    }
                    seen.append(new String(chunk, 0, count, StandardCharsets.UTF_8));
                    if (seen.indexOf(expected) >= 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    // keep waiting until the deadline
                }
            }
            System.out.println("[flash e2e] console said: " + seen);
            return false;
        }
    }
}
