package dev.tern.host.flash.protocol;

/** The bootloader never answered: to any sync (the board is not in its bootloader, or not there), or mid-flash. */
public final class NoBootloaderAnswerException extends BootloaderException {

    private static final long serialVersionUID = 1L;

    private final boolean atSync;

    public NoBootloaderAnswerException(String message, boolean atSync) {
        super(message);
        this.atSync = atSync;
    }

    /** Whether the bootloader never answered at all (the syncs), rather than stopped answering later. */
    public boolean atSync() {
        return atSync;
    }
}
