package dev.aistorctl.inventory;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.ssh.Become;
import dev.aistorctl.core.ssh.OpenSshConfig;
import dev.aistorctl.core.ssh.ProxyJumpText;
import dev.aistorctl.core.ssh.SshConfigEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Applies the precedence of {@link HostSsh}: host entry, inventory ssh, ssh_config, default. */
final class HostSshResolver {
    /** A chain longer than this is a ProxyJump loop through ssh_config. */
    private static final int MAX_HOPS = 8;

    private final SshConfig cluster;

    HostSshResolver(SshConfig cluster) {
        this.cluster = cluster;
    }

    HostSsh resolve(InventoryHost host, HostOverride override) {
        String prefix = "hosts." + host.name() + ".";
        SshConfigEntry conf = lookup(host.name());
        HostSsh.Sourced<String> address = override.address().map(a -> new HostSsh.Sourced<>(a, prefix + "address"))
                .or(() -> conf.hostName().map(h -> new HostSsh.Sourced<>(h.value(), h.origin())))
                .orElse(new HostSsh.Sourced<>(host.name(), "the host's name"));
        HostSsh.Sourced<String> user = override.user().map(u -> new HostSsh.Sourced<>(u, prefix + "user"))
                .or(() -> cluster.user().map(u -> new HostSsh.Sourced<>(u, "ssh.user")))
                .or(() -> conf.user().map(u -> new HostSsh.Sourced<>(u.value(), u.origin())))
                .orElse(new HostSsh.Sourced<>(localUser(), "default (the local user)"));
        HostSsh.Sourced<Integer> port = override.port().map(p -> new HostSsh.Sourced<>(p, prefix + "port"))
                .or(() -> cluster.port().map(p -> new HostSsh.Sourced<>(p, "ssh.port")))
                .or(() -> conf.port().map(p -> new HostSsh.Sourced<>(Integer.parseInt(p.value()), p.origin())))
                .orElse(new HostSsh.Sourced<>(SshConfig.DEFAULT_PORT, "default"));
        HostSsh.Sourced<Path> identity = override.identityFile().map(p -> new HostSsh.Sourced<>(p, prefix + "identity_file"))
                .or(() -> cluster.identityFile().map(p -> new HostSsh.Sourced<>(p, "ssh.identity_file")))
                .or(() -> conf.identityFile(InventoryValues.home(), host.name(), user.value())
                        .map(p -> new HostSsh.Sourced<>(p, conf.identityFiles().get(0).origin())))
                .orElse(new HostSsh.Sourced<>(InventoryValues.home().resolve(".ssh/id_ed25519"), "default"));
        // become follows the user that logs in unless written: a host that logs in as ubuntu while
        // the cluster logs in as root gets sudo, not the cluster's "none" that only root could use.
        HostSsh.Sourced<Become> become = override.become().map(b -> new HostSsh.Sourced<>(b, prefix + "become"))
                .or(() -> cluster.become().map(b -> new HostSsh.Sourced<>(b, "ssh.become")))
                .orElse(new HostSsh.Sourced<>(SshConfig.defaultBecome(user.value()),
                        "default for user " + user.value() + " (" + user.from() + ")"));
        List<HostSsh.Hop> jumps;
        String jumpsFrom;
        if (override.jumpHosts().isPresent()) {
            jumps = hops(host, override.jumpHosts().get(), user.value(), new LinkedHashSet<>());
            jumpsFrom = prefix + "jump_host";
        } else if (cluster.jumpHosts().isPresent()) {
            jumps = hops(host, cluster.jumpHosts().get(), user.value(), new LinkedHashSet<>());
            jumpsFrom = "ssh.jump_host";
        } else if (conf.proxyJump().isPresent()) {
            jumps = hops(host, fromText(conf.proxyJump().get()), user.value(), new LinkedHashSet<>());
            jumpsFrom = conf.proxyJump().get().origin();
        } else {
            jumps = List.of();
            jumpsFrom = "default";
        }
        return new HostSsh(host.name(), address, port, user, identity, become, jumps, jumpsFrom);
    }

    private SshConfigEntry lookup(String name) {
        return cluster.openSshConfig().map(c -> c.lookup(name)).orElse(SshConfigEntry.empty(name));
    }

    private static List<JumpHost> fromText(SshConfigEntry.Sourced proxyJump) {
        return ProxyJumpText.parse(proxyJump.value()).stream().map(h -> new JumpHost(h.user(), h.host(), h.port())).toList();
    }

    /**
     * Resolves each hop through ssh_config as ssh -J does: HostName, User, Port and IdentityFile of the
     * hop's own entry fill what the chain leaves out. The first hop's own ProxyJump, if any, is gone
     * through first (ssh reaches the first hop with its own configuration).
     */
    private List<HostSsh.Hop> hops(InventoryHost host, List<JumpHost> chain, String targetUser, Set<String> seen) {
        List<HostSsh.Hop> out = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            JumpHost j = chain.get(i);
            SshConfigEntry conf = lookup(j.host());
            if (i == 0 && conf.proxyJump().isPresent()) {
                if (!seen.add(j.host().toLowerCase(Locale.ROOT)) || seen.size() > MAX_HOPS) {
                    throw new InvalidConfigException(host.name() + ": the jump chain loops through ssh_config at " + j.host()
                            + " (" + conf.proxyJump().get().origin() + "): " + String.join(" -> ", seen));
                }
                out.addAll(hops(host, fromText(conf.proxyJump().get()), targetUser, seen));
            }
            String user = j.user().or(() -> conf.user().map(SshConfigEntry.Sourced::value)).orElse(targetUser);
            String address = conf.hostName().map(SshConfigEntry.Sourced::value).orElse(j.host());
            int port = j.port().or(() -> conf.port().map(p -> Integer.parseInt(p.value()))).orElse(SshConfig.DEFAULT_PORT);
            Path key = conf.identityFile(InventoryValues.home(), j.host(), user).orElse(null);
            out.add(new HostSsh.Hop(j.toString(), user, address, port, key));
        }
        if (out.size() > MAX_HOPS) {
            throw new InvalidConfigException(host.name() + ": a jump chain of " + out.size() + " hops is longer than " + MAX_HOPS);
        }
        return out;
    }

    private static String localUser() {
        return Optional.ofNullable(System.getProperty("user.name")).orElse("root");
    }
}
