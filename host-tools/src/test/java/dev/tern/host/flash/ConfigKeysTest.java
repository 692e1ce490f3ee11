package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tern.app.AppConfig;

/** The words of {@link ConfigKeys} hold to what the firmware's {@link AppConfig#set} decides. */
class ConfigKeysTest {

    @Test
    void everyKeyInTheTableIsOneTheFirmwareKnows() {
        for (String key : ConfigKeys.names()) {
            assertNotEquals(AppConfig.UNKNOWN_KEY, new AppConfig("virtual").set(key, "1"), key);
        }
        for (String sensor : ConfigKeys.SENSORS) {
            assertTrue(AppConfig.sensorIndex(sensor) >= 0, sensor);
        }
    }

    @Test
    void everyRangesEndsAreTheFirmwaresEnds() {
        for (Map.Entry<String, long[]> range : ConfigKeys.ranges().entrySet()) {
            String key = range.getKey();
            long min = range.getValue()[0];
            long max = range.getValue()[1];
            assertEquals(AppConfig.OK, new AppConfig("virtual").set(key, Long.toString(min)), key + "=" + min);
            assertEquals(AppConfig.OK, new AppConfig("virtual").set(key, Long.toString(max)), key + "=" + max);
            assertEquals(AppConfig.BAD_VALUE, new AppConfig("virtual").set(key, Long.toString(min - 1)), key + "=" + (min - 1));
            assertEquals(AppConfig.BAD_VALUE, new AppConfig("virtual").set(key, Long.toString(max + 1)), key + "=" + (max + 1));
        }
    }

    @Test
    void aSmallRangeIsItsValuesAndALargeOneItsEnds() {
        assertEquals("0, 1 or 2", ConfigKeys.accepted("sensor.temperature.qos"));
        assertEquals("a whole number from 1 to 65535", ConfigKeys.accepted("broker.port"));
        assertEquals("a whole number from 10 to 86400000 milliseconds", ConfigKeys.accepted("sensor.pressure.interval"));
        assertEquals("true or false (also 1/0, on/off, yes/no)", ConfigKeys.accepted("log.trace"));
    }

    @Test
    void theSummaryNamesTheSensorKeysOnce() {
        String summary = ConfigKeys.summary();

        assertTrue(summary.startsWith("device.id, broker.host, broker.port, "), summary);
        assertTrue(summary.contains("sensor.NAME.enabled|qos|interval|topic (NAME: temperature, humidity, pressure), log.trace"),
                summary);
        assertEquals(-1, summary.indexOf("sensor.humidity"), summary);
    }

    @Test
    void theProtocolVersionIsOneOfItsWordsAsTheFirmwareTakesThem() {
        assertEquals(List.of("5", "3.1.1"), ConfigKeys.choices("mqtt.version"));
        for (String version : ConfigKeys.choices("mqtt.version")) {
            assertEquals(AppConfig.OK, new AppConfig("virtual").set("mqtt.version", version), version);
        }
        assertEquals(AppConfig.BAD_VALUE, new AppConfig("virtual").set("mqtt.version", "4"));
        // the board's console and tern flash name the same values
        assertEquals(AppConfig.acceptedValues("mqtt.version"), ConfigKeys.accepted("mqtt.version"));
        assertEquals(List.of(), ConfigKeys.choices("broker.port"));
    }

    @Test
    void theSessionExpiryTakesNeverAndSecondsUpToTheMqttMaximum() {
        assertEquals(AppConfig.OK, new AppConfig("virtual").set("mqtt.sessionExpiry", "never"));
        assertEquals(AppConfig.OK, new AppConfig("virtual").set("mqtt.sessionExpiry", "4294967295"));
        assertEquals(AppConfig.BAD_VALUE, new AppConfig("virtual").set("mqtt.sessionExpiry", "4294967296"));
        assertTrue(ConfigKeys.accepted("mqtt.sessionExpiry").contains("0 to 4294967295, or never"),
                ConfigKeys.accepted("mqtt.sessionExpiry"));
    }
}
