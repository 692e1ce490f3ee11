package dev.tern.host.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The board's console during the story. Its log lines always show; its packet trace ({@code T}
 * lines) shows around each fault, in the tutorial's form: from a few lines before the fault
 * until {@link #TRACE_AFTER_MILLIS} after its window closed (between faults it is held back, or the
 * handshakes of three sensors would bury everything). Two lines are pointed out: a PUBLISH
 * re-sent with DUP=1, and a PUBREL re-sent after reconnecting (no PUBREC for it on this
 * connection). A connection made tells the {@link StoryRecord}.
 */
public final class StoryConsole implements Consumer<String> {

    static final long TRACE_AFTER_MILLIS = 3000;
    private static final int TRACE_BEFORE_LINES = 6;
    private static final Pattern ID = Pattern.compile("\\(id=(\\d+)");
    private static final Pattern SEQUENCE = Pattern.compile("(\\w+)\\.seq=(\\d+)");

    private final StoryRecord record;
    private final Consumer<String> show;
    private final boolean traceAlways;
    private final Deque<String> heldBack = new ArrayDeque<>();
    private final Set<String> pubrecIds = new HashSet<>();
    private long traceUntil = -1;

    /** @param traceAlways show every trace line (the calm demo) */
    public StoryConsole(StoryRecord record, Consumer<String> show, boolean traceAlways) {
        this.record = record;
        this.show = show;
        this.traceAlways = traceAlways;
    }

    @Override
    public synchronized void accept(String line) {
        if (line.contains("mqtt: connected to")) {
            record.boardConnected();
        }
        Matcher sequence = SEQUENCE.matcher(line);
        while (sequence.find()) { // the status command's answer: each sensor's last sequence number
            record.boardSequence(sequence.group(1), Long.parseLong(sequence.group(2)));
        }
        if (!line.startsWith("T ")) {
            show.accept(line);
            return;
        }
        String annotated = annotate(line);
        if (traceAlways || traceWanted()) {
            show.accept(annotated);
            return;
        }
        heldBack.addLast(annotated);
        if (heldBack.size() > TRACE_BEFORE_LINES) {
            heldBack.removeFirst();
        }
    }

    /** A fault strikes: the trace lines just before it show, and the trace stays on. */
    public synchronized void faultStruck() {
        if (!heldBack.isEmpty()) {
            show.accept("(packet trace, the last lines before the fault)");
            while (!heldBack.isEmpty()) {
                show.accept(heldBack.removeFirst());
            }
        }
        traceUntil = Long.MAX_VALUE;
    }

    private boolean traceWanted() {
        if (record.faultUnderWay()) {
            traceUntil = Long.MAX_VALUE;
            return true;
        }
        if (traceUntil == Long.MAX_VALUE) {
            traceUntil = record.now() + TRACE_AFTER_MILLIS; // the window just closed
        }
        return record.now() < traceUntil;
    }

    /** Points out the re-sends the tutorial describes. */
    String annotate(String line) {
        if (line.contains("receive: connack")) {
            pubrecIds.clear();
        } else if (line.contains("receive: pubrec")) {
            pubrecIds.add(id(line));
        } else if (line.contains("send: pubrel") && !pubrecIds.contains(id(line))) {
            return line + "   <- PUBREL re-sent after reconnecting: the PUBREC came before the fault";
        } else if (line.contains("send: publish") && line.contains("dup=1")) {
            return line + "   <- DUP=1: re-sent, its acknowledgement never came";
        }
        return line;
    }

    private static String id(String line) {
        Matcher matcher = ID.matcher(line);
        return matcher.find() ? matcher.group(1) : "";
    }
}
