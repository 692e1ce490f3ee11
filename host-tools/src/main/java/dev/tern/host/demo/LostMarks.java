package dev.tern.host.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * Where the report draws lost readings. A lost reading sits between the arrivals of its
 * neighbours, so the readings lost in one fault share a spot: they become one cluster, drawn as
 * one cross with its count beside it, instead of crosses hiding each other.
 */
final class LostMarks {

    /** Crosses closer than this (pixels) would overlap: they join one cluster. */
    static final int CROSS_WIDTH = 8;

    /** Readings lost at one spot of a timeline, {@code x} in the page's pixels. */
    record Cluster(int x, List<Long> seqs) {

        int count() {
            return seqs.size();
        }

        /** "seq 21" or "seq 21..27" (or "seq 3, 9" when not consecutive). */
        String seqText() {
            long first = seqs.get(0);
            long last = seqs.get(seqs.size() - 1);
            if (seqs.size() == 1) {
                return "seq " + first;
            }
            if (last - first + 1 == seqs.size()) {
                return "seq " + first + ".." + last;
            }
            StringBuilder text = new StringBuilder("seq ");
            for (int i = 0; i < seqs.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(seqs.get(i));
            }
            return text.toString();
        }
    }

    private LostMarks() {
    }

    /**
     * @param lostSeqs  the lost sequence numbers, ascending
     * @param firstAt   each received sequence number and when it first arrived (ms)
     * @param span      the timeline's length (ms)
     */
    static List<Cluster> clusters(List<Long> lostSeqs, NavigableMap<Long, Long> firstAt, long span) {
        List<Cluster> clusters = new ArrayList<>();
        int clusterX = 0;
        List<Long> seqs = null;
        for (long seq : lostSeqs) {
            int x = HtmlReport.x(estimatedMillis(seq, firstAt), span);
            if (seqs != null && Math.abs(x - clusterX) < CROSS_WIDTH) {
                seqs.add(seq);
                continue;
            }
            if (seqs != null) {
                clusters.add(new Cluster(clusterX, List.copyOf(seqs)));
            }
            clusterX = x;
            seqs = new ArrayList<>(List.of(seq));
        }
        if (seqs != null) {
            clusters.add(new Cluster(clusterX, List.copyOf(seqs)));
        }
        return clusters;
    }

    /** Halfway between the arrivals of the last lower and the first higher number received. */
    private static long estimatedMillis(long seq, NavigableMap<Long, Long> firstAt) {
        Long before = firstAt.lowerKey(seq) == null ? null : firstAt.get(firstAt.lowerKey(seq));
        Long after = firstAt.higherKey(seq) == null ? null : firstAt.get(firstAt.higherKey(seq));
        if (before == null) {
            return after == null ? 0 : after;
        }
        return after == null ? before : (before + after) / 2;
    }
}
