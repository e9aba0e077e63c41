package dev.aistorctl.hwcheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.MemoryFacts;
import dev.aistorctl.facts.facts.OsFacts;
import dev.aistorctl.hwcheck.profile.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsistencyRulesTest {
    private static Map<String, HostFacts> hosts(HostFacts a, HostFacts b, HostFacts c) {
        Map<String, HostFacts> hosts = new LinkedHashMap<>();
        hosts.put("node1", a);
        hosts.put("node2", b);
        hosts.put("node3", c);
        return hosts;
    }

    @Test
    void identical_hosts_are_consistent() {
        Map<String, List<Finding>> result = ConsistencyRules.check(hosts(ReferenceHost.perfect(), ReferenceHost.perfect(), ReferenceHost.perfect()));

        assertThat(result).containsOnlyKeys("node1", "node2", "node3");
        assertThat(result.values()).allSatisfy(findings -> assertThat(findings).hasSize(8)
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.PASS)));
    }

    @Test
    void the_host_with_other_drive_firmware_is_named() {
        HostFacts odd = new ReferenceHost().drives(ds -> ds.stream().map(d -> ReferenceHost.withFirmware(d, "E3MQ004")).toList()).build();

        Map<String, List<Finding>> result = ConsistencyRules.check(hosts(ReferenceHost.perfect(), odd, ReferenceHost.perfect()));

        assertThat(result.get("node1")).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.PASS));
        assertThat(result.get("node3")).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.PASS));
        assertThat(result.get("node2")).filteredOn(f -> f.severity() != Severity.PASS).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("consistency.drive_firmware");
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.expected()).isEqualTo("E3MQ005");
            assertThat(f.actual()).isEqualTo("E3MQ004");
            assertThat(f.message()).contains("node2 has NVMe firmware E3MQ004", "2 of 3 hosts: node1, node3");
        });
    }

    @Test
    void a_host_with_half_the_memory_and_another_kernel_is_named_for_both() {
        ReferenceHost odd = new ReferenceHost();
        odd.memory = new MemoryFacts(252L << 30, 240L << 30, odd.memory.dimms().subList(0, 8), 256L << 30, 16);
        odd.os = new OsFacts("ubuntu", "22.04", "Ubuntu 22.04.5 LTS", "5.15.0-100-generic", "node3", "aarch64");

        Map<String, List<Finding>> result = ConsistencyRules.check(hosts(ReferenceHost.perfect(), ReferenceHost.perfect(), odd.build()));

        assertThat(result.get("node3")).filteredOn(f -> f.severity() != Severity.PASS)
                .extracting(Finding::rule, Finding::severity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("consistency.memory", Severity.FAIL),
                        org.assertj.core.groups.Tuple.tuple("consistency.kernel", Severity.WARN));
    }

    @Test
    void memtotal_alone_tolerates_what_the_kernel_reserves() {
        ReferenceHost a = new ReferenceHost();
        a.memory = new MemoryFacts(503L << 30, 0L, null, null, null);
        ReferenceHost b = new ReferenceHost();
        b.memory = new MemoryFacts((503L << 30) - (300L << 20), 0L, null, null, null);

        Map<String, List<Finding>> result = ConsistencyRules.check(hosts(a.build(), b.build(), a.build()));

        assertThat(result.values()).allSatisfy(fs -> assertThat(fs).filteredOn(f -> f.rule().equals("consistency.memory"))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.PASS)));
    }

    @Test
    void with_no_majority_every_host_is_reported() {
        ReferenceHost other = new ReferenceHost();
        other.os = new OsFacts("ubuntu", "22.04", "Ubuntu 22.04.5 LTS", "6.8.0-50-generic", "n", "aarch64");
        Map<String, HostFacts> two = new LinkedHashMap<>();
        two.put("node1", ReferenceHost.perfect());
        two.put("node2", other.build());

        Map<String, List<Finding>> result = ConsistencyRules.check(two);

        assertThat(result.values()).allSatisfy(fs -> assertThat(fs).filteredOn(f -> f.rule().equals("consistency.kernel"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARN);
                    assertThat(f.message()).contains("no majority", "node1", "node2");
                }));
    }

    @Test
    void a_host_whose_value_is_unknown_is_not_compared_and_says_why() {
        ReferenceHost blind = new ReferenceHost();
        blind.nvme = null;

        Map<String, List<Finding>> result = ConsistencyRules.check(hosts(ReferenceHost.perfect(), ReferenceHost.perfect(),
                new HostFacts(blind.cpu, blind.memory, null, blind.pci, blind.nics, blind.os, blind.cpufreq, blind.blockDevices, blind.sources, null)));

        assertThat(result.get("node3")).filteredOn(f -> f.rule().startsWith("consistency.drive_")).hasSize(3)
                .allSatisfy(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.SKIP);
                    assertThat(f.message()).startsWith("not compared: ");
                });
        assertThat(result.get("node1")).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.PASS));
    }

    @Test
    void a_single_host_has_nothing_to_compare() {
        assertThat(ConsistencyRules.check(Map.of("node1", ReferenceHost.perfect()))).containsExactly(Map.entry("node1", List.of()));
    }
}
