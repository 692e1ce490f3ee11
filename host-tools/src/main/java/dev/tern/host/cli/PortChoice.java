package dev.tern.host.cli;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.tern.host.serial.PortInfo;

/**
 * The port a command uses when {@code --port} was not given, as esptool ({@code ESPTOOL_PORT}),
 * PlatformIO ({@code upload_port}) and mcumgr (connection profiles) users expect: {@code TERN_PORT},
 * then {@code port=} in the profile, then the one USB serial port present. Several USB ports,
 * or none, are a usage error that lists them: it never guesses.
 *
 * @param port   the port to open
 * @param source where it came from, for the line that says which port was picked (null: typed)
 */
public record PortChoice(String port, String source) {

    public static final String ENVIRONMENT = "TERN_PORT";

    public static PortChoice of(String given, HostContext context, Profile profile) {
        Optional<Setting> set = Setting.typedOrSaved(given, ENVIRONMENT, "port", context, profile);
        if (set.isPresent()) {
            return new PortChoice(set.get().value(), set.get().source());
        }
        List<PortInfo> usb = usbPorts(context);
        if (usb.size() == 1) {
            PortInfo only = usb.get(0);
            return new PortChoice(only.device(), "the only USB serial port present" + (only.likely() == null ? ""
                    : ", " + only.likely()));
        }
        String how = "give --port PORT, set " + ENVIRONMENT + ", or save port=PORT in ./" + Profile.FILE_NAME
                + " (for 'tern sim': socket://127.0.0.1:4000)";
        if (usb.isEmpty()) {
            throw new TernException(ExitCodes.USAGE, "no --port, and no USB serial port is present to use: " + how);
        }
        StringBuilder list = new StringBuilder();
        for (PortInfo port : usb) {
            list.append(list.length() == 0 ? "" : ", ").append(port.device()).append(port.likely() == null ? "" : " (" + port.likely() + ")");
        }
        throw new TernException(ExitCodes.USAGE, "no --port, and " + usb.size() + " USB serial ports are present (" + list
                + "); tern does not guess: " + how);
    }

    private static List<PortInfo> usbPorts(HostContext context) {
        try {
            return context.ports().scan().stream().filter(port -> port.vid() != null).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether the user typed the port (nothing to say about where it came from). */
    public boolean typed() {
        return source == null;
    }
}
