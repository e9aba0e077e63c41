package dev.aistorctl.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host and path patterns with ranges, in the two notations field engineers already type.
 *
 * <ul>
 *   <li>MinIO: {@code node{01...08}.dc1.example.net}, three dots, as in MINIO_VOLUMES;</li>
 *   <li>Ansible: {@code node[01:08].dc1.example.net}, as in an Ansible inventory.</li>
 * </ul>
 *
 * <p>Both notations may appear, several ranges per pattern. A range runs over whole numbers or
 * over single letters of one case ({@code [a:f]}). When an end has a leading zero both ends must
 * have the same number of digits, and every name keeps that width, so {@code {01...10}} gives
 * {@code 01..10}; {@code {1...010}} is refused as ambiguous. Several ranges expand with the
 * leftmost varying slowest, the order in which the names sort and racks are cabled.
 */
public final class HostPattern {
    /** Guards against a typo such as {@code {1...100000}} producing a runaway inventory. */
    public static final int MAX_NAMES = 10_000;

    private static final Pattern MINIO_BODY = Pattern.compile("([0-9]+|[a-z]|[A-Z])\\.\\.\\.([0-9]+|[a-z]|[A-Z])");
    private static final Pattern ANSIBLE_BODY = Pattern.compile("([0-9]+|[a-z]|[A-Z]):([0-9]+|[a-z]|[A-Z])");

    private HostPattern() {
    }

    /** One range of a pattern, its ends as written. */
    public record Range(String low, String high, int index) {
        boolean letters() {
            return !Character.isDigit(low.charAt(0));
        }

        int width() {
            return padded() ? low.length() : 0;
        }

        boolean padded() {
            return low.length() > 1 && low.charAt(0) == '0' || high.length() > 1 && high.charAt(0) == '0';
        }

        List<String> values() {
            List<String> out = new ArrayList<>();
            if (letters()) {
                for (char c = low.charAt(0); c <= high.charAt(0); c++) {
                    out.add(String.valueOf(c));
                }
            } else {
                long lo = Long.parseLong(low);
                long hi = Long.parseLong(high);
                for (long n = lo; n <= hi; n++) {
                    String digits = Long.toString(n);
                    out.add(width() > digits.length() ? "0".repeat(width() - digits.length()) + digits : digits);
                }
            }
            return out;
        }

        long size() {
            return letters() ? high.charAt(0) - low.charAt(0) + 1 : Long.parseLong(high) - Long.parseLong(low) + 1;
        }
    }

    /** True when the text holds anything that looks like a range in either notation. */
    public static boolean hasRange(String text) {
        return text.indexOf('{') >= 0 || text.indexOf('}') >= 0 || text.indexOf('[') >= 0 || text.indexOf(']') >= 0;
    }

    /**
     * Expands every range in the pattern; a pattern without ranges is itself.
     *
     * @throws HostPatternException naming the range at fault, where it is, and how to write it
     */
    public static List<String> expand(String pattern) {
        List<Object> parts = parse(pattern);
        List<String> names = new ArrayList<>();
        names.add("");
        for (Object part : parts) {
            List<String> next = new ArrayList<>();
            List<String> values = part instanceof Range r ? r.values() : List.of((String) part);
            for (String prefix : names) {
                for (String v : values) {
                    next.add(prefix + v);
                }
            }
            names = next;
        }
        return List.copyOf(names);
    }

    /**
     * How many names the pattern expands to, without expanding it: the caller can refuse an inventory
     * before it holds millions of names.
     *
     * @throws HostPatternException as {@link #expand}
     */
    public static long count(String pattern) {
        long total = 1;
        for (Object part : parse(pattern)) {
            if (part instanceof Range r) {
                total *= r.size();
            }
        }
        return total;
    }

    /** The ranges of a pattern, left to right. */
    public static List<Range> ranges(String pattern) {
        return parse(pattern).stream().filter(Range.class::isInstance).map(Range.class::cast).toList();
    }

    /** The same pattern with every range in MinIO notation. */
    public static String toMinio(String pattern) {
        return render(pattern, "{", "...", "}");
    }

