package dev.aistorctl.core.ssh;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bastion the target is reached through, written {@code user@host:port} (user and port optional).
 *
 * @param identityFile the key to log in to this hop with, or null for the target's own key
 */
public record JumpHost(String user, String host, int port, Path identityFile) {
    private static final Pattern FORM = Pattern.compile("(?:([^@\\s]+)@)?(\\[[^\\]]+\\]|[^:@\\s\\[\\]]+)(?::(\\d{1,5}))?");

    public JumpHost {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("jump host port out of range: " + port);
        }
    }

    /** A hop logged in to with the target's key. */
    public JumpHost(String user, String host, int port) {
        this(user, host, port, null);
    }

    /**
     * Parses {@code [user@]host[:port]}; IPv6 addresses go in brackets ({@code admin@[fd00::1]:2222}).
     *
     * @param defaultUser used when the text names no user
     */
    public static JumpHost parse(String text, String defaultUser) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jump host (expected user@host:port): " + text);
        }
        String host = m.group(2);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = m.group(3) == null ? 22 : Integer.parseInt(m.group(3));
        return new JumpHost(m.group(1) == null ? defaultUser : m.group(1), host, port);
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return user + "@" + h + ":" + port;
    }
}
