package dev.tern.host.serial;

/** The port has no such line control (DTR or RTS on a pseudo-terminal or a raw socket). */
public final class LineControlUnsupportedException extends SerialPortException {

    private static final long serialVersionUID = 1L;

    public LineControlUnsupportedException(String port, String message) {
        super(port, message);
    }

    public LineControlUnsupportedException(String port, String message, Throwable cause) {
        super(port, message, cause);
    }
}
