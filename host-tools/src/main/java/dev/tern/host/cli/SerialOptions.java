package dev.tern.host.cli;

import picocli.CommandLine.Option;

/** The options every command that talks to a board over a serial line shares. */
public final class SerialOptions {

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "The board's serial port: a device (/dev/ttyUSB0), socket://host:port, or rfc2217://host:port. "
                    + "Default: $TERN_PORT, then port= in tern.properties, then the only USB serial port present.")
    String port;

    @Option(names = {"-b", "--baud"}, paramLabel = "N", converter = BaudConverter.class,
            description = "Baud rate, 1 to 12000000 (default: the --board definition's; 115200 where there is no --board).")
    Integer baud;

    /** Where defaults come from; tests set their own. */
    public HostContext context = HostContext.system();

    private PortChoice choice;

    /** The port: as the user gave it, or the default (see {@link PortChoice}). */
    public String port() {
        return choice().port();
    }

    /** The port and where it came from; a usage error when there is none to use. */
    public PortChoice choice() {
        if (choice == null) {
            choice = port != null ? new PortChoice(port, null) : PortChoice.of(null, context, profile());
        }
        return choice;
    }

    /** The profile ({@code tern.properties}) of {@link #context}. */
    public Profile profile() {
        return Profile.find(context);
    }

    /** The baud rate asked for, or null for the board definition's. */
    public Integer baud() {
        return baud;
    }
}
