package dev.aistorctl.playbooks.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.playbooks.PlaybookLoader;
import dev.aistorctl.playbooks.PlaybookStep;
import dev.aistorctl.playbooks.Step;
import org.junit.jupiter.api.Test;

/**
 * Every step of the built-in tune playbook declares exactly the read its check and plan run, so the runner can
 * answer the whole plan of a host from one batch of reads: a converged host costs one remote command.
 */
class TuneReadsTest {

    private static void everyStepDeclaresTheReadsItsPlanRuns(TuneDefaults defaults) {
        for (PlaybookStep s : new PlaybookLoader(TuneSteps.registry(defaults)).builtIn("tune").steps()) {
            Step step = s.step();
            ReplayContext host = new ReplayContext(new Captured().file(OriginalValues.PATH, null).text());

            var declared = step.reads(host);
            step.check(host);
            step.plan(host);

            assertThat(declared).as("%s declares a read", s.name()).isNotEmpty();
            assertThat(host.commands()).as("what %s's check and plan ran", s.name()).containsExactlyElementsOf(declared);
            assertThat(declared).allSatisfy(c -> assertThat(c.privileged()).as("%s reads as root", s.name()).isTrue());
        }
    }

    @Test
    void tuneDeclaresTheReadsItsPlanRuns() {
        everyStepDeclaresTheReadsItsPlanRuns(TuneDefaults.STANDARD);
    }

    @Test
    void revertDeclaresTheReadsItsPlanRuns() {
        everyStepDeclaresTheReadsItsPlanRuns(new TuneDefaults(TuningProfiles.DEFAULT, true, false));
    }

    @Test
    void applyMtuDeclaresTheReadsItsPlanRuns() {
        everyStepDeclaresTheReadsItsPlanRuns(new TuneDefaults(TuningProfiles.DEFAULT, false, true));
    }
}
