package dev.tern.host.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;

/**
 * How a run ends: the readings summed up (the table, and for the story what each QoS did), what
 * broke, the --report page, and PASSED or FAILED in words.
 */
final class DemoVerdict {

    private final QosPlan plan;
    private final FaultPlan faults;
    private final ReadingsTable table;
    private final StoryRecord record;

    DemoVerdict(QosPlan plan, FaultPlan faults, ReadingsTable table, StoryRecord record) {
        this.plan = plan;
        this.faults = faults;
        this.table = table;
        this.record = record;
    }

    /**
     * Says the summary under {@code heading}, writes {@code report} when not null, and says PASSED.
     *
     * @param subscriberLost why the subscriber lost its connection, or null
     * @param boardFailure   why the virtual board failed, or null
     * @return {@link ExitCodes#OK}
     * @throws TernException {@link ExitCodes#FAILURE} naming each promise or part that broke
     */
    int conclude(LiveScreen screen, String heading, Throwable subscriberLost, Throwable boardFailure, Path report)
            throws IOException {
        screen.summary(heading);
        List<String> problems = new ArrayList<>();
        if (faults.isCalm()) {
            problems.addAll(table.problems());
        } else {
            List<QosOutcome> outcomes = record.outcomes();
            for (String line : ClosingSummary.lines(outcomes, record.windows())) {
                screen.say("  " + line);
            }
            problems.addAll(Guarantees.broken(outcomes));
            problems.addAll(table.qosMismatches());
        }
        if (subscriberLost != null) {
            problems.add("the subscriber lost its connection: " + subscriberLost);
        }
        if (boardFailure != null) {
            problems.add("the virtual board failed: " + boardFailure);
        }
        if (report != null) {
            HtmlReport.write(report, record, problems, "tern demo: " + plan + ", faults: " + faults);
            screen.say("demo: report written to " + report + " (open it in a browser)");
        }
        if (!problems.isEmpty()) {
            throw new TernException(ExitCodes.FAILURE, "FAILED: " + String.join("; ", problems));
        }
        screen.say(passed());
        return ExitCodes.OK;
    }

    /** The summary's heading: how long the board published, which board it was, in which MQTT version, on which broker. */
    static String heading(long seconds, boolean interrupted, String board, String mqttVersion, String broker) {
        return "demo: summary after " + seconds + " s of readings" + (interrupted ? ", stopped early" : "") + " (board "
                + board + ", MQTT " + mqttVersion + ", broker " + broker + "):";
    }

    private String passed() {
        if (faults.isCalm()) {
            return "demo: PASSED: every sensor's readings arrived at its QoS (" + plan + "), no duplicate at QoS 2";
        }
        return "demo: PASSED: each QoS kept its promise (QoS 0 lost readings only during faults, QoS 1 lost none,"
                + " QoS 2 lost none and repeated none) and every reading arrived at its QoS (" + plan + ")";
    }
}
