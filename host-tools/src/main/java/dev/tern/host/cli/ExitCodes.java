package dev.tern.host.cli;

/** The exit codes of every {@code tern} command (docs/design.md, "Host tool conventions"). */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command failed (the message says why). */
    public static final int FAILURE = 1;
    /** The command line was wrong: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;
    /** The device or port could not be reached (absent, busy, no answer). */
    public static final int UNREACHABLE = 3;
    /** A verification or signature check failed. */
    public static final int VERIFICATION_FAILED = 4;

    private ExitCodes() {
    }
}
