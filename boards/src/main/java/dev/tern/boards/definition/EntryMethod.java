package dev.tern.boards.definition;

/** A way to start a board's ROM bootloader. */
public enum EntryMethod implements Keyed {
    /** Hold a boot pin or button (STM32 BOOT0 high, ESP32 GPIO0 low) while the board resets. */
    BOOT_PIN_RESET("boot-pin-reset"),
    /** The USB-serial bridge's DTR and RTS drive reset and the boot pin (esptool's auto-reset). */
    DTR_RTS_AUTO_RESET("dtr-rts-auto-reset"),
    /** Set the boot mode switches, then power cycle or reset. */
    BOOT_MODE_SWITCH("boot-mode-switch"),
    /** The running Tern firmware gets the console command {@code bootloader} and jumps to the ROM. */
    CONSOLE_COMMAND("console-command"),
    /** The virtual board only: 0x7F arriving within a short window after a reset. */
    SYNC_AFTER_RESET("sync-after-reset");

    private final String key;

    EntryMethod(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    /**
     * The method written {@code key} in board.properties and on {@code tern flash --enter}.
     *
     * @throws IllegalArgumentException naming the known keys when none is
     */
    public static EntryMethod ofKey(String key) {
        for (EntryMethod method : values()) {
            if (method.key.equals(key)) {
                return method;
            }
        }
        throw new IllegalArgumentException("'" + key + "' is not one of " + keys());
    }

    /** Every key, comma separated. */
    public static String keys() {
        StringBuilder keys = new StringBuilder();
        for (EntryMethod method : values()) {
            keys.append(keys.length() == 0 ? "" : ", ").append(method.key);
        }
        return keys.toString();
    }
}
