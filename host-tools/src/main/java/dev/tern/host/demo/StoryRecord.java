package dev.tern.host.demo;

import dev.tern.boards.firmware.Reading;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the story's verdict, table and picture need, recorded as it happens (any thread):
 * each reading with its arrival time, the fault windows and the board's boots, in milliseconds
 * since the origin (the first boot, {@link #startClock()}). A fault window opens when the fault strikes and
 * closes when the board is connected again after the fault is over.
 */
public final class StoryRecord {

    private final QosPlan plan;
    private volatile long originNanos;
    private final Map<String, List<Arrival>> arrivals = new LinkedHashMap<>();
    private final List<FaultWindow> windows = new ArrayList<>();
    private final Set<Fault> over = EnumSet.noneOf(Fault.class);
    private final List<Long> bootStarts = new ArrayList<>();
    private final Map<String, Long> boardSequences = new LinkedHashMap<>();

    public StoryRecord(QosPlan plan, long originNanos) {
        this.plan = plan;
        this.originNanos = originNanos;
        for (String sensor : plan.sensors()) {
            arrivals.put(sensor, new ArrayList<>());
        }
        bootStarts.add(0L);
    }

    /** The board boots now: times count from here (nothing is recorded before). */
    public void startClock() {
        originNanos = System.nanoTime();
    }

    /** Milliseconds since the origin, now. */
    public long now() {
        return (System.nanoTime() - originNanos) / 1_000_000;
    }

    public synchronized void add(Reading reading) {
        add(reading, now());
    }

    synchronized void add(Reading reading, long atMillis) {
        List<Arrival> list = arrivals.get(reading.sensor());
        if (list != null) {
            list.add(new Arrival(reading, atMillis));
        }
    }

    /** The board said the last reading {@code sensor} took has sequence number {@code seq} (its status). */
    public synchronized void boardSequence(String sensor, long seq) {
        if (arrivals.containsKey(sensor)) {
            boardSequences.put(sensor, seq);
        }
    }

    /** A window as it was (tests and replays). */
    synchronized void addWindow(FaultWindow window) {
        windows.add(window);
    }

    /** The fault strikes now: its window opens. */
    public synchronized void strike(Fault fault) {
        windows.add(new FaultWindow(fault, now(), Long.MAX_VALUE));
        over.remove(fault);
    }

    /** The fault's action is over (link up, broker back, power on); its window closes at the next connection. */
    public synchronized void over(Fault fault) {
        over.add(fault);
    }

    /** The board powered on again now (its clock restarts). */
    public synchronized void booted() {
        bootStarts.add(now());
    }

    /** The board is connected to the broker: the windows of faults that are over close. */
    public synchronized void boardConnected() {
        closeWindows(over, now());
    }

    /** Closes every window still open (the demo ends); true when one was. */
    public synchronized boolean closeAll() {
        boolean open = windows.stream().anyMatch(FaultWindow::isOpen);
        closeWindows(EnumSet.allOf(Fault.class), now());
        return open;
    }

    private void closeWindows(Set<Fault> which, long at) {
        for (int i = 0; i < windows.size(); i++) {
            FaultWindow window = windows.get(i);
            if (window.isOpen() && which.contains(window.fault())) {
                windows.set(i, window.closedAt(at));
            }
        }
    }

    /** Whether a fault window is open now. */
    public synchronized boolean faultUnderWay() {
        return windows.stream().anyMatch(FaultWindow::isOpen);
    }

    public synchronized List<FaultWindow> windows() {
        return List.copyOf(windows);
    }

    public synchronized List<Arrival> arrivals(String sensor) {
        return List.copyOf(arrivals.get(sensor));
    }

    /** Each sensor's outcome now, in the plan's order. */
    public synchronized List<QosOutcome> outcomes() {
        List<QosOutcome> outcomes = new ArrayList<>();
        for (String sensor : plan.sensors()) {
            outcomes.add(OutcomeCounter.count(sensor, plan.qos(sensor), arrivals.get(sensor), windows, bootStarts,
                    boardSequences.getOrDefault(sensor, 0L)));
        }
        return outcomes;
    }

    public QosPlan plan() {
        return plan;
    }
}
