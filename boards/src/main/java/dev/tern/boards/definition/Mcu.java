package dev.tern.boards.definition;

/**
 * The microcontroller and what its ROM loader reports to identify it.
 *
 * @param chipId the id that {@code chipIdSource} yields, or -1 when the source is {@link ChipIdSource#NONE}
 */
public record Mcu(String part, ChipIdSource chipIdSource, long chipId) {

    public boolean hasChipId() {
        return chipIdSource != ChipIdSource.NONE;
    }
}
