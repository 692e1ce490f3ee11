package dev.tern.host.serial;

import java.io.IOException;

/** Opens a port by the name the user gave: {@code socket://host:port} or a device path. */
public final class SerialLinks {

    private SerialLinks() {
    }

    /**
     * Opens {@code port}. A {@code socket://} port is connected at once; a device is opened with
     * its current settings until {@link SerialLink#configure} is called.
     *
     * @throws IllegalArgumentException when the name is malformed (a usage error)
     * @throws SerialPortException when the port cannot be opened
     */
    public static SerialLink open(String port) throws IOException {
        PortName name = PortName.parse(port);
        return switch (name.kind()) {
            case SOCKET -> SocketLink.connect(port, name.host(), name.tcpPort());
            case DEVICE -> JsscLink.open(name.device());
            case RFC2217 -> throw new PortNotFoundException(port, port + ": this kind of port is not supported yet");
        };
    }
}
