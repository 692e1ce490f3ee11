package dev.tern.host.cli;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean": the known word closest to a typo, by edit distance (Levenshtein). */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The word of {@code known} nearest {@code typed} (any case), or null when none is near: at
     * most 2 edits, and fewer than half of the typed word's letters.
     */
    public static String closest(String typed, Collection<String> known) {
        String lower = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Math.min(3, (lower.length() + 1) / 2);
        for (String word : known) {
            int distance = distance(lower, word.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = word;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** {@code " (did you mean X?)"}, or "" when nothing is near. */
    public static String didYouMean(String typed, Collection<String> known) {
        String closest = closest(typed, known);
        return closest == null ? "" : " (did you mean " + closest + "?)";
    }

    /** Edits (insert, delete, replace one character, swap two neighbours) that turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int replace = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + replace);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1); // a swap, the commonest typo: qso for qos
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
