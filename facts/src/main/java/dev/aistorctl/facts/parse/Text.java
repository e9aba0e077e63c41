package dev.aistorctl.facts.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small lenient conversions shared by the parsers: a value that does not read as a number is unknown (null). */
final class Text {
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(-?[0-9]+(?:\\.[0-9]+)?)");

    private Text() {
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    static Integer toInt(String s) {
        Double d = toDouble(s);
        return d == null ? null : (int) Math.round(d);
    }

    /** Digits as an int, or null when they do not fit: a capture's number that overflows is unknown, not a crash. */
    static Integer intOrNull(String digits) {
        try {
            return Integer.valueOf(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long toLong(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip().replace(",", "");
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            Double d = toDouble(t);
            return d == null ? null : Math.round(d);
        }
    }

    /** The number a value starts with ("3000.0000", "3200 MT/s", "16.0 GT/s PCIe"), or null. */
    static Double toDouble(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = LEADING_NUMBER.matcher(s.replace(",", ""));
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    /** Binary units as dmidecode, lscpu and the kernel use them: "8 GB" is 8 GiB. */
    static Long binaryBytes(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([KMGTP]?)i?B?\\b", Pattern.CASE_INSENSITIVE)
                .matcher(value);
        if (!m.find()) {
            return null;
        }
        double n = Double.parseDouble(m.group(1));
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            case "P" -> 50;
            default -> 0;
        };
        return Math.round(n * (1L << shift));
    }
}
