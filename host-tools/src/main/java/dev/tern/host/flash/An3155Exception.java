package dev.tern.host.flash;

import java.io.IOException;

/**
 * The bootloader refused a command (NACK), answered with something else, or did not answer in
 * time. The message names the command and, where there is one, the address.
 */
public class An3155Exception extends IOException {

    private static final long serialVersionUID = 1L;

    public An3155Exception(String message) {
        super(message);
    }
}
