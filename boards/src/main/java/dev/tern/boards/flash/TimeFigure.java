package dev.tern.boards.flash;

/** Which datasheet figure a timing model charges: the typical time or the guaranteed maximum. */
public enum TimeFigure {
    /** The datasheet's typical value (the default: what a part usually takes). */
    TYPICAL,
    /** The datasheet's maximum (worst case over temperature, voltage and wear). */
    MAX
}
