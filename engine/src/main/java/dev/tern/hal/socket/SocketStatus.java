package dev.tern.hal.socket;

/**
 * Why a {@link SocketTransport} call returned {@code Transport.FAILED} or {@code Transport.CLOSED}:
 * read with {@link SocketTransport#lastFailure()} for a log line. Values in -400..-499, so they
 * cannot be mistaken for the codec's (-1..-99), the session's (-100..-199), the client's
 * (-200..-299) or the configuration page's (-300..-399).
 */
public final class SocketStatus {

    /** Nothing failed since the last successful connect. */
    public static final int OK = 0;

    /**
     * The connect was refused: nobody listens at that address and port (the peer answered with a
     * reset). Some VMs report an unreachable network the same way (a ConnectException).
     */
    public static final int SOCKET_REFUSED = -400;
    /** The host name did not resolve, or no route leads to the host. */
    public static final int SOCKET_UNREACHABLE = -401;
    /** No answer within the connect timeout. */
    public static final int SOCKET_CONNECT_TIMED_OUT = -402;
    /** The peer closed its end: a read reached the end of the stream. */
    public static final int SOCKET_CLOSED_BY_PEER = -403;
    /** The connection broke while reading or writing (reset, or another I/O error). */
    public static final int SOCKET_BROKEN = -404;
    /** A read or write without an open connection (never connected, or closed). */
    public static final int SOCKET_NOT_OPEN = -405;
    /** The socket could not be opened for another reason (an option refused, no socket left). */
    public static final int SOCKET_OPEN_FAILED = -406;

    private SocketStatus() {
    }

    /** The constant's name, for logs; {@code "UNKNOWN_SOCKET_STATUS"} for any other value. */
    public static String name(int status) {
        switch (status) {
            case OK: return "OK";
            case SOCKET_REFUSED: return "SOCKET_REFUSED";
            case SOCKET_UNREACHABLE: return "SOCKET_UNREACHABLE";
            case SOCKET_CONNECT_TIMED_OUT: return "SOCKET_CONNECT_TIMED_OUT";
            case SOCKET_CLOSED_BY_PEER: return "SOCKET_CLOSED_BY_PEER";
            case SOCKET_BROKEN: return "SOCKET_BROKEN";
            case SOCKET_NOT_OPEN: return "SOCKET_NOT_OPEN";
            case SOCKET_OPEN_FAILED: return "SOCKET_OPEN_FAILED";
            default: return "UNKNOWN_SOCKET_STATUS";
        }
    }
}
