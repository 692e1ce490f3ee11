package dev.tern.boards.flash;

/** What a {@link FlashClock} does with the time a flash operation takes. */
public enum TimingMode {
    /** The calling thread sleeps for it, as the real CPU waits (the virtual board's and {@code tern sim}'s default). */
    REAL,
    /** The time is only added up, nobody waits: for fast tests and benches that read the counters. */
    ACCOUNTED
}
