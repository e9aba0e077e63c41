package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.hwcheck.profile.ByteSize;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.NicKinds;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import dev.aistorctl.hwcheck.profile.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
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
    private static final List<Attribute> ATTRIBUTES = List.of(
            new Attribute("consistency.drive_model", "NVMe models", f -> drives(f, NvmeDrive::model), Objects::equals, Unknown.NVME),
            new Attribute("consistency.drive_firmware", "NVMe firmware", f -> drives(f, NvmeDrive::firmware), Objects::equals, Unknown.NVME),
            new Attribute("consistency.drive_size", "NVMe sizes",
                    f -> drives(f, d -> d.sizeBytes() == null ? null : ByteSize.format(d.sizeBytes())), Objects::equals, Unknown.NVME),
            new Attribute("consistency.cpu_model", "CPU model", ConsistencyRules::cpuModel, Objects::equals, Unknown.CPU),
            new Attribute("consistency.cpu_cores", "core count",
                    f -> f.cpu() == null || f.cpu().cores() == null ? null : f.cpu().cores() + " cores", Objects::equals, Unknown.CPU),
            new Attribute("consistency.memory", "memory", ConsistencyRules::memory, ConsistencyRules::sameMemory, Unknown.MEMINFO),
            new Attribute("consistency.nic_speed", "fastest NIC", ConsistencyRules::nicSpeed, Objects::equals, Unknown.NICS),
            new Attribute("consistency.kernel", "kernel", f -> f.os() == null ? null : f.os().kernel(), Objects::equals, Unknown.KERNEL));

    /** MemTotal of identical servers differs by what the kernel reserved; 2 % is far below one DIMM. */
    private static final double MEMTOTAL_TOLERANCE = 0.02;

    private ConsistencyRules() {
    }

    /** Every attribute, with the catalog's severities. */
    public static Map<String, List<Finding>> check(Map<String, HostFacts> hosts) {
        return check(hosts, ATTRIBUTES.stream().map(a -> RuleSettings.defaults(a.id())).toList());
    }

    /** The attributes the profile switches on, with its severities. */
    public static Map<String, List<Finding>> check(Map<String, HostFacts> hosts, HardwareProfile profile) {
        return check(hosts, profile.rules().stream().filter(r -> r.id().startsWith("consistency.")).toList());
    }

    private static Map<String, List<Finding>> check(Map<String, HostFacts> hosts, List<RuleSettings> rules) {
        Map<String, List<Finding>> result = new LinkedHashMap<>();
        hosts.keySet().forEach(h -> result.put(h, new ArrayList<>()));
        if (hosts.size() < 2) {
            return result;
        }
        for (RuleSettings settings : rules) {
            ATTRIBUTES.stream().filter(a -> a.id().equals(settings.id())).findFirst()
                    .ifPresent(a -> compare(a, settings, hosts, result));
        }
        return result;
    }

    private static void compare(Attribute a, RuleSettings s, Map<String, HostFacts> hosts, Map<String, List<Finding>> out) {
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
                        a.label() + " differ with no majority: " + all, hint(a), null));
            } else if (mine == groups.get(0)) {
                out.get(host).add(o.pass(String.valueOf(mine.value), String.valueOf(mine.value),
                        a.label() + " the same as " + mine.hosts.size() + " of " + known + " hosts", null));
            } else {
                Group majority = groups.get(0);
                out.get(host).add(o.deviation(String.valueOf(majority.value), String.valueOf(mine.value),
                        host + " has " + a.label() + " " + mine.value + "; the majority (" + majority.hosts.size() + " of " + known
                                + " hosts: " + String.join(", ", majority.hosts) + ") has " + majority.value, hint(a), null));
            }
        }
    }

    private static String hint(Attribute a) {
        return switch (a.id()) {
            case "consistency.drive_firmware" -> "update the drive firmware to the same release on every host before formatting";
            case "consistency.kernel" -> "install the same kernel on every host (apt policy linux-image-generic) and reboot";
            default -> "this host differs from its peers: check the parts against the delivery note";
        };
    }

    private static String drives(HostFacts f, Function<NvmeDrive, String> field) {
        if (f.nvme() == null) {
            return null;
        }
        List<String> values = DataDrives.of(f).drives().stream().map(field).map(v -> Objects.toString(v, "unknown")).distinct().sorted().toList();
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    private static String cpuModel(HostFacts f) {
        if (f.cpu() == null) {
            return null;
        }
        List<String> names = Stream.of(f.cpu().modelName(), f.cpu().biosModelName()).filter(Objects::nonNull).distinct().toList();
        return names.isEmpty() ? null : String.join(" / ", names);
    }

    private static Object memory(HostFacts f) {
        if (f.memory() == null) {
            return null;
        }
        Long dimms = f.memory().dimmTotalBytes() != null && f.memory().dimmTotalBytes() > 0 ? f.memory().dimmTotalBytes() : null;
        return dimms == null && f.memory().totalBytes() == null ? null : new Memory(dimms, f.memory().totalBytes());
    }

    private static boolean sameMemory(Object a, Object b) {
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

    private static String nicSpeed(HostFacts f) {
        if (f.nics() == null) {
            return null;
        }
        return f.nics().stream().filter(n -> !"lo".equals(n.name()) && NicKinds.PHYSICAL.equals(NicKinds.of(n.kind())))
                .map(Nic::speedMbps).filter(Objects::nonNull).max(Long::compare).map(v -> v + " Mb/s").orElse(null);
    }

    private record Attribute(String id, String label, Function<HostFacts, Object> value, BiPredicate<Object, Object> same, List<String> sources) {
    }

    private record Memory(Long dimms, Long memTotal) {
        @Override
        public String toString() {
            return dimms != null ? ByteSize.format(dimms) + " in DIMMs" : "MemTotal " + ByteSize.format(memTotal / 1048576 * 1048576);
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
