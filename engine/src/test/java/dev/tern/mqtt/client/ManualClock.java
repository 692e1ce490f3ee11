package dev.tern.mqtt.client;

/** Time for unit tests: it moves only when the test moves it, so timeouts are tested without sleeping. */
final class ManualClock {

    private long now;

    ManualClock(long start) {
        now = start;
    }

    long now() {
        return now;
    }

    long advance(long millis) {
        now += millis;
        return now;
    }
}
