package dev.tern.host.serial;

/**
 * Telnet (RFC 854, 855) and Com Port Control (RFC 2217) codes that {@link Rfc2217Link} speaks.
 *
 * <pre>
 *   negotiation:     IAC WILL|WONT|DO|DONT option
 *   subnegotiation:  IAC SB COM-PORT-OPTION command value... IAC SE   (0xFF in value doubled)
 *   data:            any byte; 0xFF is sent as IAC IAC
 * </pre>
 */
final class Telnet {

    static final int IAC = 0xFF;
    static final int DONT = 0xFE;
    static final int DO = 0xFD;
    static final int WONT = 0xFC;
    static final int WILL = 0xFB;
    static final int SB = 0xFA;
    static final int SE = 0xF0;

    /** RFC 856. */
    static final int OPTION_BINARY = 0;
    /** RFC 858. */
    static final int OPTION_SUPPRESS_GO_AHEAD = 3;
    /** RFC 2217. */
    static final int OPTION_COM_PORT = 44;

    // Com Port Control commands, client to server; the server answers with the command + 100.
    static final int SET_BAUDRATE = 1;
    static final int SET_DATASIZE = 2;
    static final int SET_PARITY = 3;
    static final int SET_STOPSIZE = 4;
    static final int SET_CONTROL = 5;
    static final int NOTIFY_LINESTATE = 6;
    static final int NOTIFY_MODEMSTATE = 7;
    static final int PURGE_DATA = 12;
    static final int SERVER_OFFSET = 100;
    /** Commands 0..12; answers are kept per command. */
    static final int COMMAND_COUNT = 13;

    static final int PARITY_NONE = 1;
    static final int PARITY_ODD = 2;
    static final int PARITY_EVEN = 3;

    static final int STOPSIZE_1 = 1;
    static final int STOPSIZE_2 = 2;

    static final int CONTROL_FLOW_NONE = 1;
    static final int CONTROL_FLOW_XON_XOFF = 2;
    static final int CONTROL_FLOW_HARDWARE = 3;
    static final int CONTROL_DTR_ON = 8;
    static final int CONTROL_DTR_OFF = 9;
    static final int CONTROL_RTS_ON = 11;
    static final int CONTROL_RTS_OFF = 12;

    /** Purge the access server's receive buffer: what came from the serial line and was not yet sent. */
    static final int PURGE_RECEIVE_BUFFER = 1;

    private Telnet() {
    }

    static String commandName(int command) {
        return switch (command) {
            case SET_BAUDRATE -> "SET-BAUDRATE";
            case SET_DATASIZE -> "SET-DATASIZE";
            case SET_PARITY -> "SET-PARITY";
            case SET_STOPSIZE -> "SET-STOPSIZE";
            case SET_CONTROL -> "SET-CONTROL";
            case NOTIFY_LINESTATE -> "NOTIFY-LINESTATE";
            case NOTIFY_MODEMSTATE -> "NOTIFY-MODEMSTATE";
            case PURGE_DATA -> "PURGE-DATA";
            default -> "command " + command;
        };
    }
}
