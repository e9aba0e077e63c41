package dev.aistorctl.workflows.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.workflows.accept.AcceptResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ACCEPT cell of provision's summary: what a host's acceptance came to, and which parts failed. */
class AcceptStageTest {

    @Test
    void aHostPassesFailsWithItsFailingPartsNamedOrIsNotMeasured() {
        AcceptResult r = new AcceptResult("lab", List.of(), null, null, Map.of(
                "node1", List.of(Finding.pass("accept.drive_peers", "", "", "ok", "/mnt/drive1")),
                "node2", List.of(fail("accept.drive_spec"), fail("accept.drive_peers"), fail("accept.s3_peers"),
                        Finding.pass("accept.network_peers", "", "", "ok", "eth0")),
                "node3", List.of(fail("accept.network_peers"))),
                Map.of("node3", "s3: cannot make bucket", "node5", "drives: ssh refused"), Map.of());
        assertThat(AcceptStage.cell(r, "node5")).isEqualTo("not measured");

        assertThat(AcceptStage.cell(r, "node1")).isEqualTo("PASS");
        assertThat(AcceptStage.cell(r, "node2")).isEqualTo("FAIL drives, s3");
        assertThat(AcceptStage.cell(r, "node3")).isEqualTo("FAIL network; not measured");
    }

    private static Finding fail(String rule) {
        return new Finding(rule, Severity.FAIL, "", "", "slow", "hint", "dev");
    }
}
