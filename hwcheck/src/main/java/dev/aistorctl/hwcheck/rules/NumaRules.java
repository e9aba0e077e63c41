package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.capture.Sources;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.facts.facts.SystemTuning.NumaPlacement;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * nvme.numa_local and nic.numa_local. Where a host has several NUMA nodes (Altra Max can be set to
 * two or four in the BIOS), data read from a drive on one node and sent by a NIC on another crosses
 * the interconnect: every drive should share a node with a data NIC, and every data NIC with drives.
 * On one node every device is local and both rules pass.
 */
final class NumaRules {
    private static final String HINT = "/sys/devices/system/node and each device's numa_node must be readable";

    private NumaRules() {
    }

    static List<Finding> nvmeLocal(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        String expected = "every NVMe on a NUMA node with a data NIC";
        NumaPlacement numa = SystemTuningRules.part(facts, t -> t.numa());
        if (numa == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), List.of(Sources.NUMA_NODES.file()), "NUMA placement", HINT), null));
        }
        if (numa.nodes() <= 1) {
            return List.of(o.pass(expected, "1 NUMA node", "one NUMA node: every drive is local", null));
        }
        Map<String, Integer> nics = dataNics(facts, s, numa);
        Set<Integer> nicNodes = new TreeSet<>(nics.values());
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, Integer> d : numa.nvme().entrySet()) {
            int node = d.getValue();
            out.add(nicNodes.contains(node) ? o.pass(expected, "node " + node, d.getKey() + " on node " + node + " with a data NIC", d.getKey())
                    : o.deviation(expected, "node " + node, d.getKey() + " is on NUMA node " + node + ", the data NICs on " + nodes(nicNodes),
                    "move the drive (or add a NIC) so that drives and NICs share nodes, or set the BIOS to one NUMA node per socket", d.getKey()));
        }
        if (out.isEmpty()) {
            out.add(o.unknown(expected, Unknown.plain("no NVMe controller reports a NUMA node", HINT), null));
        }
        return out;
    }

    static List<Finding> nicLocal(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        String expected = "every data NIC on a NUMA node with NVMe drives";
        NumaPlacement numa = SystemTuningRules.part(facts, t -> t.numa());
        if (numa == null) {
            return List.of(o.unknown(expected, Unknown.of(facts.sources(), List.of(Sources.NUMA_NODES.file()), "NUMA placement", HINT), null));
        }
        if (numa.nodes() <= 1) {
            return List.of(o.pass(expected, "1 NUMA node", "one NUMA node: every NIC is local", null));
        }
        Set<Integer> driveNodes = new TreeSet<>(numa.nvme().values());
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, Integer> n : dataNics(facts, s, numa).entrySet()) {
            int node = n.getValue();
            out.add(driveNodes.contains(node) ? o.pass(expected, "node " + node, n.getKey() + " on node " + node + " with drives", n.getKey())
                    : o.deviation(expected, "node " + node, n.getKey() + " is on NUMA node " + node + ", the drives on " + nodes(driveNodes),
                    "put the NIC in a slot of a node that holds drives", n.getKey()));
        }
        if (out.isEmpty()) {
            out.add(o.unknown(expected, Unknown.plain("no data NIC reports a NUMA node", HINT), null));
        }
        return out;
    }

    private static Map<String, Integer> dataNics(HostFacts facts, RuleSettings s, NumaPlacement numa) {
        Set<String> names = facts.nics() == null ? Set.copyOf(numa.nics().keySet())
                : NicRules.candidates(facts, s.strings("kinds")).stream().filter(n -> "UP".equals(n.state())).map(Nic::name).collect(Collectors.toSet());
        return numa.nics().entrySet().stream().filter(e -> names.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
    }

    private static String nodes(Set<Integer> nodes) {
        return nodes.isEmpty() ? "no node" : "node " + nodes.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
