package dev.tern.bench.powercut;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The verdict of a power-cut run rests on this check: it must see a lost, a doubled and a stray message. */
class LedgerTest {

    private static Ledger oneToFourAcceptedThreeUncertain() {
        Ledger ledger = new Ledger();
        ledger.accepted(1);
        ledger.accepted(2);
        ledger.uncertain(3);
        ledger.accepted(4);
        return ledger;
    }

    @Test
    void everyAcceptedOnceAndAnUncertainOneMissingHolds() {
        Ledger.Check check = oneToFourAcceptedThreeUncertain().check("f", 2, Map.of(1L, 1, 2L, 1, 4L, 1));
        assertAll(() -> assertTrue(check.holds()), () -> assertEquals(3, check.accepted()),
                () -> assertEquals(1, check.uncertain()), () -> assertEquals(0, check.lost()));
    }

    @Test
    void anAcceptedMessageThatNeverArrivedIsLost() {
        Ledger.Check check = oneToFourAcceptedThreeUncertain().check("f", 1, Map.of(1L, 1, 3L, 1, 4L, 1));
        assertAll(() -> assertFalse(check.holds()), () -> assertEquals(1, check.lost()),
                () -> assertEquals("2", check.firstLost()));
    }

    @Test
    void aSecondCopyBreaksQos2ButNotQos1() {
        Map<Long, Integer> copies = Map.of(1L, 1, 2L, 2, 3L, 1, 4L, 1);
        Ledger.Check qos2 = oneToFourAcceptedThreeUncertain().check("f", 2, copies);
        Ledger.Check qos1 = oneToFourAcceptedThreeUncertain().check("f", 1, copies);
        assertAll(() -> assertFalse(qos2.holds()), () -> assertEquals(1, qos2.duplicated()),
                () -> assertTrue(qos1.holds()));
    }

    @Test
    void aNumberNeverPublishedIsUnexpected() {
        Ledger.Check check = oneToFourAcceptedThreeUncertain().check("f", 1, Map.of(1L, 1, 2L, 1, 4L, 1, 9L, 1));
        assertAll(() -> assertFalse(check.holds()), () -> assertEquals(1, check.unexpected()));
    }

    @Test
    void theNextNumberSkipsUncertainOnes() {
        assertEquals(5, oneToFourAcceptedThreeUncertain().next());
    }
}
