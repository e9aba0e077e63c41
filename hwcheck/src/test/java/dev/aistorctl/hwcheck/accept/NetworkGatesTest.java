package dev.aistorctl.hwcheck.accept;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.hwcheck.rules.Measurement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The network gates on recorded figures: line rate, the peers' median and the cause named for a slow host. */
class NetworkGatesTest {
    private static NetworkThroughput host(String name, Long speed, double send, double receive) {
        return new NetworkThroughput(name, "10.0.0." + name.charAt(name.length() - 1), "enp1s0f0np0", speed, send, receive, send, receive);
    }

    private static List<Finding> failed(Map<String, List<Finding>> f, String host) {
        return f.get(host).stream().filter(x -> x.severity() == Severity.FAIL).toList();
    }

    @Test
    void hostsNearTheirLineRatePassBothGates() {
        HardwareProfile ref = HardwareProfiles.builtIn("ampere-altra-m128");
        var f = NetworkGates.judge(ref, List.of(host("n1", 200000L, 186000, 184000), host("n2", 200000L, 181000, 188000),
                host("n3", 200000L, 185000, 183000)));
        assertThat(f).hasSize(3);
        assertThat(f.values()).allSatisfy(l -> assertThat(l).hasSize(4).allMatch(x -> x.severity() == Severity.PASS));
    }

    @Test
    void aNicNegotiatedBelowTheProfilesSpeedFailsTheSpecWithThatCause() {
        HardwareProfile ref = HardwareProfiles.builtIn("ampere-altra-m128");
        var f = NetworkGates.judge(ref, List.of(host("n1", 200000L, 186000, 184000), host("n2", 100000L, 93000, 94000),
                host("n3", 200000L, 185000, 183000)));
        List<Finding> n2 = failed(f, "n2");
        // 93 Gb/s is 93 % of its own 100 Gb/s line rate: the spec passes, the peers' median (185 Gb/s) does not.
        assertThat(n2).extracting(Finding::rule).containsOnly(NetworkGates.PEERS).hasSize(2);
        assertThat(n2.get(0).hint()).contains("negotiated 100000 Mb/s, below the profile's 200000 Mb/s");
        assertThat(n2.get(0).device()).isEqualTo("enp1s0f0np0 (10.0.0.2)");
        assertThat(failed(f, "n1")).isEmpty();
        assertThat(failed(f, "n3")).isEmpty();
    }

    @Test
    void aHostSlowOnlyInReceiveFailsThePeersAndTheSpecOnReceiveAndNamesShapingWhenItsSpeedMatches() {
        HardwareProfile ref = HardwareProfiles.builtIn("ampere-altra-m128");
        var f = NetworkGates.judge(ref, List.of(host("n1", 200000L, 150000, 184000), host("n2", 200000L, 186000, 20000),
                host("n3", 200000L, 150000, 183000)));
        List<Finding> n2 = failed(f, "n2");
        assertThat(n2).extracting(Finding::rule).containsExactlyInAnyOrder(NetworkGates.SPEC, NetworkGates.PEERS);
        assertThat(n2).allSatisfy(x -> {
            assertThat(x.message()).contains("receive");
            assertThat(x.actual()).isEqualTo("20000 Mb/s");
            assertThat(x.hint()).contains("tc qdisc");
        });
        assertThat(n2).filteredOn(x -> x.rule().equals(NetworkGates.SPEC)).first().extracting(Finding::measurement)
                .isEqualTo(new Measurement("receive", 20000, 140000, 200000, Measurement.SPEC, "line rate", 0.7, "Mb/s"));
        // Median of 184000, 20000, 183000 receives.
        assertThat(n2).filteredOn(x -> x.rule().equals(NetworkGates.PEERS)).first().extracting(Finding::measurement)
                .isEqualTo(new Measurement("receive", 20000, 183000 * 0.7, 183000, Measurement.MEDIAN, "median of 3 hosts", 0.7, "Mb/s"));
        assertThat(failed(f, "n1")).isEmpty();
    }

    @Test
    void withoutASpeedTheSpecIsSkippedAndThePeersStillJudge() {
        HardwareProfile lab = HardwareProfiles.builtIn("lab");
        var f = NetworkGates.judge(lab, List.of(host("n1", null, 3000, 3000), host("n2", null, 3000, 100), host("n3", null, 3000, 3000)));
        assertThat(failed(f, "n2")).singleElement().satisfies(x -> assertThat(x.rule()).isEqualTo(NetworkGates.PEERS));
        HardwareProfile ref = HardwareProfiles.builtIn("ampere-altra-m128");
        var g = NetworkGates.judge(ref, List.of(host("n1", null, 3000, 3000)));
        assertThat(g.get("n1")).extracting(Finding::severity).containsExactly(Severity.SKIP, Severity.PASS);
    }
}
