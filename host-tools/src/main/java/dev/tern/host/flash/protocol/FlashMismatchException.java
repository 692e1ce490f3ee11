package dev.tern.host.flash.protocol;

/** A region's content on the chip is not what was written, even after it was written again: the flash may be worn. */
public final class FlashMismatchException extends BootloaderException {

    private static final long serialVersionUID = 1L;

    public FlashMismatchException(String message) {
        super(message);
    }
}
