package dev.tern.boards.virtual;

import dev.tern.boards.definition.FlashDevice;
import dev.tern.boards.flash.FlashClock;

/** One flash device's wear and busy time at one moment: erases per erase unit and what its clock counted. */
public record DeviceWear(FlashDevice device, int[] erases, FlashClock.Stats busy) {

    public DeviceWear {
        erases = erases.clone();
    }

    @Override
    public int[] erases() {
        return erases.clone();
    }
}
