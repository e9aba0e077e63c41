package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.LocalConnector;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.lock.HostLock;
import dev.aistorctl.playbooks.lock.LockHolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forced interrupt against the real lock shell on this machine: the step's process is stopped by the lock's
 * letting go, the lock is free, nothing more runs, and the run says where it was cut.
 */
class InterruptionLetsGoOfTheLockTest {
    /** A command line no other process has, to find the step's process by. */
    private static final String SLEEP = "61.25";
    /** Bounds for a loaded machine, not timing targets. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** A step "file exists" whose apply sleeps first: a long remote command for the interrupt to land in. */
    private StepRegistry registry() {
        return new StepRegistry().register("slow-file", p -> {
            p.allowOnly("path");
            String path = dir.resolve(p.string("path")).toString();
            return new Step() {
                @Override
                public String type() {
                    return "slow-file";
                }

                @Override
                public StepPlan plan(StepContext ctx) {
                    return Files.exists(Path.of(path)) ? StepPlan.nothingToDo(type(), ctx.host(), "exists")
                            : StepPlan.changes(type(), ctx.host(), List.of(Change.of(path, null, "present")));
                }

                @Override
                public void apply(StepContext ctx, StepPlan plan) {
                    ctx.runChecked(Command.of("sh", "-c", "sleep " + SLEEP + " && touch \"$1\"", "slow-file", path), "make " + path);
                }
            };
        });
    }

    @Test
    void a_second_ctrl_c_stops_the_running_command_through_the_lock_and_frees_the_lock() throws Exception {
        Playbook pb = new PlaybookLoader(registry()).parse("slow.yaml", "slow.yaml",
                "version: 1\nname: slow\nsteps:\n  - step: slow-file\n    path: a\n  - step: slow-file\n    path: b\n");
        String lockPath = dir.resolve("aistorctl.lock").toString();
        Interruption interruption = new Interruption();
        String id = RunIds.next(Instant.now());
        List<InventoryHost> hosts = List.of(new InventoryHost("node01", "node01", "pool1", null, List.of()));
        RunResult result;
        try (Journal journal = Journal.create(dir.resolve("runs"), id, new Redactor())) {
            journal.runStarted(pb, "inventory.yaml", List.of("node01"), Map.of());
            Runner runner = Runner.builder().runId(id).connect(h -> new LocalConnector(h.name())).lock(new HostLock(lockPath))
                    .journal(journal).interruption(interruption).build();
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> runner.run(pb, hosts, RunOptions.defaults(1)));
            awaitSleep(true);

            interruption.request("SIGINT");
            interruption.request("SIGINT");
            result = run.get(EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
            journal.runFinished(result);
        }

        awaitSleep(false);
        assertThat(Files.exists(dir.resolve("a"))).as("the stopped command never finished").isFalse();
        assertThat(Files.exists(dir.resolve("b"))).as("nothing started after it").isFalse();
        HostResult h = result.hosts().get(0);
        assertThat(h.steps()).extracting(StepResult::status).containsExactly(StepStatus.FAILED, StepStatus.SKIPPED);
        assertThat(h.error()).contains("stopped by a second SIGINT");
        assertThat(result.interrupted().cut()).containsExactly(new RunResult.Cut("node01", 1, "slow-file", RunResult.Cut.STOPPED));
        try (LocalConnector other = new LocalConnector("node01");
             HostLock.Held again = new HostLock(lockPath).acquire(other, new LockHolder("20261206T000000Z-ab12", "ctl", "bob", 1, Instant.now()))) {
            assertThat(again.isHeld()).as("the lock is free for the next run").isTrue();
        }
    }

    private static void awaitSleep(boolean running) throws InterruptedException {
        long end = System.nanoTime() + EVENTUALLY.toNanos();
        while (System.nanoTime() < end) {
            boolean seen = ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains("sleep " + SLEEP));
            if (seen == running) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the step's sleep " + (running ? "never started" : "still runs") + " after " + EVENTUALLY);
    }
}
