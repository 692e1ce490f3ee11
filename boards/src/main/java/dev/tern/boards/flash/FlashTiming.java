package dev.tern.boards.flash;

import java.util.List;

/**
 * A flash part's program and erase times, as its datasheet gives them.
 *
 * <p>Programming is timed per {@code programUnit} bytes, the unit the datasheet times (a 32-bit
 * word for an STM32F7 at x32 parallelism; 8 bytes for a Micron N25Q, whose page program time is
 * given per "indivisible 8 bytes"; a 256-byte page for parts that give only a page time). An
 * operation is charged for every unit it touches: a part of a unit costs a whole one, which errs
 * on the slow side for parts timed per page. Erasing is timed per erase-unit size.
 *
 * @param programUnit          bytes the datasheet's program time covers
 * @param programTypicalNanos  typical time to program one unit
 * @param programMaxNanos      maximum time to program one unit
 * @param eraseTimes           one entry per erase-unit size the part has
 */
public record FlashTiming(int programUnit, long programTypicalNanos, long programMaxNanos, List<EraseTime> eraseTimes) {

    /** No time at all: the ideal flash of the unit tests. */
    public static final FlashTiming NONE = new FlashTiming(1, 0, 0, List.of());

    public FlashTiming {
        if (programUnit <= 0 || programTypicalNanos < 0 || programMaxNanos < programTypicalNanos) {
            throw new IllegalArgumentException("programUnit=" + programUnit + ", programTypicalNanos=" + programTypicalNanos
                    + ", programMaxNanos=" + programMaxNanos);
        }
        eraseTimes = List.copyOf(eraseTimes);
        for (int i = 0; i < eraseTimes.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (eraseTimes.get(i).unitSize() == eraseTimes.get(j).unitSize()) {
                    throw new IllegalArgumentException("two erase times for units of " + eraseTimes.get(i).unitSize() + " bytes");
                }
            }
        }
    }

    /**
     * Time to program {@code length} bytes starting {@code offset} bytes into the device: every
     * program unit the range touches, at the chosen figure.
     */
    public long programNanos(final long offset, final int length, final TimeFigure figure) {
        if (length <= 0) {
            return 0;
        }
        final long first = offset / programUnit;
        final long last = (offset + length - 1) / programUnit;
        final long perUnit = figure == TimeFigure.MAX ? programMaxNanos : programTypicalNanos;
        return (last - first + 1) * perUnit;
    }

    /** Time to erase one unit of {@code unitSize} bytes; 0 when this timing has no figure for it (the ideal flash). */
    public long eraseNanos(final int unitSize, final TimeFigure figure) {
        final EraseTime time = eraseTime(unitSize);
        return time == null ? 0 : time.nanos(figure);
    }

    /** The erase time for units of {@code unitSize} bytes, or null when the datasheet figure is not here. */
    public EraseTime eraseTime(final int unitSize) {
        for (final EraseTime time : eraseTimes) {
            if (time.unitSize() == unitSize) {
                return time;
            }
        }
        return null;
    }
}
