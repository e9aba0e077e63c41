package dev.aistorctl.core.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?": the closest known word by edit distance, transpositions counting as one edit. */
public final class Suggestion {
    private Suggestion() {
    }

    /**
     * The closest candidate, if it is near enough to be the likely intent: at most 2 edits (fewer than the
     * word's length), or else a candidate the word spells out in full ({@code minimum} for {@code min}).
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= 2 && bestDistance < Math.max(word.length(), 1)) {
            return Optional.of(best);
        }
        return candidates.stream().filter(c -> c.length() >= 3 && w.startsWith(c.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** {@code did you mean 'drives'?}, when a candidate is close enough to be the likely intent. */
    public static Optional<String> didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "did you mean '" + c + "'?");
    }

    /** {@code did you mean 'drives'?}, or else the whole list: {@code known keys: count, mount, select}. */
    public static String didYouMeanOr(String word, Collection<String> candidates, String listLabel) {
        return didYouMean(word, candidates).orElse(listLabel + ": " + String.join(", ", candidates));
    }

    /** Optimal string alignment distance. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
