package dev.aistorctl.workflows.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which failing hardware rules a provision goes on with; the go-ahead itself is the engine's (GoAheadTest). */
class AcceptedFindingsTest {

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
