package dev.aistorctl.storagenode.minio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MinIO's {@code {x...y}} notation as the server itself reads it ({@code ellipses.go} in
 * github.com/minio/pkg): decimal ranges only; every value is zero-padded to the width of the upper
 * end when the lower end has a leading zero and more than one digit, or the upper end has a leading
 * zero ({@code {01...08}}, {@code {001...100}}); otherwise values are plain ({@code {1...8}}).
 * Letter ranges, which the inventory accepts for host names, are not part of MinIO's notation.
 *
 * <p>Used in two directions: to write a list of names as one pattern when one exists, and to expand
 * a pattern exactly as the server would, so that every pattern written is checked against the names
 * it must stand for before it reaches a host. Plans use the same notation to name several hosts or
 * drives at once ({@code node{01...08}}), so that a person reads one notation everywhere.
 */
public final class Ellipses {
    private static final Pattern RANGE = Pattern.compile("\\{([0-9]+)\\.\\.\\.([0-9]+)\\}");

    private Ellipses() {
    }

    static boolean hasEllipses(String text) {
        return text.contains("...") || text.contains("{") && text.contains("}");
    }

    /**
     * Every name the pattern stands for, as a set in MinIO's order does not matter to the callers;
     * returned leftmost range slowest. Empty when the pattern is not valid MinIO notation.
     */
    public static Optional<List<String>> expand(String pattern) {
        List<String> names = new ArrayList<>();
        names.add("");
        Matcher m = RANGE.matcher(pattern);
        int at = 0;
        while (m.find()) {
            String literal = pattern.substring(at, m.start());
            if (literal.contains("{") || literal.contains("}")) {
                return Optional.empty();
            }
            List<String> values = values(m.group(1), m.group(2));
            if (values.isEmpty()) {
                return Optional.empty();
            }
            List<String> next = new ArrayList<>();
            for (String prefix : names) {
                for (String v : values) {
                    next.add(prefix + literal + v);
                }
            }
            names = next;
            at = m.end();
        }
        String tail = pattern.substring(at);
        if (tail.contains("{") || tail.contains("}")) {
            return Optional.empty();
        }
        names.replaceAll(n -> n + tail);
        return Optional.of(List.copyOf(names));
    }

    private static List<String> values(String low, String high) {
        if (low.length() > 9 || high.length() > 9) {
            return List.of();
        }
        int start = Integer.parseInt(low);
        int end = Integer.parseInt(high);
        if (start > end) {
            return List.of();
        }
        boolean padded = low.startsWith("0") && low.length() > 1 || high.startsWith("0");
        List<String> out = new ArrayList<>();
        for (int i = start; i <= end; i++) {
            out.add(padded ? String.format("%0" + high.length() + "d", i) : Integer.toString(i));
        }
        return out;
    }

    /**
     * One pattern with at most one range that expands to exactly {@code names}, in order; empty
     * when there is none (names that are not a run of consecutive numbers in one position).
     * A single name is its own pattern.
     */
    public static Optional<String> compress(List<String> names) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        if (names.size() == 1) {
            return hasEllipses(names.get(0)) ? Optional.empty() : Optional.of(names.get(0));
        }
        String first = names.get(0);
        int prefix = first.length();
        int suffix = first.length();
        for (String n : names) {
            prefix = Math.min(prefix, commonPrefix(first, n));
            suffix = Math.min(suffix, commonSuffix(first, n));
        }
        // The varying number is the whole digit run, not only its changing tail: node{01...08}, not node0{1...8}.
        while (prefix > 0 && Character.isDigit(first.charAt(prefix - 1))) {
            prefix--;
        }
        while (suffix > 0 && Character.isDigit(first.charAt(first.length() - suffix))) {
            suffix--;
        }
        String head = first.substring(0, prefix);
        String tail = first.substring(first.length() - suffix);
        List<String> middles = new ArrayList<>();
        for (String n : names) {
            if (n.length() < prefix + suffix) {
                return Optional.empty();
            }
            String mid = n.substring(prefix, n.length() - suffix);
            if (mid.isEmpty() || !mid.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            middles.add(mid);
        }
        String candidate = head + "{" + middles.get(0) + "..." + middles.get(middles.size() - 1) + "}" + tail;
        if (head.contains("{") || head.contains("}") || tail.contains("{") || tail.contains("}")) {
            return Optional.empty();
        }
        return expand(candidate).filter(names::equals).map(x -> candidate);
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static int commonSuffix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(a.length() - 1 - i) == b.charAt(b.length() - 1 - i)) {
            i++;
        }
        return i;
    }
}
