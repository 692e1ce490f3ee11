package dev.tern.host.flash.esp;

/** Bytes came back, but no answer to the command could be read from them: the line loses or corrupts bytes. */
public final class EspLineException extends EspRomException {

    private static final long serialVersionUID = 1L;

    public EspLineException(String message) {
        super(message);
    }
}
