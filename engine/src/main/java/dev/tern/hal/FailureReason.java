package dev.tern.hal;

/**
 * What a {@link Transport} may also implement: why its last call returned {@link Transport#FAILED}
 * or {@link Transport#CLOSED}, for the firmware's log line (a TLS transport says
 * TLS_UNTRUSTED_BROKER where the engine only sees FAILED). The engine never uses it; the
 * firmware asks with {@code instanceof}, so a board whose transport cannot tell needs nothing.
 */
public interface FailureReason {

    /** Nothing failed since the last connect began. */
    int NONE = 0;

    /** {@link #NONE}, or the transport's own negative status for the last failure; kept across close(). */
    int lastFailure();

    /** The status' name for a log line, such as "TLS_UNTRUSTED_BROKER"; never key material. */
    String failureName(int status);
}
