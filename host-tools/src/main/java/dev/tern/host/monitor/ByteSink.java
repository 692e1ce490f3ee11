package dev.tern.host.monitor;

import java.io.IOException;
import java.time.Instant;

/** Where the monitor puts the bytes it reads: lines ({@link LineAssembler}) or a hex dump ({@link HexDump}). */
interface ByteSink {

    /** Bytes that arrived together at {@code arrived} (the host's clock when the read returned). */
    void accept(byte[] bytes, int offset, int length, Instant arrived) throws IOException;

    /** Nothing came for a while, or the link went away: show what is held back (a line without its end). */
    void flush() throws IOException;
}
