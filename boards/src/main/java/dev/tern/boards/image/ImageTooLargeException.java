package dev.tern.boards.image;

/** The signed image and its trailer do not fit the slot they are meant for. */
public final class ImageTooLargeException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImageTooLargeException(String message) {
        super(message);
    }
}
