package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class QosPlanTest {

    @Test
    void theDefaultPlanShowsEachQosOnce() {
        QosPlan plan = QosPlan.defaults();
        assertEquals(List.of("sensor.temperature.qos=0", "sensor.humidity.qos=1", "sensor.pressure.qos=2"), plan.settings());
    }

    @Test
    void sensorsLeftOutKeepTheirDefault() {
        QosPlan plan = QosPlan.parse("pressure=1, temperature=2");
        assertEquals(2, plan.qos("temperature"));
        assertEquals(1, plan.qos("humidity"));
        assertEquals(1, plan.qos("pressure"));
        assertEquals("temperature=2,humidity=1,pressure=1", plan.toString());
    }

    @Test
    void refusesUnknownSensorsAndQosOutside0To2() {
        IllegalArgumentException sensor = assertThrows(IllegalArgumentException.class, () -> QosPlan.parse("light=1"));
        assertTrue(sensor.getMessage().contains("no sensor 'light' (the firmware has temperature, humidity, pressure)"), sensor.getMessage());
        IllegalArgumentException qos = assertThrows(IllegalArgumentException.class, () -> QosPlan.parse("humidity=3"));
        assertTrue(qos.getMessage().contains("QoS must be 0, 1 or 2"), qos.getMessage());
    }
}
