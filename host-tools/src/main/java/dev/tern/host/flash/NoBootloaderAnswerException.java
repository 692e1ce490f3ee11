package dev.tern.host.flash;

/** No ACK or NACK came back for any of the sync bytes: the board is not in its bootloader, or not there. */
public final class NoBootloaderAnswerException extends An3155Exception {

    private static final long serialVersionUID = 1L;

    public NoBootloaderAnswerException(String message) {
        super(message);
    }
}
