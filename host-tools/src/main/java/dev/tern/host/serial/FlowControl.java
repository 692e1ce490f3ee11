package dev.tern.host.serial;

/** Flow control of a serial line. */
public enum FlowControl {
    NONE("none"), RTS_CTS("rtscts"), XON_XOFF("xonxoff");

    private final String key;

    FlowControl(String key) {
        this.key = key;
    }

    /** The name on the command line ({@code --flow rtscts}). */
    public String key() {
        return key;
    }
}
