package dev.tern.host.serial;

/** No port of that name exists (or the host:port refused the connection). */
public final class PortNotFoundException extends SerialPortException {

    private static final long serialVersionUID = 1L;

    public PortNotFoundException(String port, String message) {
        super(port, message);
    }

    public PortNotFoundException(String port, String message, Throwable cause) {
        super(port, message, cause);
    }
}
