package dev.tern.boards.virtual;

import dev.tern.hal.Sensors;

/**
 * The virtual board's sensors: a deterministic waveform plus noise drawn from a seed, so a run
 * with the same seed and clock reads the same values.
 *
 * <pre>
 *  temperature  2100 + 400 sin(2 pi t / 1 day)      +- 15   centi-degrees Celsius
 *  humidity     5000 - 1500 sin(2 pi t / 1 day)     +- 50   centi-percent (drier when warmer)
 *  pressure     101325 + 250 sin(2 pi t / 3 days)   +- 10   pascals
 * </pre>
 *
 * t is the {@code nowMillis} given to {@link #read}; the noise changes once a second (reading
 * twice within a second gives the same value).
 */
public final class SimulatedSensors implements Sensors {

    private static final double DAY_MS = 86_400_000.0;
    private static final long NOISE_STEP_MS = 1_000;

    private final long seed;

    public SimulatedSensors(final long seed) {
        this.seed = seed;
    }

    @Override
    public int count() {
        return 3;
    }

    @Override
    public int read(final int id, final long nowMillis) {
        switch (id) {
            case TEMPERATURE:
                return wave(2100, 400, DAY_MS, nowMillis) + noise(id, nowMillis, 15);
            case HUMIDITY:
                return Math.max(0, Math.min(10_000, wave(5000, -1500, DAY_MS, nowMillis) + noise(id, nowMillis, 50)));
            case PRESSURE:
                return wave(101_325, 250, 3 * DAY_MS, nowMillis) + noise(id, nowMillis, 10);
            default:
                return UNAVAILABLE;
        }
    }

    private static int wave(final int mean, final int amplitude, final double periodMs, final long nowMillis) {
        return mean + (int) Math.round(amplitude * Math.sin(2 * Math.PI * (nowMillis % (long) periodMs) / periodMs));
    }

    /** Uniform in [-amplitude, amplitude], a function of (seed, sensor, second). */
    private int noise(final int id, final long nowMillis, final int amplitude) {
        final long mixed = mix(seed ^ mix(id + 1L) ^ mix(Math.floorDiv(nowMillis, NOISE_STEP_MS) + 0x5EED));
        return (int) Math.floorMod(mixed, 2L * amplitude + 1) - amplitude;
    }

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    private static long mix(final long value) {
        long z = value + 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
