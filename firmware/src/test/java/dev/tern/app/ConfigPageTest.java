package dev.tern.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import dev.tern.hal.testing.FlashFake;

class ConfigPageTest {

    private final FlashFake flash = new FlashFake(1, 1024);
    private final ConfigPage page = new ConfigPage();
    private final AppConfig config = new AppConfig("virtual");

    private void write(byte[] bytes) {
        flash.erase(0);
        flash.program(0, bytes, 0, bytes.length);
    }

    private int read() {
        int status = page.read(flash, config);
        config.resolve();
        return status;
    }

    @Test
    void roundTripAppliesEverySetting() {
        write(ConfigPage.encodePage("device.id=board-7\n"
                + "broker.host=10.0.0.2\r\n"
                + "broker.port=8883\n"
                + "  mqtt.clientId = client-7  \n"
                + "mqtt.keepAlive=30\n"
                + "mqtt.cleanSession=true\n"
                + "# a comment\n\n"
                + "topic.prefix=plant/line1\n"
                + "sensor.temperature.qos=2\n"
                + "sensor.humidity.interval=250\n"
                + "sensor.pressure.interval_ms=750\n"
                + "sensor.pressure.enabled=off\n"
                + "sensor.humidity.topic=plant/rh\n"
                + "log.trace=false\n"
                + "log.level=debug\n"
                + "mqtt.outgoingSlots=4\n"
                + "mqtt.maxPacketSize=512", 1024));

        assertEquals(ConfigPage.OK, read());
        assertEquals(16, page.applied());
        assertEquals(0, page.warningCount());
        assertEquals("board-7", config.deviceId);
        assertEquals("10.0.0.2", config.brokerHost);
        assertEquals(8883, config.brokerPort);
        assertEquals("client-7", config.clientId);
        assertArrayEquals("client-7".getBytes(StandardCharsets.UTF_8), config.mqtt.clientId);
        assertEquals(30, config.mqtt.keepAliveSeconds);
        assertTrue(config.mqtt.cleanSession);
        assertEquals("plant/line1", config.topicPrefix);
        assertEquals(2, config.sensorQos[0]);
        assertEquals(250, config.sensorIntervalMillis[1]);
        assertEquals(750, config.sensorIntervalMillis[2]);
        assertFalse(config.sensorEnabled[2]);
        assertEquals("plant/line1/temperature", config.sensorTopic[0]);
        assertEquals("plant/rh", config.sensorTopic[1]);
        assertFalse(config.trace);
        assertEquals(Log.DEBUG, config.logLevel);
        assertEquals(4, config.mqtt.outgoingSlots);
        assertEquals(512, config.mqtt.maxPacketSize);
    }

    @Test
    void headerIsMagicVersionLengthAndZlibCrc() {
        byte[] body = "a=b\n".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[ConfigPage.encodedLength(body.length)];
        assertEquals(out.length, ConfigPage.encode(body, 0, body.length, out, 0));
        assertArrayEquals(new byte[] {'T', 'C', 'F', 'G', 0, 1, 0, 0, 0, 0, 0, 4}, java.util.Arrays.copyOf(out, 12));
        CRC32 crc = new CRC32();
        crc.update(out, 0, 12);
        crc.update(body);
        assertEquals((int) crc.getValue(), RegionFrame.getInt(out, RegionFrame.CRC_OFFSET));
        assertArrayEquals(body, java.util.Arrays.copyOfRange(out, ConfigPage.HEADER_LENGTH, out.length));
    }

    @Test
    void blankPageGivesDefaults() {
        assertEquals(ConfigPage.BLANK, read());
        assertEquals("virtual", config.deviceId);
        assertEquals("virtual", config.clientId);
        assertEquals("tern/virtual", config.topicPrefix);
        assertEquals("tern/virtual/pressure", config.sensorTopic[2]);
        assertEquals("127.0.0.1", config.brokerHost);
        assertEquals(1883, config.brokerPort);
        assertFalse(config.mqtt.cleanSession);
        assertEquals(60, config.mqtt.keepAliveSeconds);
        assertEquals(new dev.tern.mqtt.client.MqttConfig().outgoingSlots, config.mqtt.outgoingSlots);
        assertArrayEquals(new int[] {1, 0, 2}, config.sensorQos);
        assertTrue(config.trace);
        assertEquals(Log.INFO, config.logLevel);
    }

