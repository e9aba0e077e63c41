package dev.aistorctl.hwcheck.profile;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The closest known word to a mistyped one, so an error can say what was probably meant. */
final class DidYouMean {
    private DidYouMean() {
    }

    static Optional<String> closest(String typed, Collection<String> known) {
        int limit = Math.max(2, typed.length() / 3);
        return known.stream()
                .filter(k -> distance(typed, k) <= limit || k.contains(typed) || typed.contains(k))
                .min(Comparator.comparingInt(k -> distance(typed, k)));
    }

    /** "; did you mean 'x'?" or "; known keys: a, b, c". */
    static String hint(String typed, Collection<String> known) {
        return closest(typed, known).map(k -> "; did you mean '" + k + "'?")
                .orElse("; known keys: " + String.join(", ", known));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
