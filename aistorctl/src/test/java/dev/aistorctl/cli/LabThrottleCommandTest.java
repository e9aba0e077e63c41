package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code lab throttle}'s arguments: exactly one of {@code --bps} and {@code --off}, a size for {@code --bps}, a drive
 * number; each mistake is a usage error (exit 2) that says what to give, before any lab is looked at.
 */
class LabThrottleCommandTest {
    @Test
    void neitherALimitNorOffIsAUsageErrorNamingBoth() {
        CliRun run = CliRun.of("lab", "throttle", "--name", "nolab", "nolab-node1", "2");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("give --bps BYTES_PER_SECOND or --off (one of them)");
    }

    @Test
    void aLimitAndOffTogetherAreAUsageError() {
        CliRun run = CliRun.of("lab", "throttle", "--name", "nolab", "nolab-node1", "2", "--bps", "128KiB", "--off");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("one of them");
    }

    @Test
    void theLimitIsASizePerSecondNotAnythingElse() {
        for (String bad : new String[] {"fast", "-5", "12 parsecs"}) {
            CliRun run = CliRun.of("lab", "throttle", "--name", "nolab", "nolab-node1", "2", "--bps", bad);
            assertThat(run.exitCode()).as(bad + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(bad).contains("--bps");
        }
    }

    @Test
    void theDriveIsANumber() {
        CliRun run = CliRun.of("lab", "throttle", "--name", "nolab", "nolab-node1", "two", "--off");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("DRIVE");
    }

    @Test
    void aSizeOrOffIsTakenAndTheLabIsLookedUpThen() {
        for (String[] ok : new String[][] {{"--bps", "131072"}, {"--bps", "128KiB"}, {"--bps", "0"}, {"--off"}}) {
            List<String> args = new ArrayList<>(List.of("lab", "throttle", "--name", "nolab", "nolab-node1", "2"));
            args.addAll(List.of(ok));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            // the arguments are accepted: what fails is the lab that is not there (or, off root, the lab itself)
            assertThat(run.exitCode()).as(String.join(" ", ok) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", ok)).doesNotContain("--bps", "--off").containsAnyOf("no lab named nolab", "must run as root");
        }
    }

    @Test
    void theHelpShowsHowToThrottleAndHowToLift() {
        CliRun run = CliRun.of("lab", "throttle", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--bps=BYTES_PER_SECOND", "--off", "Examples:", "lab throttle --name vms vms-node1 3 --bps 128KiB");
    }
}
