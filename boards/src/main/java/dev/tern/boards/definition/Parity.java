package dev.tern.boards.definition;

/** Parity of a serial line, as written in board.properties. */
public enum Parity implements Keyed {
    NONE("none"), EVEN("even"), ODD("odd");

    private final String key;

    Parity(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    /** The letter of the usual short form, as in 8N1 or 8E1. */
    public char letter() {
        return Character.toUpperCase(key.charAt(0));
    }
}
