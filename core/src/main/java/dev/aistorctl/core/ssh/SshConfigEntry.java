package dev.aistorctl.core.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an ssh_config says for one host name, each value with the {@code file:line} it came from. Only the
 * keywords aistorctl acts on are kept; {@code HostName}'s {@code %h} is already the name looked up.
 *
 * @param alias the name looked up (what {@code ssh ALIAS} would be given)
 */
public record SshConfigEntry(String alias, Optional<Sourced> hostName, Optional<Sourced> user, Optional<Sourced> port,
                             List<Sourced> identityFiles, Optional<Sourced> proxyJump) {
    public SshConfigEntry {
        identityFiles = List.copyOf(identityFiles);
    }

    /** A value and where it was written, {@code file:line}. */
    public record Sourced(String value, String origin) {
    }

    public static SshConfigEntry empty(String alias) {
        return new SshConfigEntry(alias, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    /**
     * The first IdentityFile as a path: {@code ~} is {@code home}, and the tokens {@code %d} (home),
     * {@code %h} (the host name), {@code %r} (the remote user), {@code %u} (the local user) and
     * {@code %%} are expanded as ssh does.
     */
    public Optional<Path> identityFile(Path home, String host, String remoteUser) {
        if (identityFiles.isEmpty()) {
            return Optional.empty();
        }
        String v = identityFiles.get(0).value();
        if (v.equals("~") || v.startsWith("~/")) {
            v = home + v.substring(1);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '%' || i + 1 == v.length()) {
                out.append(c);
                continue;
            }
            char t = v.charAt(++i);
            switch (t) {
                case 'd' -> out.append(home);
                case 'h' -> out.append(host);
                case 'r' -> out.append(remoteUser);
                case 'u' -> out.append(System.getProperty("user.name"));
                case '%' -> out.append('%');
                default -> out.append('%').append(t);
            }
        }
        return Optional.of(Path.of(out.toString()));
    }

    /** Collects the first value of each keyword, in the order the matching blocks give them. */
    static final class Builder {
        private final String alias;
        private Sourced hostName;
        private Sourced user;
        private Sourced port;
        private Sourced proxyJump;
        private final List<Sourced> identities = new ArrayList<>();

        Builder(String alias) {
            this.alias = alias;
        }

        void offer(String keyword, String value, String origin) {
            Sourced s = new Sourced(value, origin);
            switch (keyword) {
                case "hostname" -> hostName = hostName != null ? hostName : new Sourced(value.replace("%h", alias).replace("%%", "%"), origin);
                case "user" -> user = user != null ? user : s;
                case "port" -> port = port != null ? port : s;
                case "proxyjump" -> proxyJump = proxyJump != null ? proxyJump : s;
                case "identityfile" -> identities.add(s);
                default -> {
                }
            }
        }

        SshConfigEntry build() {
            return new SshConfigEntry(alias, Optional.ofNullable(hostName), Optional.ofNullable(user), Optional.ofNullable(port),
                    identities, Optional.ofNullable(proxyJump));
        }
    }
}
