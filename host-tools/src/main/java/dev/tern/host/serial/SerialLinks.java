package dev.tern.host.serial;

import java.io.IOException;

/** Opens a port by the name the user gave: a device path, {@code socket://host:port} or {@code rfc2217://host:port}. */
public final class SerialLinks {

    private SerialLinks() {
    }

    /**
     * Opens {@code port}. A {@code socket://} port is connected at once, an {@code rfc2217://} port
     * connected and its Com Port option negotiated; a device is opened with its current settings
     * until {@link SerialLink#configure} is called.
     *
     * @throws IllegalArgumentException when the name is malformed (a usage error)
     * @throws SerialPortException when the port cannot be opened
     */
    public static SerialLink open(String port) throws IOException {
        PortName name = PortName.parse(port);
        return switch (name.kind()) {
            case SOCKET -> SocketLink.connect(port, name.host(), name.tcpPort());
            case DEVICE -> JsscLink.open(name.device());
            case RFC2217 -> Rfc2217Link.connect(port, name.host(), name.tcpPort());
        };
    }
}
