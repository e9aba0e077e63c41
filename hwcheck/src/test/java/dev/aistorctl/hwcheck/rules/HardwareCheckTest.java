package dev.aistorctl.hwcheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.core.Json;
import dev.aistorctl.facts.facts.GatheredHost;
import dev.aistorctl.facts.facts.PciLink;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.profile.RuleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareCheckTest {
    private static final HardwareProfile PROFILE = HardwareProfiles.load("ampere-altra-m128");

    private static VerifyReport threeHostsOneBadOneUnreachable() {
        return HardwareCheck.verify(PROFILE, List.of(
                GatheredHost.of("node1", ReferenceHost.perfect()),
                GatheredHost.of("node2", new ReferenceHost().link("0000:05:00.0", PciLink.of(8.0, 4, 16.0, 4)).build()),
                GatheredHost.of("node3", ReferenceHost.perfect()),
                GatheredHost.unreachable("node4", "node4: connect: Connection refused")));
    }

    @Test
    void the_report_names_failed_and_unreachable_hosts() {
        VerifyReport report = threeHostsOneBadOneUnreachable();

        assertThat(report.anyFail()).isTrue();
        assertThat(report.hosts()).extracting(HostReport::host, HostReport::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("node1", HostStatus.PASS),
                org.assertj.core.groups.Tuple.tuple("node2", HostStatus.FAIL),
                org.assertj.core.groups.Tuple.tuple("node3", HostStatus.PASS),
                org.assertj.core.groups.Tuple.tuple("node4", HostStatus.UNREACHABLE));
        VerifySummary s = report.summary();
        assertThat(List.of(s.hosts(), s.pass(), s.warn(), s.fail(), s.unreachable())).containsExactly(4, 2, 0, 1, 1);
        assertThat(s.failedHosts()).containsExactly("node2", "node4");
        assertThat(report.host("node4").orElseThrow().error()).isEqualTo("node4: connect: Connection refused");
    }

    @Test
    void all_good_hosts_do_not_fail() {
        VerifyReport report = HardwareCheck.verify(PROFILE, java.util.Map.of("node1", ReferenceHost.perfect()));

        assertThat(report.anyFail()).isFalse();
        assertThat(report.summary().failedHosts()).isEmpty();
    }

    @Test
    void the_json_uses_the_documented_names() throws Exception {
        ObjectMapper mapper = Json.mapper();
        JsonNode json = mapper.readTree(mapper.writeValueAsString(threeHostsOneBadOneUnreachable()));

        assertThat(json.has("hosts")).isTrue();
        assertThat(json.get("summary").get("failed_hosts").toString()).isEqualTo("[\"node2\",\"node4\"]");
        JsonNode node2 = json.get("hosts").get(1);
        assertThat(node2.get("host").asText()).isEqualTo("node2");
        JsonNode finding = node2.get("findings").findParents("rule").stream()
                .filter(f -> f.get("rule").asText().equals("nvme.pcie_link") && f.get("severity").asText().equals("FAIL"))
                .findFirst().orElseThrow();
        assertThat(finding.fieldNames()).toIterable().containsExactly("rule", "severity", "expected", "actual", "message", "hint", "device");
        assertThat(finding.get("device").asText()).isEqualTo("2345MTFD0004");
        JsonNode node4 = json.get("hosts").get(3);
        assertThat(node4.get("reachable").asBoolean()).isFalse();
        assertThat(node4.get("status").asText()).isEqualTo("UNREACHABLE");
    }

    @Test
    void every_catalog_rule_is_registered_with_one_evaluation() {
        assertThat(RuleCatalog.rules()).extracting(Rule::spec).containsExactlyElementsOf(RuleCatalog.all());
        for (Rule rule : RuleCatalog.rules()) {
            boolean consistency = rule.id().startsWith("consistency.");
            boolean measured = rule.id().startsWith("accept.");
            assertThat(rule.measured()).as(rule.id() + " judges measurements").isEqualTo(measured);
            assertThat(rule.acrossHosts() != null).as(rule.id() + " compares hosts").isEqualTo(consistency);
            assertThat(rule.perHost() != null).as(rule.id() + " checks one host").isEqualTo(!consistency && !measured);
        }
        RuleSpec spec = RuleCatalog.find("cpu.model").orElseThrow();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Rule(spec, (f, s) -> java.util.List.of(),
                        new Comparison("x", f -> null, java.util.Objects::equals, Unknown.NVME, "")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
