package dev.tern.boards.flash;

import java.util.SplittableRandom;

/**
 * How an erase unit behaves once it has been erased more often than the part's endurance: the
 * cells wear out, so erases and programs begin to fail, more often the further past the
 * endurance the unit is. A failing operation leaves bits that did not take ("bits that do not
 * stick"): after an erase some bits stay 0, after a program some bits that should have become 0
 * stay 1. Only reading back shows them.
 *
 * <p>Whether the part also says so depends on the part: a SPI/QSPI NOR chip verifies its own
 * erase and program cycles and sets a fail bit (Micron N25Q: flag status register bit 5 erase
 * failure, bit 4 program failure; the driver sees it and reports an error), so a failure is
 * {@link FlashFailedException}; the STM32F7 flash interface's FLASH_SR error flags (OPERR,
 * WRPERR, PGAERR, PGPERR, ERSERR) report bad requests, not cells that did not take, so on
 * internal flash a failure is silent.
 *
 * <p>Chance that an operation on a unit with {@code e} erases fails, endurance {@code n}:
 * 0 up to {@code n}, then {@code (e - n) / n}, so certain at twice the endurance. Datasheet
 * endurance is a minimum; real parts usually last longer, so this is on the pessimistic side.
 * Deterministic: the same seed and the same operations give the same failures.
 */
public final class WornCells {

    private static final int MAX_BAD_BITS = 4;

    private final int endurance;
    private final boolean reportsFailures;
    private final SplittableRandom random;

    /** {@code endurance} erase cycles per unit; 0 means the cells never wear (the ideal flash). */
    public WornCells(final int endurance, final boolean reportsFailures, final long seed) {
        if (endurance < 0) {
            throw new IllegalArgumentException("endurance=" + endurance);
        }
        this.endurance = endurance;
        this.reportsFailures = reportsFailures;
        this.random = new SplittableRandom(seed);
    }

    public int endurance() {
        return endurance;
    }

    /** Whether the part reports a failed erase or program in a status bit. */
    public boolean reportsFailures() {
        return reportsFailures;
    }

    /** Whether the next operation on a unit erased {@code erases} times fails. */
    public boolean fails(final int erases) {
        if (endurance == 0 || erases <= endurance) {
            return false;
        }
        final double chance = Math.min(1.0, (erases - (double) endurance) / endurance);
        return random.nextDouble() < chance;
    }

    /** After a failed erase of {@code image[from, from + length)}: a few bits stay 0. */
    public void leaveProgrammedBits(final byte[] image, final int from, final int length) {
        final int bits = 1 + random.nextInt(MAX_BAD_BITS);
        for (int i = 0; i < bits; i++) {
            final int at = from + random.nextInt(length);
            image[at] &= (byte) ~(1 << random.nextInt(8));
        }
    }

    /**
     * After a failed program of {@code image[from, from + length)} with {@code wanted}: a few of
     * the bits that should have become 0 stay 1 (those that were 1 before).
     */
    public void leaveErasedBits(final byte[] image, final int from, final int length, final byte[] before) {
        final int bits = 1 + random.nextInt(MAX_BAD_BITS);
        for (int i = 0; i < bits; i++) {
            final int offset = random.nextInt(length);
            final int bit = 1 << random.nextInt(8);
            image[from + offset] |= (byte) (before[offset] & bit);
        }
    }
}
