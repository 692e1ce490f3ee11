package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tern.boards.firmware.Reading;
import dev.tern.host.demo.ReadingsTable.Counts;

class ReadingsTableTest {

    private final ReadingsTable table = new ReadingsTable(QosPlan.defaults());

    private void add(String sensor, int qos, long seq, boolean dup) {
        table.add(new Reading(sensor, qos, seq, dup, seq * 100, "v" + seq));
    }

    private Counts counts(String sensor) {
        return table.counts().stream().filter(c -> c.sensor().equals(sensor)).findFirst().orElseThrow();
    }

    @Test
    void countsEachDeliveryAndARepeatedSequenceNumberAsADuplicate() {
        add("humidity", 1, 1, false);
        add("humidity", 1, 2, false);
        add("humidity", 1, 2, true);   // re-sent after a lost PUBACK: the same reading again
        add("humidity", 1, 3, false);

        Counts humidity = counts("humidity");
        assertEquals(4, humidity.received());
        assertEquals(1, humidity.duplicates());
        assertEquals(0, humidity.gaps());
        assertEquals("v3", humidity.lastValue());
        assertEquals(Set.of(1), humidity.qosSeen());
    }

    @Test
    void aDupFlaggedFirstArrivalIsNotADuplicate() {
        add("pressure", 2, 1, false);
        add("pressure", 2, 2, true);   // the first copy never arrived: this one is the delivery

        assertEquals(0, counts("pressure").duplicates());
        assertEquals(List.of(), table.problems().stream().filter(p -> p.startsWith("pressure")).toList());
    }

    @Test
    void countsNumbersNeverReceivedBetweenTheLowestAndHighestAsGaps() {
        add("temperature", 0, 5, false); // joined a running sequence: nothing before 5 is a gap
        add("temperature", 0, 6, false);
        add("temperature", 0, 9, false);
        add("temperature", 0, 8, false);

        Counts temperature = counts("temperature");
        assertEquals(1, temperature.gaps(), "7 never arrived");
        assertEquals(0, temperature.duplicates());
    }

    @Test
    void aDuplicateAtQos2IsAProblemAtQos1ItIsNot() {
        add("temperature", 0, 1, false);
        add("humidity", 1, 1, false);
        add("humidity", 1, 1, true);
        add("pressure", 2, 1, false);
        add("pressure", 2, 1, true);

        assertEquals(List.of("pressure: 1 duplicate(s) at QoS 2, which must deliver exactly once"), table.problems());
    }

    @Test
    void aSensorWithoutReadingsOrAtAnotherQosThanPlannedIsAProblem() {
        add("temperature", 1, 1, false);
        add("pressure", 2, 1, false);

        assertEquals(List.of("temperature: readings arrived at QoS 1, planned 0",
                "humidity: no reading arrived (planned QoS 1)"), table.problems());
    }

    @Test
    void everySensorAtItsQosWithoutQos2DuplicatesPasses() {
        for (long seq = 1; seq <= 3; seq++) {
            add("temperature", 0, seq, false);
            add("humidity", 1, seq, false);
            add("pressure", 2, seq, false);
        }
        assertEquals(List.of(), table.problems());
    }

    @Test
    void ignoresTopicsThatAreNotPlannedSensors() {
        assertTrue(!table.add(new Reading("status", 1, 1, false, 0, "x")));
        assertEquals(3, table.counts().size());
    }

    @Test
    void rendersOneLinePerSensorUnderAHeader() {
        add("temperature", 0, 1, false);
        add("temperature", 0, 3, false);

        List<String> lines = table.render();

        assertEquals(4, lines.size(), String.join("\n", lines));
        assertEquals("sensor        QoS  received  duplicates  gaps  last value", lines.get(0));
        assertEquals("temperature     0         2           0     1  v3", lines.get(1));
        assertEquals("humidity      (1)         0           0     0  -", lines.get(2));
    }
}
