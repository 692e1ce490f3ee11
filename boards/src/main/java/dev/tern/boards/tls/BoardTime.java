package dev.tern.boards.tls;

import java.time.Clock;
import java.time.Instant;

/**
 * The time a board checks certificate validity against. With a real-time clock that is its
 * clock. Without one (most boards at power-up, before SNTP) the board knows only a floor: the
 * time its firmware was built or its credentials installed. It then takes "now" as the later of
 * the floor and the latest notBefore in the chain: a certificate that expired before the floor is
 * still refused, one that is not yet valid by the floor is accepted (the board cannot tell).
 *
 * @param clock the board's real-time clock, or null when it has none
 * @param floor the earliest time the board can be at (its firmware's build time)
 */
public record BoardTime(Clock clock, Instant floor) {

    /** A board whose clock is set (the host's clock on the virtual board). */
    public static BoardTime rtc(Clock clock) {
        return new BoardTime(clock, Instant.EPOCH);
    }

    /** A board without a real-time clock, built at {@code floor}. */
    public static BoardTime noRtc(Instant floor) {
        return new BoardTime(null, floor);
    }

    public boolean hasRtc() {
        return clock != null;
    }

    /** The time to validate a chain whose latest notBefore is {@code latestNotBefore} at. */
    public Instant validationTime(Instant latestNotBefore) {
        if (clock != null) {
            return clock.instant();
        }
        return latestNotBefore.isAfter(floor) ? latestNotBefore : floor;
    }
}
