package dev.tern.boards.tls;

/**
 * Why a {@link TlsTransport} call failed: its {@code lastFailure()}, for the board's console line.
 * Values in -500..-599, apart from the codec's (-1..-99), the session's (-100..-199), the
 * client's (-200..-299), the configuration page's (-300..-399) and the socket's (-400..-499).
 */
public final class TlsStatus {

    /** Nothing failed since the last connect began. */
    public static final int OK = 0;
    /** The TCP connection under TLS could not be made (refused, unreachable) or the socket would not open. */
    public static final int TLS_CONNECT_FAILED = -500;
    /** The broker's chain does not lead to a CA the board trusts. */
    public static final int TLS_UNTRUSTED_BROKER = -501;
    /** The broker presented a certificate that signs itself, and the board does not trust it. */
    public static final int TLS_SELF_SIGNED_BROKER = -502;
    /** The chain is trusted but names another host than the one the board connects to. */
    public static final int TLS_NAME_MISMATCH = -503;
    /** A certificate of the chain expired before the board's time. */
    public static final int TLS_EXPIRED = -504;
    /** A certificate of the chain is not valid yet at the board's time. */
    public static final int TLS_NOT_YET_VALID = -505;
    /** The chain is trusted but the broker's public key is not the pinned one. */
    public static final int TLS_PIN_MISMATCH = -506;
    /** The broker refused the board's certificate (or its lack of one): a certificate alert from the broker. */
    public static final int TLS_DEVICE_REJECTED = -507;
    /** No TLS version in common: the broker offers none of the board's (TLS 1.2, 1.3). */
    public static final int TLS_PROTOCOL_VERSION = -508;
    /** The handshake failed for another reason (a malformed or unexpected message, no common cipher). */
    public static final int TLS_HANDSHAKE_FAILED = -509;
    /** A record after the handshake did not decrypt or authenticate: garbled on the way. */
    public static final int TLS_BAD_RECORD = -510;
    /** The connection ended inside TLS: in the handshake, inside a record, or without close_notify. */
    public static final int TLS_TRUNCATED = -511;
    /** The socket broke under an established TLS session (reset, or another I/O error). */
    public static final int TLS_BROKEN = -512;

    private TlsStatus() {
    }

    /** The constant's name, for logs; {@code "UNKNOWN_TLS_STATUS"} for any other value. */
    public static String name(int status) {
        switch (status) {
            case OK: return "OK";
            case TLS_CONNECT_FAILED: return "TLS_CONNECT_FAILED";
            case TLS_UNTRUSTED_BROKER: return "TLS_UNTRUSTED_BROKER";
            case TLS_SELF_SIGNED_BROKER: return "TLS_SELF_SIGNED_BROKER";
            case TLS_NAME_MISMATCH: return "TLS_NAME_MISMATCH";
            case TLS_EXPIRED: return "TLS_EXPIRED";
            case TLS_NOT_YET_VALID: return "TLS_NOT_YET_VALID";
            case TLS_PIN_MISMATCH: return "TLS_PIN_MISMATCH";
            case TLS_DEVICE_REJECTED: return "TLS_DEVICE_REJECTED";
            case TLS_PROTOCOL_VERSION: return "TLS_PROTOCOL_VERSION";
            case TLS_HANDSHAKE_FAILED: return "TLS_HANDSHAKE_FAILED";
            case TLS_BAD_RECORD: return "TLS_BAD_RECORD";
            case TLS_TRUNCATED: return "TLS_TRUNCATED";
            case TLS_BROKEN: return "TLS_BROKEN";
            default: return "UNKNOWN_TLS_STATUS";
        }
    }
}