    /** The same pattern with every range in Ansible notation. */
    public static String toAnsible(String pattern) {
        return render(pattern, "[", ":", "]");
    }

    private static String render(String pattern, String open, String between, String close) {
        StringBuilder out = new StringBuilder();
        for (Object part : parse(pattern)) {
            if (part instanceof Range r) {
                out.append(open).append(r.low()).append(between).append(r.high()).append(close);
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    private static List<Object> parse(String pattern) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        long total = 1;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '}' || c == ']') {
                throw new HostPatternException("'" + c + "' closes no range in '" + pattern + "'", i,
                        "a range looks like {01...08} or [01:08]");
            }
            if (c != '{' && c != '[') {
                literal.append(c);
                i++;
                continue;
            }
            boolean minio = c == '{';
            int end = pattern.indexOf(minio ? '}' : ']', i + 1);
            if (end < 0) {
                throw new HostPatternException("range opened with '" + c + "' is never closed in '" + pattern + "'", i,
                        minio ? "close it: {01...08}" : "close it: [01:08]");
            }
            Range range = range(pattern, i, end, minio);
            total *= range.size();
            if (total > MAX_NAMES) {
                throw new HostPatternException("'" + pattern + "' expands to more than " + MAX_NAMES + " names", i,
                        "check the range ends for a typo");
            }
            if (literal.length() > 0) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(range);
            i = end + 1;
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return parts;
    }

    private static Range range(String pattern, int start, int end, boolean minio) {
        String written = pattern.substring(start, end + 1);
        String body = pattern.substring(start + 1, end);
        if (body.isEmpty() || body.equals("...") || body.equals(":")) {
            throw new HostPatternException("range '" + written + "' is empty", start,
                    minio ? "give both ends: {01...08}" : "give both ends: [01:08]");
        }
        Matcher m = (minio ? MINIO_BODY : ANSIBLE_BODY).matcher(body);
        if (!m.matches()) {
            String hint;
            if (minio && body.matches("[0-9a-zA-Z]+\\.\\.[0-9a-zA-Z]+")) {
                hint = "MinIO ranges have three dots: " + written.replace("..", "...");
            } else if (!minio && body.matches("[0-9a-zA-Z]+:[0-9a-zA-Z]+:[0-9]+")) {
                hint = "steps are not supported; list the hosts instead";
            } else {
                hint = minio ? "a MinIO range looks like {01...08} or {a...f}" : "an Ansible range looks like [01:08] or [a:f]";
            }
            throw new HostPatternException("malformed range '" + written + "'", start, hint);
        }
        String low = m.group(1);
        String high = m.group(2);
        String open = minio ? "{" : "[";
        String sep = minio ? "..." : ":";
        String close = minio ? "}" : "]";
        boolean lowDigits = Character.isDigit(low.charAt(0));
        boolean highDigits = Character.isDigit(high.charAt(0));
        if (lowDigits != highDigits || !lowDigits && Character.isUpperCase(low.charAt(0)) != Character.isUpperCase(high.charAt(0))) {
            throw new HostPatternException("range '" + written + "' mixes numbers and letters or letter cases", start,
                    "both ends must be numbers, or both letters of the same case");
        }
        if (lowDigits && (low.length() > 9 || high.length() > 9)) {
            throw new HostPatternException("range '" + written + "' has numbers too long", start, "check the range ends for a typo");
        }
        Range range = new Range(low, high, start);
        if (lowDigits && range.padded() && low.length() != high.length()) {
            int width = Math.max(low.length(), high.length());
            throw new HostPatternException("range '" + written + "' mixes widths (" + low.length() + " and " + high.length() + " digits)",
                    start, "write both ends with the same number of digits: " + open + pad(low, width) + sep + pad(high, width) + close);
        }
        if (range.size() < 1) {
            throw new HostPatternException("range '" + written + "' is reversed", start,
                    "write the lower end first: " + open + high + sep + low + close);
        }
        return range;
    }

    private static String pad(String digits, int width) {
        String stripped = digits.replaceFirst("^0+(?=.)", "");
        return "0".repeat(Math.max(0, width - stripped.length())) + stripped;
    }
}
