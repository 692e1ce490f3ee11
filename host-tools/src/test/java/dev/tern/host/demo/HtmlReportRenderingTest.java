package dev.tern.host.demo;

import dev.tern.boards.firmware.Reading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.testsupport.HeadlessChromium;

/**
 * The --report page as a person sees it: rendered by headless Chromium (skipped where it is not
 * installed), its document holds a timeline per QoS, the fault bands and one mark per reading
 * received, readings lost at one spot as one cross with their count; its screenshot shows each
 * band's colour over its time span, marks outside it, and the cross and its count label in red.
 */
@Tag("chromium")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HtmlReportRenderingTest {

    private static final Pattern FAULT_RECT = Pattern.compile(
            "<rect class=\"fault\" data-fault=\"(\\w+)\" x=\"(\\d+)\" y=\"(\\d+)\" width=\"(\\d+)\" height=\"(\\d+)\"");
    private static final Pattern LOST_CLUSTER = Pattern.compile(
            "<g class=\"lost\" data-count=\"(\\d+)\"[^>]*>\\s*<title>[^<]*</title>\\s*<path d=\"M(\\d+) (\\d+) ");
    private static final Pattern MARK = Pattern.compile("<circle class=\"mark\" data-seq=\"\\d+\" cx=\"(\\d+)\" cy=\"(\\d+)\"");

    @TempDir
    Path folder;

    /** 60 s of readings once a second at QoS 0, 1, 2; an outage 20..28 s loses QoS 0 readings 21..27, QoS 1 repeats 22. */
    private static StoryRecord story() {
        StoryRecord record = new StoryRecord(QosPlan.defaults(), System.nanoTime() - TimeUnit.SECONDS.toNanos(60));
        record.addWindow(new FaultWindow(Fault.OUTAGE, 20_000, 28_000));
        for (int seq = 1; seq <= 58; seq++) {
            long at = seq * 1000L;
            boolean dark = at > 20_000 && at < 28_000;
            if (!dark) {
                record.add(new Reading("temperature", 0, seq, false, at, "21.0"), at);
            }
            long held = dark ? 28_200 : at; // QoS 1 and 2 wait in the session and arrive after the outage
            record.add(new Reading("humidity", 1, seq, false, at, "50.0"), held);
            record.add(new Reading("pressure", 2, seq, false, at, "101325"), held);
        }
        record.add(new Reading("humidity", 1, 22, false, 22_000, "50.0"), 28_300);
        return record;
    }

    @Test
    void thePageShowsATimelinePerQosWithTheFaultShadedAndEveryReadingMarked() throws IOException {
        HeadlessChromium chromium = HeadlessChromium.assumeInstalled();
        StoryRecord record = story();
        Path page = folder.resolve("report.html");
        HtmlReport.write(page, record, Guarantees.broken(record.outcomes()), "tern demo: test story");
        String written = Files.readString(page);
        assertFalse(written.contains("http://") && written.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "the page must need nothing from outside");

        String dom = chromium.dumpDom(page);
        assertEquals(3, count(dom, "<g class=\"timeline\""), "one timeline per QoS");
        for (int qos = 0; qos <= 2; qos++) {
            assertTrue(dom.contains("<g class=\"timeline\" data-qos=\"" + qos + "\""), "timeline of QoS " + qos);
        }
        List<int[]> bands = bands(dom);
        assertEquals(3, bands.size(), "the outage shaded on each timeline");
        int received = record.outcomes().stream().mapToInt(QosOutcome::received).sum();
        assertEquals(received, count(dom, "<circle class=\"mark"), "a mark per reading received");
        assertEquals(1, count(dom, "<circle class=\"mark duplicate\""));
        List<int[]> lost = lostClusters(dom);
        assertEquals(1, lost.size(), "QoS 0 readings 21..27 lost at one spot: one cluster, not 7 crosses on top of each other");
        assertEquals(7, lost.get(0)[2], "the cluster counts the 7 lost readings");
        assertTrue(dom.contains(">7 lost</text>"), "the count is written beside the cross");

        BufferedImage shot = ImageIO.read(chromium.screenshot(page, HtmlReport.WIDTH, 700, folder.resolve("report.png")).toFile());
        int shade = Integer.parseInt(HtmlReport.shade(Fault.OUTAGE).substring(1), 16);
        int expectedX0 = HtmlReport.x(20_000, 60_000);
        int expectedX1 = HtmlReport.x(28_000, 60_000);
        for (int[] band : bands) {
            int x0 = band[0];
            int x1 = band[0] + band[2];
            assertTrue(Math.abs(x0 - expectedX0) <= 2 && Math.abs(x1 - expectedX1) <= 2,
                    "the band spans 20..28 s: x " + x0 + ".." + x1 + ", expected " + expectedX0 + ".." + expectedX1);
            int row = band[1] + 4; // above the marks, the crosses and the labels
            for (int x = x0 + 1; x < x1 - 1; x++) {
                assertColor(shot, x, row, shade, "inside the band");
            }
            assertFalse(near(shot.getRGB(x0 - 3, row), shade), "the shade must stop where the fault began");
            assertFalse(near(shot.getRGB(x1 + 3, row), shade), "the shade must stop where the fault ended");
        }
        int green = Integer.parseInt(HtmlReport.MARK.substring(1), 16);
        int marksOutside = 0;
        Matcher mark = MARK.matcher(dom);
        while (mark.find()) {
            int cx = Integer.parseInt(mark.group(1));
            int cy = Integer.parseInt(mark.group(2));
            if (cx < expectedX0 - 6 || cx > expectedX1 + 6) {
                assertColor(shot, cx, cy, green, "a reading's mark");
                marksOutside++;
            }
        }
        assertTrue(marksOutside > 100, "marks outside the fault: " + marksOutside);

        int red = Integer.parseInt(HtmlReport.LOST.substring(1), 16);
        int crossX = lost.get(0)[0];
        int crossY = lost.get(0)[1];
        assertColor(shot, crossX, crossY, red, "the cross of the lost cluster");
        int labelLeft = crossX + HtmlReport.LOST_LABEL_GAP;
        int labelRed = redPixels(shot, labelLeft, crossY - 8, labelLeft + 45, crossY + 5, red);
        assertTrue(labelRed > 20, "the count label is drawn in red beside the cross: " + labelRed + " red pixels");
        assertEquals(0, redPixels(shot, labelLeft, crossY + 30, labelLeft + 45, crossY + 43, red),
                "no red where no label is (same size box lower in the lane)");
    }

    /** Each lost cluster: its cross's centre x, y and its count. */
    private static List<int[]> lostClusters(String dom) {
        List<int[]> clusters = new ArrayList<>();
        Matcher cluster = LOST_CLUSTER.matcher(dom);
        while (cluster.find()) {
            clusters.add(new int[] {Integer.parseInt(cluster.group(2)) + 4, Integer.parseInt(cluster.group(3)) + 4,
                Integer.parseInt(cluster.group(1))});
        }
        return clusters;
    }

    private static int redPixels(BufferedImage image, int x0, int y0, int x1, int y1, int red) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (near(image.getRGB(x, y) & 0xFFFFFF, red)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static List<int[]> bands(String dom) {
        List<int[]> bands = new ArrayList<>();
        Matcher rect = FAULT_RECT.matcher(dom);
        while (rect.find()) {
            assertEquals("outage", rect.group(1));
            bands.add(new int[] {Integer.parseInt(rect.group(2)), Integer.parseInt(rect.group(3)), Integer.parseInt(rect.group(4))});
        }
        return bands;
    }

    private static void assertColor(BufferedImage image, int x, int y, int rgb, String what) {
        int seen = image.getRGB(x, y) & 0xFFFFFF;
        assertTrue(near(seen, rgb), what + " at (" + x + "," + y + "): #" + Integer.toHexString(seen) + ", expected #"
                + Integer.toHexString(rgb));
    }

    private static boolean near(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > 6) {
                return false;
            }
        }
        return true;
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
