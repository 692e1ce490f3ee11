package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Turnarounds added up from given instants: no real time involved. */
class ExchangeTimerTest {

    @Test
    void boardAndHostTurnaroundsOfAStopAndWaitExchange() {
        final ExchangeTimer timer = new ExchangeTimer();
        timer.hostBytesSeen(0);
        timer.hostBurstDelivered(1_000, 1_000); // command and complement delivered on time
        timer.replyStarted(1_300); // the board's ACK starts 0.3 us later
        timer.replyDelivered(2_300, 2_300);
        timer.hostBytesSeen(2_800); // the host's address, 0.5 us after the ACK reached it
        timer.hostBurstDelivered(3_000, 2_900); // delivered 0.1 us after it crossed
        timer.replyStarted(4_000);
        timer.replyDelivered(5_000, 4_950);
        final LineStats.Turnarounds totals = timer.totals();
        assertEquals(2, totals.boardAnswers());
        assertEquals(300 + 1_000, totals.boardAnswerNanos());
        assertEquals(1, totals.hostAnswers(), "the last answer has no answer from the host yet");
        assertEquals(500, totals.hostAnswerNanos());
        assertEquals(100 + 50, totals.lateNanos());
    }

    @Test
    void aBurstInPiecesCountsFromItsLastPieceAndAnAnswerInPiecesFromItsFirst() {
        final ExchangeTimer timer = new ExchangeTimer();
        timer.hostBytesSeen(0);
        timer.hostBurstDelivered(100, 100);
        timer.hostBytesSeen(150); // the rest of the frame, written separately by the host
        timer.hostBurstDelivered(400, 400);
        timer.replyStarted(900);
        timer.replyStarted(1_500); // more of the same answer
        timer.replyDelivered(2_000, 2_000);
        final LineStats.Turnarounds totals = timer.totals();
        assertEquals(1, totals.boardAnswers());
        assertEquals(500, totals.boardAnswerNanos());
    }

    @Test
    void boardTextNobodyAskedForIsNoAnswer() {
        final ExchangeTimer timer = new ExchangeTimer();
        timer.replyStarted(10); // a console banner before the host said anything
        timer.replyDelivered(20, 20);
        assertEquals(0, timer.totals().boardAnswers());
        assertEquals(0, timer.totals().hostAnswers());
    }

    @Test
    void sinceSubtractsAnEarlierReading() {
        final LineStats.Turnarounds before = new LineStats.Turnarounds(2, 200, 1, 50, 7);
        final LineStats.Turnarounds after = new LineStats.Turnarounds(5, 900, 4, 350, 10);
        assertEquals(new LineStats.Turnarounds(3, 700, 3, 300, 3), after.since(before));
    }
}
