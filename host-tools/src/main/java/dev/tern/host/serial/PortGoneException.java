package dev.tern.host.serial;

/** The port vanished (unplugged, or the far end closed) while it was open. */
public final class PortGoneException extends SerialPortException {

    private static final long serialVersionUID = 1L;

    public PortGoneException(String port, String message) {
        super(port, message);
    }

    public PortGoneException(String port, String message, Throwable cause) {
        super(port, message, cause);
    }
}
