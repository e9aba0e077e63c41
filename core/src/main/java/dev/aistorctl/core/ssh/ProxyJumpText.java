package dev.aistorctl.core.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A jump chain as OpenSSH writes it for {@code ProxyJump} and {@code ssh -J}: hops separated by commas,
 * each {@code [user@]host[:port]} or {@code ssh://[user@]host[:port]}, IPv6 addresses in brackets, the
 * first hop first; {@code none} is no jump at all.
 */
public final class ProxyJumpText {
    private static final Pattern HOP = Pattern.compile("(?:ssh://)?(?:([^@\\s,]+)@)?(\\[[^\\]]+\\]|[^:@\\s\\[\\],/]+)(?::([0-9]{1,5}))?/?");

    private ProxyJumpText() {
    }

    /** One hop as written: user and port only when the text names them. */
    public record Hop(Optional<String> user, String host, Optional<Integer> port) {
        @Override
        public String toString() {
            return user.map(u -> u + "@").orElse("") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host)
                    + port.map(p -> ":" + p).orElse("");
        }
    }

    /**
     * The hops, first one first; empty for {@code none}.
     *
     * @throws IllegalArgumentException naming the hop that is not {@code [user@]host[:port]}
     */
    public static List<Hop> parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Hop> hops = new ArrayList<>();
        for (String part : t.split(",", -1)) {
            String p = part.strip();
            Matcher m = HOP.matcher(p);
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty hop in '" + text + "'");
            }
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + p + "' is not [user@]host[:port]");
            }
            String host = m.group(2);
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            Optional<Integer> port = Optional.empty();
            if (m.group(3) != null) {
                int n = Integer.parseInt(m.group(3));
                if (n < 1 || n > 65535) {
                    throw new IllegalArgumentException("port '" + m.group(3) + "' of '" + p + "' is not a port number (1-65535)");
                }
                port = Optional.of(n);
            }
            hops.add(new Hop(Optional.ofNullable(m.group(1)), host, port));
        }
        return List.copyOf(hops);
    }

    /** Why the text is not a jump chain, or empty when it is one. */
    public static Optional<String> problem(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
