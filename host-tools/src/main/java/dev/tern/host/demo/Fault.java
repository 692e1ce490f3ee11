package dev.tern.host.demo;

/** The faults the demo's story can inflict, each with the name {@code --faults} takes and its key. */
public enum Fault {
    /** The network between board and broker goes down: the proxy cuts the board off and refuses it a while. */
    OUTAGE("outage", 'o', "network outage"),
    /** The embedded broker is stopped and started again; sessions persist in its data folder. */
    RESTART("restart", 'r', "broker restart"),
    /** The board loses power in the middle of a QoS 2 handshake, then boots again. */
    POWERCUT("powercut", 'p', "power cut");

    private final String key;
    private final char letter;
    private final String title;

    Fault(String key, char letter, String title) {
        this.key = key;
        this.letter = letter;
        this.title = title;
    }

    /** Its name in {@code --faults}. */
    public String key() {
        return key;
    }

    /** The key a person presses for it during the demo. */
    public char letter() {
        return letter;
    }

    /** In words, e.g. "network outage". */
    public String title() {
        return title;
    }

    /** The fault pressed as {@code letter}, or null. */
    public static Fault ofLetter(char letter) {
        for (Fault fault : values()) {
            if (fault.letter == letter) {
                return fault;
            }
        }
        return null;
    }
}
