package dev.tern.host.monitor;

import java.io.IOException;

import dev.tern.host.serial.SerialLink;

/** Opens a port by name ({@code SerialLinks::open}; tests give fakes). */
@FunctionalInterface
public interface LinkOpener {

    /**
     * @throws dev.tern.host.serial.SerialPortException when the port cannot be opened (absent, busy)
     */
    SerialLink open(String port) throws IOException;
}
