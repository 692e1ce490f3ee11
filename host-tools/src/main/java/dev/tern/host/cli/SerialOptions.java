package dev.tern.host.cli;

import picocli.CommandLine.Option;

/** The options every command that talks to a board over a serial line shares. */
public final class SerialOptions {

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT",
            description = "The board's serial port: a device (/dev/ttyUSB0), socket://host:port, or rfc2217://host:port.")
    String port;

    @Option(names = {"-b", "--baud"}, paramLabel = "N", converter = BaudConverter.class,
            description = "Baud rate, 1 to 12000000 (default: the --board definition's; 115200 where there is no --board).")
    Integer baud;

    /** The port as the user gave it. */
    public String port() {
        return port;
    }

    /** The baud rate asked for, or null for the board definition's. */
    public Integer baud() {
        return baud;
    }
}
