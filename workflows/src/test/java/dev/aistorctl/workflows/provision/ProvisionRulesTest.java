package dev.aistorctl.workflows.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ProvisionRulesTest {

    @Test
    void aDryRunStopsAfterThePlanWhateverElseIsGiven() {
        assertThat(GoAhead.decide(true, true, true, 4, 10)).isEqualTo(GoAhead.DRY_RUN);
    }

    @Test
    void formatsWithoutWipeDrivesAreRefusedEvenWithYesOrOnATerminal() {
        assertThat(GoAhead.decide(false, true, false, 1, 5)).isEqualTo(GoAhead.REFUSE_FORMATS);
        assertThat(GoAhead.decide(false, false, false, 12, 20)).isEqualTo(GoAhead.REFUSE_FORMATS);
    }

    @Test
    void changesNeedYesOrTheClusterNameTyped() {
        assertThat(GoAhead.decide(false, true, true, 4, 9)).isEqualTo(GoAhead.APPLY);
        assertThat(GoAhead.decide(false, false, true, 4, 9)).isEqualTo(GoAhead.ASK);
        assertThat(GoAhead.decide(false, false, false, 0, 3)).isEqualTo(GoAhead.ASK);
    }

    @Test
    void aConvergedClusterNeedsNoConfirmation() {
        assertThat(GoAhead.decide(false, false, false, 0, 0)).isEqualTo(GoAhead.APPLY);
    }

    @Test
    void noFailingRuleNeedsNothingAccepted() {
        AcceptedFindings a = AcceptedFindings.of(Set.of(), List.of());
        assertThat(a.passes()).isTrue();
        assertThat(a.accepted()).isEmpty();
    }

    @Test
    void everyFailingRuleMustBeAccepted() {
        AcceptedFindings some = AcceptedFindings.of(Set.of("nic.speed", "memory.total"), List.of("nic.speed"));
        assertThat(some.passes()).isFalse();
        assertThat(some.unaccepted()).containsExactly("memory.total");
        assertThat(some.accepted()).containsExactly("nic.speed");

        AcceptedFindings all = AcceptedFindings.of(Set.of("nic.speed", "memory.total"), List.of("memory.total", " nic.speed "));
        assertThat(all.passes()).isTrue();
        assertThat(all.accepted()).containsExactly("memory.total", "nic.speed");
    }

    @Test
    void anAcceptedRuleThatDidNotFailIsNamedBackAndNotRecorded() {
        AcceptedFindings a = AcceptedFindings.of(Set.of("nic.speed"), List.of("nic.sped", "nic.speed"));
        assertThat(a.passes()).isTrue();
        assertThat(a.accepted()).containsExactly("nic.speed");
        assertThat(a.notFailing()).containsExactly("nic.sped");
    }
}
