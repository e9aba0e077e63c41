package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class StepPlanTest {

    @Test
    void aConvergedHostSaysWhy() {
        StepPlan plan = StepPlan.nothingToDo("sysctl", "node01", "all 20 keys already at their values");
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.destructive()).isFalse();
        assertThat(plan.nothingToDoBecause()).contains("already");
    }

    @Test
    void aPlanWithAFormatIsDestructive() {
        StepPlan plan = StepPlan.changes("drives", "node01", List.of(
                Change.of("mount /mnt/drive1", null, "LABEL=dc1-d01"),
                Change.destructive("mkfs.xfs /dev/nvme0n1 (serial S1)", "no filesystem", "xfs dc1-d01")));
        assertThat(plan.destructive()).isTrue();
        assertThat(plan.changes().get(0).before()).isEqualTo("(absent)");
    }

    @Test
    void anEmptyListOfChangesNeedsAReason() {
        assertThatThrownBy(() -> StepPlan.changes("tune", "node01", List.of()))
                .hasMessageContaining("nothingToDo");
        assertThatThrownBy(() -> new StepPlan("tune", "node01", List.of(Change.of("x", "1", "2")), "because"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
