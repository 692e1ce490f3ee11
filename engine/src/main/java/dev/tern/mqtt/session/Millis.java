package dev.tern.mqtt.session;

/**
 * Wrap-safe comparisons of int millisecond times. The clock wraps every 49.7 days; comparing the
 * signed difference stays right as long as the two times are less than 24.8 days apart.
 */
public final class Millis {

    private Millis() {
    }

    /** Whether {@code a} is strictly earlier than {@code b}. */
    public static boolean isBefore(int a, int b) {
        return (a - b) < 0;
    }

    /** Whether {@code deadline} has been reached at {@code now}. */
    public static boolean isDue(int deadline, int now) {
        return (now - deadline) >= 0;
    }
}
