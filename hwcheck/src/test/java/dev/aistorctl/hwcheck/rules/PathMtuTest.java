package dev.aistorctl.hwcheck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.Fixtures;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import dev.aistorctl.hwcheck.profile.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The path-MTU probe and its verdicts, over iputils ping's real output between two network namespaces. */
class PathMtuTest {
    private static final HardwareProfile REFERENCE = HardwareProfiles.load("ampere-altra-m128");
    private static final RuleSettings SETTINGS = REFERENCE.rule(PathMtu.RULE).orElseThrow();
    private static final PathMtu.Pair PAIR = new PathMtu.Pair("node1", "node2", "10.218.0.2");

    private static Finding judge(String run) {
        String base = "emulated/ping-mtu/" + run;
        return PathMtu.judge(PAIR, 9000, SETTINGS, Fixtures.read(base + ".stdout"), Fixtures.read(base + ".stderr"),
                Integer.parseInt(Fixtures.read(base + ".exit").strip()));
    }

    @Test
    void theProfilesSayWhichMtuToProbe() {
        assertThat(PathMtu.mtuOf(REFERENCE)).contains(9000L);
        assertThat(PathMtu.mtuOf(HardwareProfiles.load("lab"))).contains(1500L);
    }

    @Test
    void theProbeIsADontFragmentPingOfTheMtuLessItsHeaders() {
        assertThat(PathMtu.probe("10.0.0.2", 9000).argv()).containsExactly("env", "LC_ALL=C", "ping", "-n", "-M", "do", "-s", "8972",
                "-c", "3", "-W", "1", "-i", "0.2", "10.0.0.2");
        assertThat(PathMtu.payload("fd00::2", 9000)).as("IPv6 headers").isEqualTo(8952);
    }

    @Test
    void everyDirectionBetweenEveryTwoNodes() {
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("node1", "10.0.0.1");
        addresses.put("node2", "10.0.0.2");
        addresses.put("node3", "10.0.0.3");
        assertThat(PathMtu.pairs(addresses)).extracting(PathMtu.Pair::name).containsExactly("node1 -> node2", "node1 -> node3",
                "node2 -> node1", "node2 -> node3", "node3 -> node1", "node3 -> node2");
    }

    @Test
    void aJumboFrameThatCrossesPasses() {
        Finding f = judge("ok-9000");
        assertThat(f.severity()).isEqualTo(Severity.PASS);
        assertThat(f.device()).isEqualTo("node1 -> node2");
        assertThat(f.actual()).isEqualTo("3/3 crossed");
    }

    @Test
    void theSendersOwnSmallerMtuFailsAndNamesIt() {
        Finding f = judge("too-long");
        assertThat(f.severity()).isEqualTo(Severity.FAIL);
        assertThat(f.actual()).isEqualTo("MTU 1500");
        assertThat(f.message()).isEqualTo("node1 -> node2: the sender's own link has MTU 1500 (ping: message too long, mtu=1500)");
        assertThat(f.hint()).contains("ping -M do -s 8972 10.218.0.2 on node1");
    }

    @Test
    void aFrameLostOnTheWayFails() {
        Finding f = judge("lost");
        assertThat(f.severity()).isEqualTo(Severity.FAIL);
        assertThat(f.actual()).isEqualTo("no reply");
    }

    @Test
    void noPingOnTheSenderIsUnknown() {
        Finding f = PathMtu.judge(PAIR, 9000, SETTINGS, "", "env: 'ping': No such file or directory\n", 127);
        assertThat(f.actual()).isEqualTo("unknown");
        assertThat(f.hint()).isEqualTo("install iputils-ping on node1");
    }

    @Test
    void aFailingDirectionTurnsTheSendersStatus() {
        VerifyReport report = HardwareCheck.verify(REFERENCE, Map.of("node1", ReferenceHost.perfect()));
        assertThat(report.summary().fail()).isZero();
        VerifyReport with = PathMtu.addTo(report, Map.of("node1", List.of(judge("too-long"))));
        assertThat(with.host("node1").orElseThrow().status()).isEqualTo(HostStatus.FAIL);
        assertThat(with.anyFail()).isTrue();
    }
}
