package dev.tern.boards.image;

/** A key file that cannot be used: not PEM, encrypted, or of a type images are not signed with. */
public final class KeyFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeyFormatException(String message) {
        super(message);
    }

    public KeyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
