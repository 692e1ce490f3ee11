package dev.tern.host.demo;

/**
 * When a fault lasted, in milliseconds since the readings began: from the moment it struck until
 * the board was connected to the broker again ({@code endMillis} is {@link Long#MAX_VALUE} while
 * it lasts).
 */
public record FaultWindow(Fault fault, long startMillis, long endMillis) {

    public boolean isOpen() {
        return endMillis == Long.MAX_VALUE;
    }

    /** Whether some instant of {@code [from, to]} falls inside this window. */
    public boolean overlaps(long from, long to) {
        return from <= endMillis && to >= startMillis;
    }

    public FaultWindow closedAt(long millis) {
        return new FaultWindow(fault, startMillis, millis);
    }
}
