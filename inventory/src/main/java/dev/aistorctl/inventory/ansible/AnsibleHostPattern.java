package dev.aistorctl.inventory.ansible;

import dev.aistorctl.inventory.HostPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host as an Ansible inventory writes it: a name or address, ranges such as {@code node[01:08]},
 * {@code rack[a:c]-node[1:4]} or Ansible's stepped {@code [1:9:2]}, and an optional {@code :port}
 * ({@code [2001:db8::1]:2222} for IPv6). Expanded as Ansible's {@code expand_hostname_range} does:
 * an empty start is 0, a leading zero fixes the width and then both ends have it, letters run in
 * Ansible's order {@code a..z A..Z}.
 *
 * @param names the hosts, leftmost range varying slowest
 * @param port  the port written after the host, if any
 */
record AnsibleHostPattern(List<String> names, Optional<Integer> port) {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)\\](?::([0-9]+))?");
    private static final Pattern RANGE = Pattern.compile("([0-9A-Za-z]*):([0-9A-Za-z]+)(?::([0-9]+))?");

    /** @throws IllegalArgumentException saying what is wrong with the pattern */
    static AnsibleHostPattern parse(String text) {
        Matcher v6 = BRACKETED_IPV6.matcher(text);
        if (v6.matches()) {
            return new AnsibleHostPattern(List.of(v6.group(1)), port(v6.group(2), text));
        }
        int outside = 0;
        int lastColon = -1;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ':' && depth == 0) {
                outside++;
                lastColon = i;
            }
        }
        if (outside > 1) {
            // a bare IPv6 address: Ansible reads no port from it
            return new AnsibleHostPattern(List.of(text), Optional.empty());
        }
        String host = outside == 1 ? text.substring(0, lastColon) : text;
        Optional<Integer> port = outside == 1 ? port(text.substring(lastColon + 1), text) : Optional.empty();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no host");
        }
        return new AnsibleHostPattern(expand(host), port);
    }

    private static Optional<Integer> port(String digits, String text) {
        if (digits == null) {
            return Optional.empty();
        }
        if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
            throw new IllegalArgumentException("'" + digits + "' after the host in '" + text + "' is not a port (1-65535)");
        }
        return Optional.of(Integer.parseInt(digits));
    }

    private static List<String> expand(String host) {
        int open = host.indexOf('[');
        int close = host.indexOf(']');
        if (open < 0 && close < 0) {
            return List.of(host);
        }
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("'" + host + "' has a ']' that closes no range");
        }
        String head = host.substring(0, open);
        Matcher m = RANGE.matcher(host.substring(open + 1, close));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + host.substring(open, close + 1) + "' in '" + host
                    + "' is not a range: write [01:08], [a:c] or [1:9:2]");
        }
        List<String> values = values(m.group(1).isEmpty() ? "0" : m.group(1), m.group(2), m.group(3), host);
        List<String> tails = expand(host.substring(close + 1));
        if ((long) values.size() * tails.size() > HostPattern.MAX_NAMES) {
            throw new IllegalArgumentException("'" + host + "' expands to more than " + HostPattern.MAX_NAMES + " hosts");
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String t : tails) {
                out.add(head + v + t);
            }
        }
        return out;
    }

    private static List<String> values(String low, String high, String stepText, String host) {
        int step = stepText == null ? 1 : Integer.parseInt(stepText);
        if (step < 1) {
            throw new IllegalArgumentException("the step of a range in '" + host + "' must be at least 1");
        }
        List<String> out = new ArrayList<>();
        int lo = LETTERS.indexOf(low);
        int hi = LETTERS.indexOf(high);
        if (low.length() == 1 && high.length() == 1 && lo >= 0 && hi >= 0) {
            if (lo > hi) {
                throw new IllegalArgumentException("range [" + low + ":" + high + "] in '" + host + "' is reversed");
            }
            for (int i = lo; i <= hi; i += step) {
                out.add(String.valueOf(LETTERS.charAt(i)));
            }
            return out;
        }
        if (!low.matches("[0-9]{1,9}") || !high.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("range [" + low + ":" + high + "] in '" + host
                    + "' mixes numbers and letters or has more than one letter");
        }
        int width = low.length() > 1 && low.charAt(0) == '0' ? low.length() : 0;
        if (width > 0 && high.length() != width) {
            throw new IllegalArgumentException("range [" + low + ":" + high + "] in '" + host
                    + "' needs ends of the same width, as Ansible does");
        }
        long from = Long.parseLong(low);
        long to = Long.parseLong(high);
        if (from > to) {
            throw new IllegalArgumentException("range [" + low + ":" + high + "] in '" + host + "' is reversed");
        }
        if ((to - from) / step + 1 > HostPattern.MAX_NAMES) {
            throw new IllegalArgumentException("'" + host + "' expands to more than " + HostPattern.MAX_NAMES + " hosts");
        }
        for (long n = from; n <= to; n += step) {
            String digits = Long.toString(n);
            out.add(digits.length() < width ? "0".repeat(width - digits.length()) + digits : digits);
        }
        return out;
    }
}
