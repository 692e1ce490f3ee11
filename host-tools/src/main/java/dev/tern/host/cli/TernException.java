package dev.tern.host.cli;

/**
 * An expected failure of a command, with the message the user reads and the exit code it ends
 * with. The message names what failed, where, and what to do.
 */
public class TernException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public TernException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public TernException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
