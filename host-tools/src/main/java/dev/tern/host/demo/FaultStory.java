package dev.tern.host.demo;

import java.time.Duration;
import java.util.List;

import dev.tern.host.cli.StopSignal;

/**
 * The story's script: calm readings, then each planned fault followed by a calm stretch, with
 * the live table kept up to date, and the keys a person presses ({@code o}, {@code r}, {@code p}
 * inflict a fault now, {@code q} ends the demo). The faults themselves are {@link FaultActions}.
 */
public final class FaultStory {

    /** The calm stretches: before the first fault, between two, and after the last. */
    static final Duration CALM = Duration.ofSeconds(10);
    static final Duration SHORTEST_CALM = Duration.ofSeconds(3);
    /** About how long each fault takes, outage and reconnecting included: to fit --duration. */
    static final Duration FAULT_ESTIMATE = Duration.ofSeconds(10);

    private final FaultActions actions;
    private final LiveScreen screen;
    private final StopSignal stop;
    private final KeyPresses keys;
    private final Duration tick;
    private boolean quit;
    private boolean inFault;

    public FaultStory(FaultActions actions, LiveScreen screen, StopSignal stop, KeyPresses keys, Duration tick) {
        this.actions = actions;
        this.screen = screen;
        this.stop = stop;
        this.keys = keys;
        this.tick = tick;
    }

    /** How long each calm stretch lasts so that the story takes about {@code total} (never under 3 s). */
    static Duration calmFor(Duration total, int faults) {
        if (total == null) {
            return CALM;
        }
        Duration left = total.minus(FAULT_ESTIMATE.multipliedBy(faults));
        Duration each = left.dividedBy(faults + 1);
        return each.compareTo(SHORTEST_CALM) < 0 ? SHORTEST_CALM : each;
    }

    /** Plays the story; true when it ended by Ctrl-C or q. */
    public boolean play(List<Fault> faults, Duration calm) throws Exception {
        int step = 0;
        for (Fault fault : faults) {
            step++;
            if (!pause(calm)) {
                return true;
            }
            screen.say("demo: step " + step + " of " + faults.size() + ": " + fault.title());
            if (!inflict(fault)) {
                return true;
            }
        }
        screen.say("demo: " + (faults.isEmpty() ? "" : "the faults are over; ") + "readings for " + calm.toSeconds()
                + " s more, then the summary");
        return !pause(calm);
    }

    /** Waits {@code duration}, redrawing the table and acting on keys; false on Ctrl-C or q. */
    private boolean pause(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        long nextTick = System.nanoTime() + tick.toNanos();
        while (!quit) {
            long now = System.nanoTime();
            if (now - end >= 0) {
                return true;
            }
            long wait = Math.min(end - now, Math.max(0, nextTick - now)) / 1_000_000;
            if (stop.await(Duration.ofMillis(Math.min(wait, 50)))) {
                return false;
            }
            Character key = keys.next(0);
            if (key != null) {
                onKey(key);
            }
            if (System.nanoTime() - nextTick >= 0) {
                screen.tick();
                nextTick = System.nanoTime() + tick.toNanos();
            }
        }
        return false;
    }

    private void onKey(char key) throws InterruptedException {
        if (key == 'q') {
            screen.say("demo: q: ending the demo");
            quit = true;
            return;
        }
        Fault fault = Fault.ofLetter(key);
        if (fault == null || inFault) {
            return; // one fault at a time
        }
        if (!actions.can(fault)) {
            screen.say("demo: " + key + ": no " + fault.title() + " with an external broker (--broker)");
            return;
        }
        screen.say("demo: " + key + " pressed: " + fault.title() + " now");
        try {
            if (!inflict(fault)) {
                quit = true;
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            screen.say("demo: the " + fault.title() + " failed: " + e);
        }
    }

    private boolean inflict(Fault fault) throws Exception {
        inFault = true;
        try {
            return actions.inflict(fault, this::pause);
        } finally {
            inFault = false;
        }
    }
}
