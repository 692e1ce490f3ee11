package dev.tern.host.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * {@code --report FILE}: the story as one self-contained HTML page (inline SVG, no script, no
 * external resource). One SVG drawing, so its coordinates are the page's pixels: a timeline per
 * sensor and QoS with each delivery as a mark (a duplicate in orange, a late one in blue), each
 * lost reading as a red cross (readings lost at one spot share a cross with their count beside it,
 * see {@link LostMarks}), the fault windows shaded by kind, and a legend below; then the
 * table and the verdict as text.
 */
public final class HtmlReport {

    static final int WIDTH = 1000;
    static final int LEFT = 150;
    static final int RIGHT = 30;
    static final int TOP = 50;
    static final int LANE = 90;
    static final int LANE_GAP = 20;
    static final String MARK = "#2e7d32";
    static final String DUPLICATE = "#ef6c00";
    static final String LATE = "#1565c0";
    static final String LOST = "#d50000";
    /** From a cluster's cross to its count label, in pixels. */
    static final int LOST_LABEL_GAP = 8;

    private HtmlReport() {
    }

    /** The shade of a fault's window. */
    static String shade(Fault fault) {
        return switch (fault) {
            case OUTAGE -> "#b0bec5";
            case RESTART -> "#d1c4e9";
            case POWERCUT -> "#ffe082";
        };
    }

