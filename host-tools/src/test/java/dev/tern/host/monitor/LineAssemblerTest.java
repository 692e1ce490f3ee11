package dev.tern.host.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineAssemblerTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:04:31.123Z");
    private static final Instant T1 = T0.plusMillis(7);
    private static final Instant T2 = T0.plusMillis(20);

    private final List<String> lines = new ArrayList<>();
    private final List<Instant> times = new ArrayList<>();
    private final LineAssembler assembler = new LineAssembler((text, at) -> {
        lines.add(text);
        times.add(at);
    });

    private void feed(String text, Instant at) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assembler.accept(bytes, 0, bytes.length, at);
    }

    @Test
    void aLineSplitAcrossReadsIsOneLineStampedWithItsFirstBytesArrival() throws Exception {
        feed("I 0.000 bo", T0);
        feed("ot: Tern sensor", T1);
        feed(" firmware\r\n", T2);

        assertEquals(List.of("I 0.000 boot: Tern sensor firmware"), lines);
        assertEquals(List.of(T0), times, "the time of the first byte, not of the newline");
    }

    @Test
    void crLfLfAndALoneCrEachEndOneLine() throws Exception {
        feed("a\r\nb\nc\rd\r\n", T0);

        assertEquals(List.of("a", "b", "c", "d"), lines);
    }

    @Test
    void theLfOfACrLfSplitAcrossTwoReadsDoesNotMakeAnEmptyLine() throws Exception {
        feed("first\r", T0);
        feed("\nsecond\r", T1);
        feed("\n", T2);

        assertEquals(List.of("first", "second"), lines);
        assertEquals(List.of(T0, T1), times);
    }

    @Test
    void aLineStartingRightAfterAnotherInTheSameReadTakesThatReadsTime() throws Exception {
        feed("one\r\ntw", T0);
        feed("o\r\n", T1);

        assertEquals(List.of("one", "two"), lines);
        assertEquals(List.of(T0, T0), times, "'two' began arriving at T0");
    }

    @Test
    void emptyLinesAreKept() throws Exception {
        feed("a\r\n\r\nb\n\n", T0);

        assertEquals(List.of("a", "", "b", ""), lines);
    }

    @Test
    void flushShowsAStartedLineAndTheRestBecomesTheNextLine() throws Exception {
        feed("> ", T0);
        assembler.flush();
        assembler.flush();
        feed("status\r\n", T1);

        assertEquals(List.of("> ", "status"), lines);
        assertEquals(List.of(T0, T1), times);
    }

    @Test
    void controlBytesAreShownEscapedAndBadUtf8Replaced() throws Exception {
        byte[] bytes = {0x79, 0x1f, 'a', '\t', 'b', 0x1b, '[', 'm', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, '\n'};
        assembler.accept(bytes, 0, bytes.length, T0);

        assertEquals(List.of("y\\x1fa\tb\\x1b[m\u00e9\ufffd"), lines);
    }

    @Test
    void aLineLongerThanTheLimitIsCutThere() throws Exception {
        feed("x".repeat(LineAssembler.MAX_LINE + 3) + "\n", T0);

        assertEquals(List.of("x".repeat(LineAssembler.MAX_LINE), "xxx"), lines);
    }
}
