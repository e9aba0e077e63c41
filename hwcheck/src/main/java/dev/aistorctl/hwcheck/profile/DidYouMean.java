package dev.aistorctl.hwcheck.profile;

import java.util.Collection;
import java.util.Optional;

import dev.aistorctl.inventory.Suggestion;

/** The closest known word to a mistyped one, so an error can say what was probably meant. */
final class DidYouMean {
    private DidYouMean() {
    }

    static Optional<String> closest(String typed, Collection<String> known) {
        return Suggestion.closest(typed, known);
    }

    /** "; did you mean 'x'?" or "; known keys: a, b, c". */
    static String hint(String typed, Collection<String> known) {
        return closest(typed, known).map(k -> "; did you mean '" + k + "'?")
                .orElse("; known keys: " + String.join(", ", known));
    }
}
