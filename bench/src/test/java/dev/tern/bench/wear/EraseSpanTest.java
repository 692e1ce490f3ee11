package dev.tern.bench.wear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EraseSpanTest {

    @Test
    void countsOnlyBetweenTheFirstAndTheLastErasingMessage() {
        EraseSpan span = new EraseSpan();
        span.note(0, 5);   // the setup's erases
        span.note(1, 5);
        span.note(2, 6);   // first erase: a unit part-filled before it is not counted
        span.note(3, 6);
        span.note(7, 8);
        span.note(9, 9);   // last erase
        span.note(10, 9);  // the part-filled unit after it is not counted either
        assertEquals(7, span.messages());
        assertEquals(3, span.erases());
    }

    @Test
    void oneEraseIsNoSpan() {
        EraseSpan span = new EraseSpan();
        span.note(0, 0);
        span.note(1, 1);
        span.note(2, 1);
        assertEquals(0, span.messages());
    }
}
