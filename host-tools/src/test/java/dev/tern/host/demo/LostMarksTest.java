package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class LostMarksTest {

    private static final long SPAN = 60_000;

    /** Readings 1..60 arrived once a second, except those given. */
    private static TreeMap<Long, Long> arrivedExcept(List<Long> lost) {
        TreeMap<Long, Long> firstAt = new TreeMap<>();
        for (long seq = 1; seq <= 60; seq++) {
            if (!lost.contains(seq)) {
                firstAt.put(seq, seq * 1000);
            }
        }
        return firstAt;
    }

    @Test
    void readingsLostInOneGapShareOneClusterThatCountsThemAll() {
        List<Long> lost = List.of(21L, 22L, 23L, 24L, 25L, 26L, 27L);
        List<LostMarks.Cluster> clusters = LostMarks.clusters(lost, arrivedExcept(lost), SPAN);
        assertEquals(1, clusters.size());
        assertEquals(7, clusters.get(0).count());
        assertEquals("seq 21..27", clusters.get(0).seqText());
        assertEquals(HtmlReport.x(24_000, SPAN), clusters.get(0).x(), "halfway between readings 20 and 28");
    }

    @Test
    void lossesFarApartStayApartEachWithItsOwnCount() {
        List<Long> lost = List.of(10L, 40L, 41L);
        List<LostMarks.Cluster> clusters = LostMarks.clusters(lost, arrivedExcept(lost), SPAN);
        assertEquals(2, clusters.size());
        assertEquals(List.of(10L), clusters.get(0).seqs());
        assertEquals("seq 10", clusters.get(0).seqText());
        assertEquals(List.of(40L, 41L), clusters.get(1).seqs());
    }

    @Test
    void lossesAtOneSpotThatAreNotConsecutiveAreListed() {
        // 3 and 5 lost, 4 arrived late, after 6: all three neighbours' arrivals put 3 and 5 at one spot
        TreeMap<Long, Long> firstAt = new TreeMap<>(java.util.Map.of(2L, 2_000L, 4L, 2_100L, 6L, 2_200L));
        List<LostMarks.Cluster> clusters = LostMarks.clusters(List.of(3L, 5L), firstAt, SPAN);
        assertEquals(1, clusters.size());
        assertEquals("seq 3, 5", clusters.get(0).seqText());
    }

    @Test
    void noLossNoCluster() {
        assertEquals(List.of(), LostMarks.clusters(List.of(), arrivedExcept(List.of()), SPAN));
    }
}
