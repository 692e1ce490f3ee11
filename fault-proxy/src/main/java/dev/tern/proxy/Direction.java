package dev.tern.proxy;

/** Which way a packet travels through the {@link FaultProxy}. */
public enum Direction {
    /** From the client (the engine under test) to the broker. */
    TO_BROKER,
    /** From the broker to the client. */
    TO_CLIENT
}
