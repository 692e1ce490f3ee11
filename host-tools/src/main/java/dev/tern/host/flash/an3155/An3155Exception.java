package dev.tern.host.flash.an3155;

import dev.tern.host.flash.protocol.BootloaderException;

/**
 * The AN3155 bootloader refused a command (NACK), answered with something else, or did not answer in
 * time. The message names the command and, where there is one, the address.
 */
public class An3155Exception extends BootloaderException {

    private static final long serialVersionUID = 1L;

    public An3155Exception(String message) {
        super(message);
    }
}
