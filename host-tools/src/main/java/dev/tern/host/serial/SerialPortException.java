package dev.tern.host.serial;

import java.io.IOException;

/**
 * A port that cannot be used as asked. The message names the port, what went wrong and what to
 * check; commands report it with exit code 3 (device or port not reachable).
 */
public class SerialPortException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String port;

    public SerialPortException(String port, String message) {
        super(message);
        this.port = port;
    }

    public SerialPortException(String port, String message, Throwable cause) {
        super(message, cause);
        this.port = port;
    }

    /** The port as the user named it. */
    public String port() {
        return port;
    }
}
