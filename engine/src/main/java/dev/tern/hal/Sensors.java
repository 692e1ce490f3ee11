package dev.tern.hal;

/**
 * The board's sensors, read as whole numbers in fixed units so that no floating point or
 * allocation is needed: temperature in centi-degrees Celsius, relative humidity in centi-percent,
 * pressure in pascals.
 */
public interface Sensors {

    int TEMPERATURE = 0;
    int HUMIDITY = 1;
    int PRESSURE = 2;

    /** A negative result of {@link #read}: the sensor did not answer. */
    int UNAVAILABLE = Integer.MIN_VALUE;

    /** How many sensors the board has; ids run from 0. */
    int count();

    /** Reads sensor {@code id} now: its value in the unit above, or {@link #UNAVAILABLE}. */
    int read(int id, long nowMillis);
}
