package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.UsageException;
import dev.aistorctl.playbooks.journal.PlanJson;
import dev.aistorctl.playbooks.journal.RunJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan written for review reads back as the very same plan, keys and all. */
class RunPlanJsonTest {

    private static RunPlan plan() {
        Change format = Change.destructive(ChangeKey.of("drive", "/dev/nvme1n1").with("serial", "S5GX0001")
                        .with("wwn", null).with("fingerprint", "0a1b2c3d4e5f6071"),
                "format /dev/nvme1n1 as drive 1 (/mnt/drive1)", "blank; serial S5GX0001, model Micron_7500, 14.0 TiB, "
                        + "fingerprint 0a1b2c3d4e5f6071", "XFS labelled 1a2b3c4dd01 with marker .aistorctl-drive.json");
        Change mount = Change.of(ChangeKey.of("mount", "/mnt/drive1").with("label", "1a2b3c4dd01"), "mount /mnt/drive1",
                null, "LABEL=1a2b3c4dd01 (/dev/nvme1n1)");
        Change legacy = Change.of("a change known by its text", "a", "b");
        HostPlan node1 = new HostPlan("node1", List.of(
                new PlannedStep(1, "data drives", "xfs-drives", StepStatus.CHANGED,
                        StepPlan.changes("xfs-drives", "node1", List.of(format)).withWarnings(List.of("eligible drive "
                                + "/dev/nvme2n1 (serial S5GX0002, model Micron_7500, 14.0 TiB) is beyond drives.count 1: left untouched")),
                        "dry run: would make 1 change", null),
                new PlannedStep(2, "mounts", "drive-mounts", StepStatus.CHANGED,
                        StepPlan.changes("drive-mounts", "node1", List.of(mount, legacy)), "dry run: would make 2 changes", null),
                new PlannedStep(3, "vm.swappiness", "sysctl", StepStatus.OK, null,
                        "not applicable: global sysctl inside a container", null),
                new PlannedStep(4, "retries", "xfs-error-retries", StepStatus.OK,
                        StepPlan.nothingToDo("xfs-error-retries", "node1", "already 3"), "already 3", null)), null);
        HostPlan node2 = new HostPlan("node2", List.of(
                new PlannedStep(1, "data drives", "xfs-drives", StepStatus.FAILED, null, null,
                        "node2: step 1 'data drives': cannot run: no drives rule"),
                new PlannedStep(2, "mounts", "drive-mounts", StepStatus.SKIPPED, null, "an earlier step failed", null),
                new PlannedStep(3, "vm.swappiness", "sysctl", StepStatus.SKIPPED, null, "an earlier step failed", null),
                new PlannedStep(4, "retries", "xfs-error-retries", StepStatus.SKIPPED, null, "an earlier step failed", null)),
                "node2: step 1 'data drives': cannot run: no drives rule");
        return new RunPlan("20261125T151900Z-ab12", "drives", List.of(node1, node2));
    }

    @Test
    void aPlanSurvivesItsJsonExactly() throws Exception {
        RunPlan plan = plan();

        String json = RunJson.MAPPER.writeValueAsString(PlanJson.write(plan));
        RunPlan back = PlanJson.read(RunJson.MAPPER.readTree(json));

        assertThat(back).isEqualTo(plan);
        assertThat(back.hosts().get(0).steps().get(0).plan().changes().get(0).key().attributes())
                .containsExactly(java.util.Map.entry("serial", "S5GX0001"), java.util.Map.entry("wwn", "-"),
                        java.util.Map.entry("fingerprint", "0a1b2c3d4e5f6071"));
        assertThat(back.destructiveChanges()).hasSize(1);
        assertThat(back.hosts().get(0).steps().get(0).plan().warnings()).singleElement().asString().contains("/dev/nvme2n1");
        assertThat(back.failedHosts()).containsExactly("node2");
        assertThat(json).contains("\"key\":{\"kind\":\"drive\",\"subject\":\"/dev/nvme1n1\",\"attributes\":{\"serial\":\"S5GX0001\"");
    }

    @Test
    void aPlanIsTheProductOfAPlanStageOnly() {
        RunResult applied = new RunResult("20261125T151900Z-ab12", "drives", false, java.time.Instant.EPOCH,
                java.time.Duration.ZERO, List.of(), null);
        assertThatThrownBy(applied::plan).hasMessageContaining("only a plan stage gives a plan");
    }

    @Test
    void aFileThatIsNotAPlanIsAUsageError() throws Exception {
        assertThatThrownBy(() -> PlanJson.read(RunJson.MAPPER.readTree("{\"dry_run\": true, \"hosts\": []}")))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("not a plan");
    }
}
