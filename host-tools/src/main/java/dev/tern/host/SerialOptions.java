package dev.tern.host;

import picocli.CommandLine.Option;

/** The options every command that talks to a board over a serial line shares. */
final class SerialOptions {

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT",
            description = "The board's serial port: a device (/dev/ttyUSB0), socket://host:port, or rfc2217://host:port.")
    String port;

    @Option(names = {"-b", "--baud"}, paramLabel = "N",
            description = "Baud rate (default: the board definition's).")
    Integer baud;
}
