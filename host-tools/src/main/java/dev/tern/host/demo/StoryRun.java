package dev.tern.host.demo;

import java.time.Duration;

import dev.tern.host.cli.StopSignal;

/**
 * The story's readings: what is to come said, the story played ({@link FaultStory}), then the
 * board asked for its {@code status}, whose last sequence numbers say what it sent.
 */
final class StoryRun {

    /** The status answer, and the readings taken just before it, arrive within this. */
    private static final Duration STATUS_SETTLE = Duration.ofMillis(1500);

    private StoryRun() {
    }

    /**
     * @param publishing "demo: the board publishes ... every ... ms", the start of the first line
     * @param duration   --duration (the story fits its calm stretches to it), or null
     * @return true when Ctrl-C or q ended the story early
     */
    static boolean play(FaultActions actions, ConsoleRelay console, LiveScreen screen, StopSignal stop, KeyPresses keys,
            FaultPlan faults, Duration duration, String publishing) throws Exception {
        Duration calm = FaultStory.calmFor(duration, faults.faults().size());
        screen.say(publishing + "; the story: " + calm.toSeconds() + " s of calm readings, then " + faults + ", each followed by "
                + calm.toSeconds() + " s of calm" + (keys.active() ? "; keys: o outage, r restart, p power cut, q quit" : "")
                + "; the packet trace shows around each fault");
        if (duration != null && calm.equals(FaultStory.SHORTEST_CALM)) {
            screen.say("demo: --duration " + duration.toSeconds() + "s is shorter than the story needs: its calm stretches"
                    + " shrink to " + FaultStory.SHORTEST_CALM.toSeconds() + " s and it takes longer than that");
        }
        screen.startLive();
        boolean interrupted = new FaultStory(actions, screen, stop, keys, screen.tickEvery()).play(faults.faults(), calm);
        keys.close(); // the terminal as it was, and no key line under the summary
        console.type("status");
        Thread.sleep(STATUS_SETTLE.toMillis());
        return interrupted;
    }
}
