package dev.aistorctl.inventory;

import dev.aistorctl.core.UsageException;
import dev.aistorctl.core.text.Glob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated inventory, version 1. Everything in it has been checked: names are valid host
 * names, pools split into erasure sets, ports are in range. Secrets are references only.
 *
 * @param hostOverrides per-host settings keyed by host name, in file order
 * @param source        the file it was loaded from
 */
public record Inventory(int version, Cluster cluster, SshConfig ssh, NodeConfig node, List<Pool> pools,
                        Map<String, HostOverride> hostOverrides, Path source) {
    public Inventory {
        pools = List.copyOf(pools);
        hostOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(hostOverrides));
    }

    /** Every host of every pool, pools in file order and hosts in expansion order. */
    public List<InventoryHost> hosts() {
        List<InventoryHost> out = new ArrayList<>();
        for (Pool pool : pools) {
            for (String name : pool.hosts()) {
                String address = Optional.ofNullable(hostOverrides.get(name)).flatMap(HostOverride::address).orElse(name);
                out.add(new InventoryHost(name, address, pool.name(), pool.drives(), pool.drives().mounts()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * How the host is reached: its {@code hosts:} entry, this inventory's {@code ssh:}, its ssh_config
     * entry and the defaults, each value with where it came from.
     *
     * @throws dev.aistorctl.core.InvalidConfigException when ssh_config's ProxyJump entries loop
     */
    public HostSsh sshFor(InventoryHost host) {
        return new HostSshResolver(ssh).resolve(host, hostOverrides.getOrDefault(host.name(), HostOverride.NONE));
    }

    /**
     * The hosts a {@code --limit} selects, in inventory order. The selection is a comma-separated
     * list; each item is a host name, a glob ({@code node0*}), a range pattern
     * ({@code node{01...03}}, {@code node[01:03]}) or a pool name, matched case-insensitively
     * against host names and addresses.
     *
     * @throws UsageException when an item selects no host, naming it
     */
    public List<InventoryHost> limit(String selection) {
        List<InventoryHost> all = hosts();
        Set<InventoryHost> chosen = new LinkedHashSet<>();
        List<String> unmatched = new ArrayList<>();
        for (String raw : selection.split(",")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            List<Glob> globs = new ArrayList<>();
            try {
                // "[12]" is a glob class; "[01:08]" an Ansible range.
                boolean range = item.contains("{") || item.matches(".*\\[[^\\]]*:[^\\]]*\\].*");
                for (String name : range ? HostPattern.expand(item) : List.of(item)) {
                    globs.add(Glob.ignoringCase(name));
                }
            } catch (HostPatternException e) {
                throw new UsageException("--limit '" + selection + "': " + e.getMessage() + (e.hint().isEmpty() ? "" : " (" + e.hint() + ")"));
            }
            boolean any = false;
            for (InventoryHost host : all) {
                boolean hit = host.pool().equalsIgnoreCase(item)
                        || globs.stream().anyMatch(g -> g.matches(host.name()) || g.matches(host.address()));
                if (hit) {
                    chosen.add(host);
                    any = true;
                }
            }
            if (!any) {
                unmatched.add(item);
            }
        }
        if (!unmatched.isEmpty() || chosen.isEmpty()) {
            String what = unmatched.isEmpty() ? "'" + selection + "'" : "'" + String.join("', '", unmatched) + "'";
            throw new UsageException("--limit " + what + " matches no host of " + source.getFileName()
                    + "; hosts are " + describe(all));
        }
        List<InventoryHost> ordered = new ArrayList<>();
        for (InventoryHost host : all) {
            if (chosen.contains(host)) {
                ordered.add(host);
            }
        }
        return List.copyOf(ordered);
    }

    private static String describe(List<InventoryHost> hosts) {
        List<String> names = hosts.stream().map(InventoryHost::name).toList();
        if (names.size() <= 6) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 3)) + ", ... " + names.get(names.size() - 1)
                + " (" + names.size() + " in all)";
    }

    /** Host names compare without case, as DNS does. */
    static String key(String hostName) {
        return HostAddress.canonical(hostName).toLowerCase(Locale.ROOT);
    }
}
