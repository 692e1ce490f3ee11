package dev.tern.host.flash.protocol;

import java.io.IOException;

/**
 * A board's bootloader refused a command, answered with something else, or did not answer in
 * time, whatever its protocol. The message names the command and, where there is one, the
 * address.
 */
public class BootloaderException extends IOException {

    private static final long serialVersionUID = 1L;

    public BootloaderException(String message) {
        super(message);
    }
}
