package dev.aistorctl.lab;

import static dev.aistorctl.lab.LabTesting.leftovers;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Down must clean up whatever a crash left: supervisors and nspawn killed abruptly, hosts half-running. */
@Tag("lab")
class LabCrashIT {
    private static final String NAME = "itcrash";

    @Test
    void downAfterSupervisorsAndNspawnWereKilledLeavesNothing() throws Exception {
        LabTesting.requireLabMachine();
        Lab lab = Lab.standard().withPoweroffGrace(java.time.Duration.ofSeconds(5));
        Path stateDir = lab.paths().stateDir(NAME);
        lab.down(NAME, s -> { });
        try {
            LabState state = lab.up(new LabSpec(NAME, 2, 2, 1L << 30, false), s -> { });
            assertThat(state.allRunning()).isTrue();
            // A crash: the supervisor of node1 and both nspawn processes die without any cleanup.
            for (LabHost h : state.hosts()) {
                Path hostDir = HostLayout.of(stateDir, h.name()).dir();
                if (h.name().endsWith("node1")) {
                    kill(hostDir.resolve("supervisor.pid"));
                }
                Supervisor.nspawn(hostDir).ifPresent(p -> p.destroyForcibly());
            }
            Thread.sleep(500);
            // What a crash leaves is messy: containers orphaned by their nspawn keep running unsupervised.
            for (LabHost h : state.hosts()) {
                assertThat(Supervisor.nspawn(HostLayout.of(stateDir, h.name()).dir())).isEmpty();
                assertThat(Cgroups.processes(Cgroups.hostDir(NAME, h.name()))).isNotEmpty();
            }
        } finally {
            lab.down(NAME, s -> { });
        }
        assertThat(leftovers(NAME, stateDir)).isEmpty();
        // Down is idempotent: a second one finds nothing and says so without failing.
        lab.down(NAME, s -> { });
        assertThat(leftovers(NAME, stateDir)).isEmpty();
    }

    @Test
    void downOfALabThatNeverExistedTouchesNothing() throws Exception {
        LabTesting.requireLabMachine();
        List<String> before = LabTesting.losetupLines(Path.of("/"));
        Lab.standard().down("itnone", s -> { });
        assertThat(LabTesting.losetupLines(Path.of("/"))).isEqualTo(before);
        assertThat(leftovers("itnone", Lab.standard().paths().stateDir("itnone"))).isEmpty();
    }

    private static void kill(Path pidFile) throws Exception {
        long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
