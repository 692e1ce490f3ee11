package dev.tern.host.serial;

/** Another process holds the port. */
public final class PortBusyException extends SerialPortException {

    private static final long serialVersionUID = 1L;

    public PortBusyException(String port, String message) {
        super(port, message);
    }

    public PortBusyException(String port, String message, Throwable cause) {
        super(port, message, cause);
    }
}
