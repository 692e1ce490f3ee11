package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class BoardSettingsTest {

    @Test
    void theCalmBoardConnectsToTheBrokerWithEachSensorsQosAndInterval() {
        assertEquals(List.of("broker.host=127.0.0.1", "broker.port=1883", "device.id=demo-abc123", "topic.prefix=tern/demo-abc123",
                "mqtt.version=5", "log.trace=true", "sensor.temperature.qos=0", "sensor.humidity.qos=1", "sensor.pressure.qos=2",
                "sensor.temperature.interval=500", "sensor.humidity.interval=500", "sensor.pressure.interval=500"),
                BoardSettings.of("127.0.0.1", 1883, "demo-abc123", false, QosPlan.defaults(), 500, "5"));
    }

    @Test
    void throughTheProxyTheBoardRetriesOftenEnoughToBeBackSoonAfterAFault() {
        List<String> settings = BoardSettings.of("127.0.0.1", 40000, "demo-abc123", true, QosPlan.parse("pressure=1"), 1000, "3.1.1");
        assertTrue(settings.contains("mqtt.reconnectMax=" + BoardSettings.RECONNECT_MAX_MILLIS), settings.toString());
        assertTrue(settings.contains("broker.port=40000"), settings.toString());
        assertTrue(settings.contains("sensor.pressure.qos=1"), settings.toString());
        assertTrue(settings.contains("mqtt.version=3.1.1"), settings.toString());
    }

    @Test
    void eachRunHasADeviceOfItsOwn() {
        String device = BoardSettings.newDevice();
        assertTrue(device.matches("demo-[0-9a-f]{6}"), device);
        String second = BoardSettings.newDevice();
        String third = BoardSettings.newDevice();
        assertTrue(!device.equals(second) || !device.equals(third), "ids are drawn anew: " + device + ", " + second + ", " + third);
    }
}
