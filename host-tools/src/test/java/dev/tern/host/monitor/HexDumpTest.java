package dev.tern.host.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HexDumpTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant T1 = T0.plusMillis(5);

    private final List<String> rows = new ArrayList<>();
    private final List<Instant> times = new ArrayList<>();
    private final HexDump dump = new HexDump((text, at) -> {
        rows.add(text);
        times.add(at);
    });

    @Test
    void aFullRowHasOffsetSixteenBytesInTwoGroupsAndAscii() throws Exception {
        byte[] bytes = {0x7f, 0x79, 0x1f, 0x00, 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'};
        dump.accept(bytes, 0, bytes.length, T0);

        assertEquals(List.of("00000000  7f 79 1f 00 41 42 43 44  45 46 47 48 49 4a 4b 4c  |.y..ABCDEFGHIJKL|"), rows);
    }

    @Test
    void rowsFillAcrossReadsAndAPartialRowWaitsForAFlushAlignedUnderTheFullOnes() throws Exception {
        byte[] bytes = new byte[20];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + i);
        }
        dump.accept(bytes, 0, 10, T0);
        dump.accept(bytes, 10, 10, T1);
        assertEquals(1, rows.size(), "the 4 last bytes wait for more");
        dump.flush();
        dump.accept(new byte[] {'\r', '\n'}, 0, 2, T1);
        dump.flush();

        assertEquals(List.of(
                "00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|",
                "00000010  71 72 73 74                                       |qrst|",
                "00000014  0d 0a                                             |..|"), rows);
        assertEquals(List.of(T0, T1, T1), times, "each row carries the time of its first byte");
        assertEquals(rows.get(0).indexOf('|'), rows.get(1).indexOf('|'));
    }

    @Test
    void flushWithNothingHeldShowsNothing() throws Exception {
        dump.flush();
        assertEquals(List.of(), rows);
    }
}
