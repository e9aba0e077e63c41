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
        assertThat(run.err()).contains("give one of --bps, --read-bps and/or --write-bps, or --off");
    }

    @Test
    void aLimitAndOffOrBothWaysAndOneWayTogetherAreAUsageError() {
        for (String[] both : new String[][] {{"--bps", "128KiB", "--off"}, {"--write-bps", "1", "--off"}, {"--bps", "1", "--read-bps", "1"}}) {
            List<String> args = new ArrayList<>(List.of("lab", "throttle", "--name", "nolab", "nolab-node1", "2"));
            args.addAll(List.of(both));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", both) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", both)).contains("give one of --bps, --read-bps and/or --write-bps, or --off");
        }
    }

    @Test
    void theLimitIsASizePerSecondNotAnythingElse() {
        for (String option : new String[] {"--bps", "--write-bps", "--read-bps"}) {
            for (String bad : new String[] {"fast", "-5", "12 parsecs"}) {
                CliRun run = CliRun.of("lab", "throttle", "--name", "nolab", "nolab-node1", "2", option, bad);
                assertThat(run.exitCode()).as(option + " " + bad + ": " + run.err()).isEqualTo(2);
                assertThat(run.err()).as(option + " " + bad).contains(option + ": ");
            }
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
        for (String[] ok : new String[][] {{"--bps", "131072"}, {"--bps", "128KiB"}, {"--bps", "0"}, {"--off"}, {"--write-bps", "128KiB"},
            {"--read-bps", "1MiB", "--write-bps", "128KiB"}}) {
            List<String> args = new ArrayList<>(List.of("lab", "throttle", "--name", "nolab", "nolab-node1", "2"));
            args.addAll(List.of(ok));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            // the arguments are accepted: what fails is the lab that is not there (or, off root, the lab itself)
            assertThat(run.exitCode()).as(String.join(" ", ok) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", ok)).doesNotContain("bps", "--off").containsAnyOf("no lab named nolab", "must run as root");
        }
    }

    @Test
    void theHelpShowsHowToThrottleAndHowToLift() {
        CliRun run = CliRun.of("lab", "throttle", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--bps=BYTES_PER_SECOND", "--write-bps=BYTES_PER_SECOND", "--read-bps=BYTES_PER_SECOND", "--off",
                "Examples:", "lab throttle --name vms vms-node1 3 --write-bps 128KiB", "lab throttle --name vms vms-node1 3 --off");
    }
}
