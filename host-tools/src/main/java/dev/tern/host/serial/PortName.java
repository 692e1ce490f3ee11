package dev.tern.host.serial;

/** A port's name split into its kind and address: {@code socket://127.0.0.1:4000}, {@code /dev/ttyUSB0}. */
public record PortName(Kind kind, String device, String host, int tcpPort) {

    /** How the port is reached. */
    public enum Kind {
        DEVICE, SOCKET, RFC2217
    }

    /**
     * @throws IllegalArgumentException naming what is wrong, e.g. a socket URL without a port
     */
    public static PortName parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty port name; give a device (/dev/ttyUSB0) or socket://host:port");
        }
        if (text.startsWith("socket://")) {
            return network(Kind.SOCKET, text, text.substring("socket://".length()));
        }
        if (text.startsWith("rfc2217://")) {
            return network(Kind.RFC2217, text, text.substring("rfc2217://".length()));
        }
        if (text.contains("://")) {
            throw new IllegalArgumentException("unknown port scheme in '" + text
                    + "'; use a device path, socket://host:port or rfc2217://host:port");
        }
        return new PortName(Kind.DEVICE, text, null, -1);
    }

    private static PortName network(Kind kind, String text, String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' needs a host and a port, e.g. "
                    + (kind == Kind.SOCKET ? "socket" : "rfc2217") + "://127.0.0.1:4000");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': the TCP port must be a number from 1 to 65535");
        }
        return new PortName(kind, null, host, port);
    }
}
