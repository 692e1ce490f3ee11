package dev.tern.hal;

/**
 * Everything the firmware may touch, handed to it at boot. On a MicroEJ board these are bound
 * to ej.bon, java.net and the serial port; on the virtual board to sockets, files and simulated
 * sensors. The firmware reaches the hardware through nothing else.
 */
public interface Board {

    /** The board definition's id, such as "stm32f746g-disco" or "virtual". */
    String boardId();

    /**
     * The MCU's factory-programmed unique id as lower-case hex (an STM32's 96-bit UID, an ESP32's
     * MAC), or an empty string where the board has none. The firmware's default MQTT client id is
     * made from it, so two boards of one kind never share a session on the broker.
     */
    String uniqueId();

    /** Milliseconds from an arbitrary start; wraps after about 24 days in int arithmetic. */
    long millis();

    /** A new connection to host:port each time the engine connects; host and port come from the config page. */
    Transport transport(String host, int port);

    /** The flash region of the session store. */
    NonVolatileStorage sessionStorage();

    /** The config page written at flash time (key=value settings); may be blank (all 0xFF). */
    NonVolatileStorage configPage();

    /**
     * The credentials region written at flash time (TLS CA certificates, the device's certificate
     * chain and key, an optional broker pin; format in the firmware's CredentialsRegion), apart
     * from the config page; may be blank (all 0xFF). The firmware only reads it.
     */
    NonVolatileStorage credentials();

    Console console();

    Sensors sensors();

    /** Restarts the board: the firmware is not stepped again. */
    void reset();

    /** Restarts the board into its ROM bootloader (as the console command {@code bootloader} asks). */
    void enterBootloader();
}
