package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The board's trace around faults: what shows, what is pointed out, what the record learns. */
class StoryConsoleTest {

    private final StoryRecord record = new StoryRecord(QosPlan.defaults(), System.nanoTime());
    private final List<String> shown = new ArrayList<>();
    private final StoryConsole console = new StoryConsole(record, shown::add, false);

    @Test
    void pointsOutAPubrelResentAfterReconnectingButNotOneAnsweringAPubrec() {
        console.faultStruck();
        console.accept("T 1.000 mqtt: receive: pubrec (id=7)");
        console.accept("T 1.001 mqtt: send: pubrel (id=7)");
        console.accept("T 2.000 mqtt: receive: connack");
        console.accept("T 2.001 mqtt: send: pubrel (id=7)");
        assertEquals("T 1.001 mqtt: send: pubrel (id=7)", shown.get(1));
        assertTrue(shown.get(3).contains("PUBREL re-sent after reconnecting"), shown.get(3));
    }

    @Test
    void pointsOutAPublishResentWithDup1() {
        console.faultStruck();
        console.accept("T 2.001 mqtt: send: publish (id=9, qos=1, dup=1, 61 B)");
        assertTrue(shown.get(0).contains("DUP=1: re-sent"), shown.toString());
    }

    @Test
    void holdsTheTraceBackBetweenFaultsAndShowsItsLastLinesWhenOneStrikes() {
        for (int i = 0; i < 20; i++) {
            console.accept("T 0." + i + " mqtt: send: publish (qos=0, dup=0, 60 B)");
        }
        console.accept("I 1.0 app: a log line always shows");
        assertEquals(List.of("I 1.0 app: a log line always shows"), shown);
        record.strike(Fault.OUTAGE);
        console.faultStruck();
        assertEquals(1 + 1 + 6, shown.size(), shown.toString());
        assertEquals("T 0.19 mqtt: send: publish (qos=0, dup=0, 60 B)", shown.get(shown.size() - 1));
    }

    @Test
    void aConnectionClosesTheWindowOfAFaultThatIsOverAndTheStatusGivesWhatWasSent() {
        record.strike(Fault.OUTAGE);
        console.accept("I 3.0 mqtt: connected to 127.0.0.1:1883 (MQTT 5, session present)");
        assertTrue(record.faultUnderWay(), "the outage is not over yet: the window stays open");
        record.over(Fault.OUTAGE);
        console.accept("I 9.0 mqtt: connected to 127.0.0.1:1883 (MQTT 5, session present)");
        assertTrue(!record.faultUnderWay());
        console.accept("I 9.5 app: version=0.1.0 state=connected temperature.seq=41,qos=0 humidity.seq=40,qos=1 pressure.seq=39,qos=2");
        assertEquals(List.of(41L, 40L, 39L), record.outcomes().stream().map(QosOutcome::sent).toList());
    }
}
