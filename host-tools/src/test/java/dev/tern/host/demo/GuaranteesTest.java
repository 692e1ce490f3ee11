package dev.tern.host.demo;

import dev.tern.boards.firmware.Reading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Each QoS's promise as a verdict on counted outcomes: what passes and what breaks it. */
class GuaranteesTest {

    private static final long INTERVAL = 1000;
    private static final List<FaultWindow> OUTAGE_10_TO_18 = List.of(new FaultWindow(Fault.OUTAGE, 10_000, 18_000));

    /** Readings 1..last arriving once a second (seq n at n s), except those left out, plus the extra copies. */
    private static QosOutcome outcome(int qos, int last, List<Integer> leftOut, List<Integer> twice, List<FaultWindow> windows) {
        List<Arrival> arrivals = new ArrayList<>();
        for (int seq = 1; seq <= last; seq++) {
            if (!leftOut.contains(seq)) {
                arrivals.add(new Arrival(new Reading("s", qos, seq, false, seq * INTERVAL, "1"), seq * INTERVAL));
            }
            if (twice.contains(seq)) {
                arrivals.add(new Arrival(new Reading("s", qos, seq, true, seq * INTERVAL, "1"), seq * INTERVAL + 50));
            }
        }
        return OutcomeCounter.count("s", qos, arrivals, windows, List.of(0L), last);
    }

    @Test
    void aQos0LossInsideAFaultWindowKeepsThePromise() {
        QosOutcome o = outcome(0, 30, List.of(12, 13), List.of(), OUTAGE_10_TO_18);
        assertEquals(2, o.lost());
        assertEquals(2, o.lostInFault().get(Fault.OUTAGE));
        assertEquals(List.of(), Guarantees.broken(List.of(o)));
        assertTrue(o.reasons().get(0).contains("published at QoS 0 while the link was down"), o.reasons().toString());
    }

    @Test
    void aQos0LossOutsideAnyFaultWindowBreaksIt() {
        QosOutcome o = outcome(0, 30, List.of(25), List.of(), OUTAGE_10_TO_18);
        assertEquals(1, o.lostOutside());
        List<String> broken = Guarantees.broken(List.of(o));
        assertEquals(1, broken.size(), broken.toString());
        assertTrue(broken.get(0).contains("lost outside any fault window (seq 25)"), broken.get(0));
    }

    @Test
    void aQos1LossBreaksItEvenInsideAFault() {
        List<String> broken = Guarantees.broken(List.of(outcome(1, 30, List.of(12), List.of(), OUTAGE_10_TO_18)));
        assertEquals(1, broken.size(), broken.toString());
        assertTrue(broken.get(0).contains("QoS 1 must lose nothing"), broken.get(0));
    }

    @Test
    void aQos1DuplicateKeepsThePromise() {
        QosOutcome o = outcome(1, 30, List.of(), List.of(14), OUTAGE_10_TO_18);
        assertEquals(1, o.duplicates());
        assertEquals(List.of(), Guarantees.broken(List.of(o)));
    }

    @Test
    void aQos2DuplicateBreaksIt() {
        List<String> broken = Guarantees.broken(List.of(outcome(2, 30, List.of(), List.of(14), OUTAGE_10_TO_18)));
        assertEquals(1, broken.size(), broken.toString());
        assertTrue(broken.get(0).contains("exactly once"), broken.get(0));
    }

    @Test
    void aQos2LossBreaksIt() {
        List<String> broken = Guarantees.broken(List.of(outcome(2, 30, List.of(16), List.of(), OUTAGE_10_TO_18)));
        assertTrue(broken.get(0).contains("QoS 2 must lose nothing"), broken.toString());
    }

    @Test
    void readingsTheBoardTookButNeverDeliveredBreakQos1() {
        List<Arrival> arrivals = List.of(new Arrival(new Reading("s", 1, 1, false, 0, "1"), 10));
        QosOutcome o = OutcomeCounter.count("s", 1, arrivals, List.of(), List.of(0L), 5);
        assertEquals(5, o.sent());
        assertEquals(4, o.undelivered());
        assertTrue(Guarantees.broken(List.of(o)).get(0).contains("not delivered by the end"));
    }

    @Test
    void aSensorWithNoReadingBreaksIt() {
        QosOutcome o = OutcomeCounter.count("s", 0, List.of(), List.of(), List.of(0L), 0);
        assertEquals(List.of("s (QoS 0): no reading arrived"), Guarantees.broken(List.of(o)));
    }

    @Test
    void allPromisesKeptIsEmpty() {
        assertEquals(List.of(), Guarantees.broken(List.of(outcome(0, 20, List.of(), List.of(), List.of()),
                outcome(1, 20, List.of(), List.of(), List.of()), outcome(2, 20, List.of(), List.of(), List.of()))));
    }
}
