package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.NicKinds;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import dev.aistorctl.hwcheck.profile.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Hosts of one cluster must be alike: an erasure set runs at the pace of its slowest member, and
 * a host that differs from its peers usually has a part swapped or a step missed. Each attribute
 * is compared against the majority of the hosts that report it, and the odd hosts are named.
 * With no clear majority (a tie) every host is reported, since nobody can tell which is right.
 */
public final class ConsistencyRules {
    /** MemTotal of identical servers differs by what the kernel reserved; 2 % is far below one DIMM. */
    private static final double MEMTOTAL_TOLERANCE = 0.02;

    private ConsistencyRules() {
    }

    /** Every comparison of the catalog, with its default severities. */
    public static Map<String, List<Finding>> check(Map<String, HostFacts> hosts) {
        return check(hosts, RuleCatalog.rules().stream().filter(r -> r.acrossHosts() != null)
                .map(r -> RuleCatalog.defaults(r.id())).toList());
    }

    /** The comparisons the profile switches on, with its severities. */
    public static Map<String, List<Finding>> check(Map<String, HostFacts> hosts, HardwareProfile profile) {
        return check(hosts, profile.rules());
    }

    private static Map<String, List<Finding>> check(Map<String, HostFacts> hosts, List<RuleSettings> rules) {
        Map<String, List<Finding>> result = new LinkedHashMap<>();
        hosts.keySet().forEach(h -> result.put(h, new ArrayList<>()));
        if (hosts.size() < 2) {
            return result;
        }
        for (RuleSettings settings : rules) {
            RuleCatalog.rule(settings.id()).map(Rule::acrossHosts).ifPresent(c -> compare(c, settings, hosts, result));
        }
        return result;
    }

    private static void compare(Comparison a, RuleSettings s, Map<String, HostFacts> hosts, Map<String, List<Finding>> out) {
        Outcome o = new Outcome(s);
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, HostFacts> e : hosts.entrySet()) {
            Object value = e.getValue() == null ? null : a.value().apply(e.getValue());
            if (value == null) {
                continue;
            }
            groups.stream().filter(g -> a.same().test(g.value, value)).findFirst()
                    .orElseGet(() -> { Group g = new Group(value); groups.add(g); return g; })
                    .hosts.add(e.getKey());
        }
        groups.sort((x, y) -> Integer.compare(y.hosts.size(), x.hosts.size()));
        boolean tie = groups.size() > 1 && groups.get(0).hosts.size() == groups.get(1).hosts.size();
        String all = groups.stream().map(g -> g.value + " on " + String.join(", ", g.hosts)).collect(Collectors.joining("; "));
        int known = groups.stream().mapToInt(g -> g.hosts.size()).sum();
        for (Map.Entry<String, HostFacts> e : hosts.entrySet()) {
            String host = e.getKey();
            Group mine = groups.stream().filter(g -> g.hosts.contains(host)).findFirst().orElse(null);
            if (mine == null) {
                Unknown why = e.getValue() == null ? Unknown.plain("no facts for this host", null)
                        : Unknown.of(e.getValue().sources(), a.sources(), a.label(), null);
                Finding f = o.unknown(groups.isEmpty() ? null : String.valueOf(groups.get(0).value), why, null);
                // This host's own rules already judge the missing fact; here it only cannot be compared.
                out.get(host).add(new Finding(f.rule(), Severity.SKIP, f.expected(), f.actual(),
                        "not compared: " + why.reason(), f.hint(), null));
            } else if (tie) {
                out.get(host).add(o.deviation("the same on every host", String.valueOf(mine.value),
                        a.label() + " differ with no majority: " + all, a.hint(), null));
            } else if (mine == groups.get(0)) {
                out.get(host).add(o.pass(String.valueOf(mine.value), String.valueOf(mine.value),
                        a.label() + " the same as " + mine.hosts.size() + " of " + known + " hosts", null));
            } else {
                Group majority = groups.get(0);
                out.get(host).add(o.deviation(String.valueOf(majority.value), String.valueOf(mine.value),
                        host + " has " + a.label() + " " + mine.value + "; the majority (" + majority.hosts.size() + " of " + known
                                + " hosts: " + String.join(", ", majority.hosts) + ") has " + majority.value, a.hint(), null));
            }
        }
    }

    static String drives(HostFacts f, Function<NvmeDrive, String> field) {
        if (f.nvme() == null) {
            return null;
        }
        List<String> values = DataDrives.of(f).drives().stream().map(field).map(v -> Objects.toString(v, "unknown")).distinct().sorted().toList();
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    static String cpuModel(HostFacts f) {
        if (f.cpu() == null) {
            return null;
        }
        List<String> names = Stream.of(f.cpu().modelName(), f.cpu().biosModelName()).filter(Objects::nonNull).distinct().toList();
        return names.isEmpty() ? null : String.join(" / ", names);
    }

    static Object memory(HostFacts f) {
        if (f.memory() == null) {
            return null;
        }
        Long dimms = f.memory().dimmTotalBytes() != null && f.memory().dimmTotalBytes() > 0 ? f.memory().dimmTotalBytes() : null;
        return dimms == null && f.memory().totalBytes() == null ? null : new Memory(dimms, f.memory().totalBytes());
    }

    static boolean sameMemory(Object a, Object b) {
        Memory x = (Memory) a;
        Memory y = (Memory) b;
        if (x.dimms() != null && y.dimms() != null) {
            return x.dimms().equals(y.dimms());
        }
        if (x.memTotal() == null || y.memTotal() == null) {
            return false;
        }
        return Math.abs(x.memTotal() - y.memTotal()) <= MEMTOTAL_TOLERANCE * Math.max(x.memTotal(), y.memTotal());
    }

    static String nicSpeed(HostFacts f) {
        if (f.nics() == null) {
            return null;
        }
        return f.nics().stream().filter(n -> !"lo".equals(n.name()) && NicKinds.PHYSICAL.equals(NicKinds.of(n.kind())))
                .map(Nic::speedMbps).filter(Objects::nonNull).max(Long::compare).map(v -> v + " Mb/s").orElse(null);
    }

    private record Memory(Long dimms, Long memTotal) {
        @Override
        public String toString() {
            return dimms != null ? ByteSize.precise(dimms) + " in DIMMs" : "MemTotal " + ByteSize.precise(memTotal / 1048576 * 1048576);
        }
    }

    private static final class Group {
        final Object value;
        final List<String> hosts = new ArrayList<>();

        Group(Object value) {
            this.value = value;
        }
    }
}
