package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.tern.hal.Sensors;

class SimulatedSensorsTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void theSameSeedAndTimeReadTheSameValues() {
        final SimulatedSensors a = new SimulatedSensors(1);
        final SimulatedSensors b = new SimulatedSensors(1);
        for (long t = 0; t < 48 * HOUR; t += 977_531) {
            for (int id = 0; id < 3; id++) {
                assertEquals(a.read(id, t), b.read(id, t));
            }
        }
    }

    @Test
    void anotherSeedGivesOtherNoise() {
        int differ = 0;
        for (long t = 0; t < 100_000; t += 1000) {
            differ += new SimulatedSensors(1).read(Sensors.TEMPERATURE, t) != new SimulatedSensors(2).read(Sensors.TEMPERATURE, t) ? 1 : 0;
        }
        assertTrue(differ > 50, "differ " + differ);
    }

    @Test
    void valuesFollowADailyWaveWithinPlausibleRanges() {
        final SimulatedSensors sensors = new SimulatedSensors(9);
        assertEquals(3, sensors.count());
        for (long t = 0; t < 72 * HOUR; t += HOUR / 4) {
            final int temperature = sensors.read(Sensors.TEMPERATURE, t);
            final int humidity = sensors.read(Sensors.HUMIDITY, t);
            final int pressure = sensors.read(Sensors.PRESSURE, t);
            assertTrue(temperature >= 2100 - 415 && temperature <= 2100 + 415, "temperature " + temperature);
            assertTrue(humidity >= 3450 && humidity <= 6550, "humidity " + humidity);
            assertTrue(pressure >= 101_325 - 260 && pressure <= 101_325 + 260, "pressure " + pressure);
        }
        assertTrue(sensors.read(Sensors.TEMPERATURE, 6 * HOUR) > sensors.read(Sensors.TEMPERATURE, 18 * HOUR), "warmer at the wave's top");
        assertNotEquals(sensors.read(Sensors.TEMPERATURE, 0), sensors.read(Sensors.TEMPERATURE, 6 * HOUR));
    }

    @Test
    void anUnknownSensorIsUnavailable() {
        assertEquals(Sensors.UNAVAILABLE, new SimulatedSensors(0).read(3, 0));
    }
}
