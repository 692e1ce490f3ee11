package dev.tern.boards.tls;

/** PEM text that holds no certificate or key of the kind asked for, or one that cannot be read. */
public final class PemFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public PemFormatException(String message) {
        super(message);
    }

    public PemFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
