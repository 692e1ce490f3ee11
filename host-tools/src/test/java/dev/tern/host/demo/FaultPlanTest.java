package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void theDefaultIsEveryFaultInStoryOrder() {
        assertEquals(List.of(Fault.OUTAGE, Fault.RESTART, Fault.POWERCUT), FaultPlan.parse(FaultPlan.ALL).faults());
    }

    @Test
    void keepsTheOrderGivenAndToleratesSpaces() {
        assertEquals(List.of(Fault.POWERCUT, Fault.OUTAGE), FaultPlan.parse("powercut, outage").faults());
    }

    @Test
    void aTypoIsNamedWithTheFaultsThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("outage,restrat"));
        assertEquals("'restrat': no such fault (choose from outage, restart, powercut)", e.getMessage());
    }

    @Test
    void emptyPartsAndRepeatsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(""));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("outage,"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("outage,outage")).getMessage()
                .contains("twice"));
    }

    @Test
    void withoutDropsOneFault() {
        assertEquals(List.of(Fault.OUTAGE, Fault.POWERCUT), FaultPlan.parse(FaultPlan.ALL).without(Fault.RESTART).faults());
        assertTrue(FaultPlan.calm().isCalm());
    }

    @Test
    void calmStretchesFitTheDurationButNeverUnderThreeSeconds() {
        assertEquals(FaultStory.CALM, FaultStory.calmFor(null, 3));
        assertEquals(java.time.Duration.ofSeconds(15), FaultStory.calmFor(java.time.Duration.ofSeconds(90), 3));
        assertEquals(FaultStory.SHORTEST_CALM, FaultStory.calmFor(java.time.Duration.ofSeconds(20), 3));
    }
}
