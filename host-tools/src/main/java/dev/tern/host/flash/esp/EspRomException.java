package dev.tern.host.flash.esp;

import dev.tern.host.flash.protocol.BootloaderException;

/** The ESP ROM loader refused a command (a non-zero status) or answered something unusable. */
public class EspRomException extends BootloaderException {

    private static final long serialVersionUID = 1L;

    /** The ROM's error byte, or {@link #NO_ERROR_CODE} when the answer carried none. */
    private final int error;

    /** {@link #error()} when the answer carried no error byte. */
    public static final int NO_ERROR_CODE = -1;

    public EspRomException(String message) {
        this(message, NO_ERROR_CODE);
    }

    public EspRomException(String message, int error) {
        super(message);
        this.error = error;
    }

    /** The ROM's error byte ({@code 0x07}: checksum error), or {@link #NO_ERROR_CODE}. */
    public int error() {
        return error;
    }
}
