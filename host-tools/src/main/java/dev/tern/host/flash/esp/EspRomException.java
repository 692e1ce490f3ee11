package dev.tern.host.flash.esp;

import dev.tern.host.flash.protocol.BootloaderException;

/** The ESP ROM loader refused a command (a non-zero status) or answered something unusable. */
public class EspRomException extends BootloaderException {

    private static final long serialVersionUID = 1L;

    public EspRomException(String message) {
        super(message);
    }
}
