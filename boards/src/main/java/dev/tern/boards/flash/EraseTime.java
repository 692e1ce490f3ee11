package dev.tern.boards.flash;

/** How long erasing one unit of {@code unitSize} bytes takes, from the datasheet: typical and maximum. */
public record EraseTime(int unitSize, long typicalNanos, long maxNanos) {

    public EraseTime {
        if (unitSize <= 0 || typicalNanos < 0 || maxNanos < typicalNanos) {
            throw new IllegalArgumentException("unitSize=" + unitSize + ", typicalNanos=" + typicalNanos + ", maxNanos=" + maxNanos);
        }
    }

    public long nanos(final TimeFigure figure) {
        return figure == TimeFigure.MAX ? maxNanos : typicalNanos;
    }
}
