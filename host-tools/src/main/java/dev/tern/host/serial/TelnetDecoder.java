package dev.tern.host.serial;

/**
 * Splits what a telnet server sends into data bytes and commands, across any split of the input
 * into chunks. Data goes to the caller's buffer; negotiations and subnegotiations go to the
 * {@link Listener}. A doubled IAC is one 0xFF data byte, in data and in a subnegotiation alike.
 */
final class TelnetDecoder {

    /** What the decoder found besides data. */
    interface Listener {
        /** {@code IAC verb option}: verb is WILL, WONT, DO or DONT. */
        void onNegotiation(int verb, int option);

        /** {@code IAC SB option bytes... IAC SE}, with doubled IACs undone. */
        void onSubnegotiation(int option, byte[] bytes, int length);
    }

    static final int MAX_SUBNEGOTIATION = 64;

    private static final int DATA = 0;
    private static final int AFTER_IAC = 1;
    private static final int AFTER_VERB = 2;
    private static final int SB_OPTION = 3;
    private static final int SB_BODY = 4;
    private static final int SB_AFTER_IAC = 5;

    private final Listener listener;
    private final byte[] subnegotiation = new byte[MAX_SUBNEGOTIATION];
    private int state = DATA;
    private int verb;
    private int option;
    private int subnegotiationLength;

    TelnetDecoder(Listener listener) {
        this.listener = listener;
    }

    /**
     * Decodes {@code length} bytes of {@code input} from {@code offset}; writes the data bytes to
     * {@code output} from {@code outputOffset} (never more than {@code length}) and returns their count.
     */
    int decode(byte[] input, int offset, int length, byte[] output, int outputOffset) {
        int out = outputOffset;
        for (int i = offset; i < offset + length; i++) {
            int b = input[i] & 0xFF;
            switch (state) {
                case DATA:
                    if (b == Telnet.IAC) {
                        state = AFTER_IAC;
                    } else {
                        output[out++] = (byte) b;
                    }
                    break;
                case AFTER_IAC:
                    if (b == Telnet.IAC) {
                        // a doubled IAC is a 0xFF data byte
                        output[out++] = (byte) b;
                        state = DATA;
                    } else if (b == Telnet.WILL || b == Telnet.WONT || b == Telnet.DO || b == Telnet.DONT) {
                        verb = b;
                        state = AFTER_VERB;
                    } else if (b == Telnet.SB) {
                        state = SB_OPTION;
                    } else {
                        // NOP, GA, BRK and the other two-byte commands carry nothing for a serial line
                        state = DATA;
                    }
                    break;
                case AFTER_VERB:
                    listener.onNegotiation(verb, b);
                    state = DATA;
                    break;
                case SB_OPTION:
                    option = b;
                    subnegotiationLength = 0;
                    state = SB_BODY;
                    break;
                case SB_BODY:
                    if (b == Telnet.IAC) {
                        state = SB_AFTER_IAC;
                    } else {
                        keep(b);
                    }
                    break;
                case SB_AFTER_IAC:
                    if (b == Telnet.SE) {
                        listener.onSubnegotiation(option, subnegotiation, Math.min(subnegotiationLength, MAX_SUBNEGOTIATION));
                        state = DATA;
                    } else {
                        // IAC IAC inside is a 0xFF value byte; anything else is malformed, kept as is
                        keep(b);
                        state = SB_BODY;
                    }
                    break;
                default:
                    throw new IllegalStateException("state=" + state);
            }
        }
        return out - outputOffset;
    }

    private void keep(int b) {
        // an overlong subnegotiation is cut, not allowed to grow without bound
        if (subnegotiationLength < MAX_SUBNEGOTIATION) {
            subnegotiation[subnegotiationLength] = (byte) b;
        }
        subnegotiationLength++;
    }
}
