package dev.tern.boards.definition;

/**
 * A board definition that cannot be used, with the file and the key at fault:
 * {@code boards/stm32f746g-disco/board.properties: key 'flash.sectors': expected COUNTxSIZE, got '4*32K'}.
 */
public final class BoardDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String key;

    public BoardDefinitionException(String file, String key, String problem) {
        super(file + ": " + (key == null ? "" : "key '" + key + "': ") + problem);
        this.file = file;
        this.key = key;
    }

    /** The definition file as it was named to the loader. */
    public String file() {
        return file;
    }

    /** The key at fault, or null when the problem is the file itself. */
    public String key() {
        return key;
    }
}
