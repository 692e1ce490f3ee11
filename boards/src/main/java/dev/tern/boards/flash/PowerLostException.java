package dev.tern.boards.flash;

import java.io.IOException;

/** The board's power was cut (by a test) during or before a flash operation. */
public final class PowerLostException extends IOException {

    private static final long serialVersionUID = 1L;

    public PowerLostException(final String message) {
        super(message);
    }
}