    @Test
    void flippedCrcOrBodyByteIsCorruptAndNothingApplies() {
        byte[] good = ConfigPage.encodePage("broker.port=1999\n", 1024);
        byte[] crcFlipped = good.clone();
        crcFlipped[RegionFrame.CRC_OFFSET + 3] ^= 0x01;
        write(crcFlipped);
        assertEquals(ConfigPage.BAD_CRC, read());
        assertEquals(1883, config.brokerPort);

        byte[] bodyFlipped = good.clone();
        bodyFlipped[ConfigPage.HEADER_LENGTH + 13] ^= 0x01; // "1999" becomes "1998"
        write(bodyFlipped);
        assertEquals(ConfigPage.BAD_CRC, read());
        assertEquals(1883, config.brokerPort);
    }

    @Test
    void badMagicVersionAndLengthAreCorrupt() {
        byte[] good = ConfigPage.encodePage("broker.port=1999\n", 1024);
        byte[] magic = good.clone();
        magic[0] = 'X';
        write(magic);
        assertEquals(ConfigPage.BAD_MAGIC, read());

        byte[] version = good.clone();
        version[RegionFrame.VERSION_OFFSET + 1] = 2;
        write(version);
        assertEquals(ConfigPage.UNSUPPORTED_VERSION, read());

        byte[] length = good.clone();
        RegionFrame.putInt(length, RegionFrame.BODY_LENGTH_OFFSET, 5000);
        write(length);
        assertEquals(ConfigPage.BAD_LENGTH, read());
        assertTrue(ConfigPage.isFailure(ConfigPage.BAD_LENGTH));
        assertEquals(1883, config.brokerPort);
    }

    @Test
    void unknownKeyIsWarnedAndIgnored() {
        write(ConfigPage.encodePage("foo.bar=1\nsensor.wind.qos=1\nbroker.port=1999\n", 1024));
        assertEquals(ConfigPage.OK, read());
        assertEquals(1, page.applied());
        assertEquals(2, page.warningCount());
        assertEquals(ConfigPage.UNKNOWN_KEY, page.warningStatus(0));
        assertEquals("foo.bar=1", page.warningLine(0));
        assertEquals(ConfigPage.UNKNOWN_KEY, page.warningStatus(1));
        assertEquals(1999, config.brokerPort);
    }

    @Test
    void badValueKeepsTheDefault() {
        write(ConfigPage.encodePage("sensor.temperature.qos=3\nbroker.port=http\nmqtt.cleanSession=maybe\n"
                + "device.id=a/b\nno equals sign\nsensor.humidity.qos=2\n", 1024));
        assertEquals(ConfigPage.OK, read());
        assertEquals(1, page.applied());
        assertEquals(5, page.warningCount());
        for (int i = 0; i < 4; i++) {
            assertEquals(ConfigPage.BAD_VALUE, page.warningStatus(i), page.warningLine(i));
        }
        assertEquals(ConfigPage.BAD_LINE, page.warningStatus(4));
        assertEquals(1, config.sensorQos[0]);
        assertEquals(2, config.sensorQos[1]);
        assertEquals(1883, config.brokerPort);
        assertFalse(config.mqtt.cleanSession);
        assertEquals("virtual", config.deviceId);
    }

    @Test
    void pageTooSmallForTheSettingsIsRefusedByTheEncoder() {
        try {
            ConfigPage.encodePage("x=" + "y".repeat(100), 64);
            throw new AssertionError("expected a refusal");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("do not fit"));
        }
    }
}
