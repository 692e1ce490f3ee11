package dev.tern.boards.flash;

import java.util.Objects;

/**
 * What makes a {@link FlashMemory} behave like one real part rather than an ideal NOR: the
 * part's times and the figure charged ({@link FlashTiming}, {@link TimeFigure}), where the time
 * goes ({@link FlashClock}), the erase count of every unit ({@link WearCounters}, or null to keep
 * none) and how units behave past their endurance ({@link WornCells}).
 */
public record PartModel(FlashTiming timing, TimeFigure figure, FlashClock clock, WearCounters wear, WornCells cells) {

    public PartModel {
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cells, "cells");
    }

    /** An ideal NOR: no time, no wear counted, cells that never wear. */
    public static PartModel ideal() {
        return new PartModel(FlashTiming.NONE, TimeFigure.TYPICAL, new FlashClock(TimingMode.ACCOUNTED), null,
                new WornCells(0, false, 0));
    }
}
