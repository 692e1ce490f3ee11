package dev.tern.boards.flash;

import java.io.IOException;

/**
 * The part reported that an erase or program did not complete (a worn unit failed its internal
 * verify): the driver reads the fail bit and returns an error. What it left is in the flash.
 */
public final class FlashFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    public FlashFailedException(final String message) {
        super(message);
    }
}
