package dev.tern.host.monitor;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What happens to each line: into the log file (every line), checked against {@code --until}
 * (every line, shown or not), shown on the terminal when the filter lets it through or when it
 * is the line {@code --until} waited for. After that line, nothing more is shown.
 */
final class LineOutput implements LineAssembler.Lines {

    private final PrintWriter out;
    private final LineRenderer renderer;
    private final LineFilter filter;
    private final Pattern until;
    private final LogFile log;
    private volatile boolean matched;

    LineOutput(PrintWriter out, LineRenderer renderer, LineFilter filter, Pattern until, LogFile log) {
        this.out = out;
        this.renderer = renderer;
        this.filter = filter;
        this.until = until;
        this.log = log;
    }

    @Override
    public void line(String text, Instant firstByte) throws IOException {
        if (matched) {
            return;
        }
        if (log != null) {
            log.line(text, firstByte);
        }
        LineClass kind = LineClass.of(text);
        boolean match = until != null && until.matcher(text).find();
        if (match || filter.shows(kind)) {
            out.println(renderer.render(text, firstByte, kind));
            out.flush();
        }
        matched = match;
    }

    /** Whether the {@code --until} line has come. */
    boolean matched() {
        return matched;
    }
}
