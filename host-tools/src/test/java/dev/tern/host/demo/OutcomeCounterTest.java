package dev.tern.host.demo;

import dev.tern.boards.firmware.Reading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Late deliveries, told apart across reboots that restart the board's clock. */
class OutcomeCounterTest {

    private static Arrival arrival(long seq, long boardMillis, long atMillis) {
        return new Arrival(new Reading("s", 1, seq, false, boardMillis, "1"), atMillis);
    }

    @Test
    void aReadingHeldBackDuringAFaultIsLateOthersAreNot() {
        // the board booted at 0 and its clock started 200 ms later; readings take 20 ms, one waited 6 s
        List<Arrival> arrivals = List.of(arrival(1, 1000, 1220), arrival(2, 2000, 2220), arrival(3, 3000, 9100),
                arrival(4, 4000, 9150), arrival(5, 10000, 10220));
        assertEquals(2, OutcomeCounter.late(arrivals, List.of(0L)));
    }

    @Test
    void aRebootRestartsTheBoardClockWithoutMakingEverythingLate() {
        // boot 1 at 0 (clock from 200), boot 2 at 30 s (clock from 30.5 s): readings of both arrive promptly,
        // one reading of boot 1 is re-sent after boot 2 (late)
        List<Arrival> arrivals = List.of(arrival(1, 1000, 1220), arrival(2, 2000, 2220), arrival(3, 3000, 31000),
                arrival(4, 1000, 31520), arrival(5, 2000, 32520));
        assertEquals(1, OutcomeCounter.late(arrivals, List.of(0L, 30_000L)));
    }

    @Test
    void aLossIsPlacedBetweenTheArrivalsOfItsNeighbours() {
        List<Arrival> arrivals = List.of(arrival(1, 1000, 1000), arrival(2, 2000, 2000), arrival(4, 4000, 4000));
        QosOutcome calm = OutcomeCounter.count("s", 0, arrivals, List.of(new FaultWindow(Fault.RESTART, 5000, 6000)),
                List.of(0L), 4);
        assertEquals(1, calm.lostOutside());
        QosOutcome inRestart = OutcomeCounter.count("s", 0, arrivals, List.of(new FaultWindow(Fault.RESTART, 2500, 3500)),
                List.of(0L), 4);
        assertEquals(0, inRestart.lostOutside());
        assertEquals(1, inRestart.lostInFault().get(Fault.RESTART));
    }
}