    public static void write(Path file, StoryRecord record, List<String> verdict, String title) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(record, verdict, title), StandardCharsets.UTF_8);
    }

    static String render(StoryRecord record, List<String> verdict, String title) {
        List<QosOutcome> outcomes = record.outcomes();
        List<FaultWindow> windows = record.windows();
        long span = record.now();
        for (QosOutcome o : outcomes) {
            for (Arrival a : record.arrivals(o.sensor())) {
                span = Math.max(span, a.atMillis());
            }
        }
        span = Math.max(span, 1000);
        int height = TOP + outcomes.size() * (LANE + LANE_GAP) + 70;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timelines\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\">\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height).append("\" fill=\"#ffffff\"/>\n");
        svg.append(text(LEFT, 30, 16, "bold", escape(title)));
        int y = TOP;
        for (QosOutcome o : outcomes) {
            timeline(svg, o, record.arrivals(o.sensor()), windows, span, y);
            y += LANE + LANE_GAP;
        }
        axis(svg, span, y - LANE_GAP + 18);
        legend(svg, y + 30);
        svg.append("</svg>\n");

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{margin:0;font-family:sans-serif;background:#fff}"
                        + " svg{display:block} .text{margin:16px " + LEFT + "px} td,th{padding:2px 10px;text-align:right}"
                        + " td:first-child,th:first-child{text-align:left}</style></head>\n<body>\n");
        html.append(svg);
        html.append("<div class=\"text\">\n<table id=\"counts\"><tr><th>sensor</th><th>QoS</th><th>sent</th><th>received</th>"
                + "<th>lost</th><th>duplicates</th><th>after fault</th></tr>\n");
        for (QosOutcome o : outcomes) {
            html.append("<tr data-qos=\"").append(o.qos()).append("\"><td>").append(escape(o.sensor())).append("</td><td>")
                    .append(o.qos()).append("</td><td>").append(o.sent()).append("</td><td>").append(o.received())
                    .append("</td><td>").append(o.lost()).append("</td><td>").append(o.duplicates()).append("</td><td>")
                    .append(o.late()).append("</td></tr>\n");
        }
        html.append("</table>\n<ul id=\"reasons\">\n");
        for (QosOutcome o : outcomes) {
            for (String reason : o.reasons()) {
                html.append("<li>").append(escape(o.sensor() + " (QoS " + o.qos() + "): " + reason)).append("</li>\n");
            }
        }
        html.append("</ul>\n<p id=\"verdict\">").append(verdict.isEmpty() ? "PASSED: every QoS kept its promise"
                : "FAILED: " + escape(String.join("; ", verdict))).append("</p>\n</div>\n</body></html>\n");
        return html.toString();
    }

    private static void timeline(StringBuilder svg, QosOutcome o, List<Arrival> arrivals, List<FaultWindow> windows, long span, int y) {
        svg.append("<g class=\"timeline\" data-qos=\"").append(o.qos()).append("\" data-sensor=\"").append(escape(o.sensor()))
                .append("\" data-received=\"").append(o.received()).append("\">\n");
        svg.append(text(10, y + LANE / 2 - 4, 14, "bold", "QoS " + o.qos()));
        svg.append(text(10, y + LANE / 2 + 14, 12, "normal", escape(o.sensor())));
        svg.append("<rect class=\"lane\" x=\"").append(LEFT).append("\" y=\"").append(y).append("\" width=\"").append(WIDTH - LEFT - RIGHT)
                .append("\" height=\"").append(LANE).append("\" fill=\"#f5f5f5\"/>\n");
        for (FaultWindow w : windows) {
            int x0 = x(w.startMillis(), span);
            int x1 = x(Math.min(w.endMillis(), span), span);
            svg.append("<rect class=\"fault\" data-fault=\"").append(w.fault().key()).append("\" x=\"").append(x0).append("\" y=\"")
                    .append(y).append("\" width=\"").append(Math.max(1, x1 - x0)).append("\" height=\"").append(LANE)
                    .append("\" fill=\"").append(shade(w.fault())).append("\"/>\n");
        }
        TreeMap<Long, Long> first = new TreeMap<>();
        int lateBudget = o.late();
        for (Arrival a : arrivals) {
            boolean duplicate = first.containsKey(a.reading().seq());
            first.putIfAbsent(a.reading().seq(), a.atMillis());
            String kind = duplicate ? "mark duplicate" : "mark";
            String color = duplicate ? DUPLICATE : MARK;
            int cy = y + (duplicate ? LANE * 3 / 4 : LANE / 2);
            svg.append("<circle class=\"").append(kind).append("\" data-seq=\"").append(a.reading().seq()).append("\" cx=\"")
                    .append(x(a.atMillis(), span)).append("\" cy=\"").append(cy).append("\" r=\"4\" fill=\"").append(color).append("\"/>\n");
        }
        if (lateBudget > 0) {
            svg.append(text(LEFT + 4, y + 14, 11, "normal", lateBudget + " arrived after a fault"));
        }
        for (LostMarks.Cluster cluster : LostMarks.clusters(o.lostSeqs(), first, span)) {
            lost(svg, cluster, y + LANE / 4);
        }
        svg.append(text(WIDTH - RIGHT - 330, y + LANE - 6, 11, "normal", "sent " + o.sent() + ", received " + o.received()
                + ", lost " + o.lost() + ", duplicates " + o.duplicates()));
        svg.append("</g>\n");
    }

    /** One cross per cluster of lost readings; beside it their count when more than one share the spot. */
    private static void lost(StringBuilder svg, LostMarks.Cluster cluster, int cy) {
        int cx = cluster.x();
        svg.append("<g class=\"lost\" data-count=\"").append(cluster.count()).append("\" data-seqs=\"")
                .append(cluster.seqText()).append("\">\n<title>").append(cluster.count()).append(" lost: ")
                .append(cluster.seqText()).append("</title>\n");
        svg.append("<path d=\"M").append(cx - 4).append(' ').append(cy - 4).append(" L").append(cx + 4).append(' ').append(cy + 4)
                .append(" M").append(cx - 4).append(' ').append(cy + 4).append(" L").append(cx + 4).append(' ').append(cy - 4)
                .append("\" stroke=\"").append(LOST).append("\" stroke-width=\"2\"/>\n");
        if (cluster.count() > 1) {
            svg.append(String.format(Locale.ROOT, "<text class=\"lost-count\" x=\"%d\" y=\"%d\" font-size=\"12\""
                    + " font-weight=\"bold\" fill=\"%s\">%d lost</text>%n", cx + LOST_LABEL_GAP, cy + 4, LOST, cluster.count()));
        }
        svg.append("</g>\n");
    }

    private static void axis(StringBuilder svg, long span, int y) {
        long step = span > 60_000 ? 20_000 : 10_000;
        for (long t = 0; t <= span; t += step) {
            svg.append(text(x(t, span) - 6, y, 11, "normal", (t / 1000) + " s"));
        }
    }

    private static void legend(StringBuilder svg, int y) {
        int x = LEFT;
        svg.append("<g id=\"legend\">\n");
        x = legendMark(svg, x, y, "<circle cx=\"" + (x + 6) + "\" cy=\"" + (y - 4) + "\" r=\"4\" fill=\"" + MARK + "\"/>", "reading received");
        x = legendMark(svg, x, y, "<circle cx=\"" + (x + 6) + "\" cy=\"" + (y - 4) + "\" r=\"4\" fill=\"" + DUPLICATE + "\"/>", "duplicate");
        x = legendMark(svg, x, y, "<path d=\"M" + (x + 2) + " " + (y - 8) + " L" + (x + 10) + " " + y + " M" + (x + 2) + " " + y
                + " L" + (x + 10) + " " + (y - 8) + "\" stroke=\"" + LOST + "\" stroke-width=\"2\"/>", "lost (N lost: N at one spot)");
        for (Fault fault : Fault.values()) {
            x = legendMark(svg, x, y, "<rect x=\"" + x + "\" y=\"" + (y - 10) + "\" width=\"12\" height=\"12\" fill=\"" + shade(fault)
                    + "\"/>", fault.title());
        }
        svg.append("</g>\n");
    }

    private static int legendMark(StringBuilder svg, int x, int y, String mark, String label) {
        svg.append(mark).append('\n').append(text(x + 16, y, 12, "normal", label));
        return x + 24 + label.length() * 7;
    }

    static int x(long millis, long span) {
        return LEFT + (int) (millis * (WIDTH - LEFT - RIGHT) / span);
    }

    private static String text(int x, int y, int size, String weight, String content) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" fill=\"#212121\">%s</text>%n",
                x, y, size, weight, content);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
