package dev.aistorctl.cli;

import static dev.aistorctl.cli.PrintedJournal.hostEnds;
import static dev.aistorctl.cli.PrintedJournal.journal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.lab.LabHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A command keeps one SSH connection per host from its plan to its apply, and the host lock lives on it. When that
 * connection drops while a person reviews the plan (a firewall ending an idle session, sshd restarted), the apply
 * logs in again, takes the lock again and plans the host again under it before it changes anything: the host is
 * prepared as reviewed, and the journal says the lock was taken again (docs/safety.md, the host lock).
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeptConnectionDroppedIT {
    @RegisterExtension
    static final LabHosts lab = LabHosts.of("kcdrop", 2, 2).withOwnHome();

    @Test
    @Order(1)
    void aConnectionDroppedAtTheGoAheadIsMadeAnewTheLockTakenAgainAndTheReviewedPlanApplied() throws Exception {
        LabHost dropped = lab.node(1);
        LabHost kept = lab.node(2);
        List<Long> sessions = new ArrayList<>();

        Prepared run = prepareDroppingAtTheGoAhead(dropped, () -> {
            String holder = lab.ssh(kept, "cat /run/aistorctl.lock.json");
            sessions.addAll(dropSessions(dropped));
            assertThat(lab.ssh(kept, "cat /run/aistorctl.lock.json")).as("the other host's lock is untouched").isEqualTo(holder);
        });

        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(sessions).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).as("killed session " + pid).isEmpty());
        List<JsonNode> apply = journal(run.printed(), lab.home());
        assertThat(lockHeld(apply, dropped.name())).as("the apply took the lock again on a new connection").isEqualTo("taken again");
        assertThat(lockHeld(apply, kept.name())).as("the other host's lock was held throughout").isEqualTo("held");
        assertThat(hostEnds(apply)).containsOnly(Map.entry(dropped.name(), "changed"), Map.entry(kept.name(), "changed"));
        assertPrepared(dropped, true);
        assertPrepared(kept, true);
        awaitNoLock(dropped);
        awaitNoLock(kept);
    }

    @Test
    @Order(2)
    void aHostTakenByAnotherRunWhileItsConnectionWasDownFailsNamingThatRunAndIsNotTouched() throws Exception {
        LabHost dropped = lab.node(1);
        LabHost kept = lab.node(2);
        for (LabHost h : List.of(dropped, kept)) {
            blank(h);
        }
        String other = "20261207T000000Z-0ther";
        String[] otherLock = new String[1];

        Prepared run = prepareDroppingAtTheGoAhead(dropped, () -> {
            dropSessions(dropped);
            // Another run takes the free lock as aistorctl's lock shell does: flock on the lock file, its holder beside it.
            otherLock[0] = lab.ssh(dropped, "setsid flock -n /run/aistorctl.lock sh -c 'printf %s \"$0\" > /run/aistorctl.lock.json;"
                    + " exec sleep 300' '{\"run_id\":\"" + other + "\",\"controller\":\"ctl2\",\"user\":\"ops\",\"pid\":7,"
                    + "\"started\":\"2026-12-07T00:00:00Z\"}' </dev/null >/dev/null 2>&1 & echo $!; sleep 0.5;"
                    + " cat /run/aistorctl.lock.json >/dev/null").strip();
        });
        try {
            assertThat(run.exit()).as(run.printed()).isEqualTo(1);
            assertThat(run.printed()).contains(dropped.name(), "the lock was lost with its connection, and another run took the host"
                    + " meanwhile; nothing more of this command runs there", "held by run " + other);
            List<JsonNode> apply = journal(run.printed(), lab.home());
            assertThat(hostEnds(apply)).containsEntry(dropped.name(), "failed").containsEntry(kept.name(), "changed");
            assertThat(apply).filteredOn(e -> List.of("command", "put").contains(e.path("event").asText())
                    && dropped.name().equals(e.path("host").asText())).as("nothing ran on the host another run holds").isEmpty();
            assertPrepared(dropped, false);
            assertPrepared(kept, true);
        } finally {
            lab.ssh(dropped, "kill -- -" + otherLock[0] + "; rm -f /run/aistorctl.lock.json");
        }
    }

    private record Prepared(int exit, String printed) {
    }

    /**
     * {@code drives prepare} on blank drives, whose format makes the go-ahead ask for the cluster's name: while it
     * waits there, {@code meanwhile} runs; then the name is typed.
     */
    private static Prepared prepareDroppingAtTheGoAhead(LabHost host, Meanwhile meanwhile) throws Exception {
        String cluster = InventoryLoader.load(lab.inventory()).cluster().name();
        CompletableFuture<String> asked = new CompletableFuture<>();
        CompletableFuture<String> typed = new CompletableFuture<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                question -> {
                    asked.complete(question);
                    return Optional.of(typed.join());
                }, "drives", "prepare", "-i", lab.inventory().toString()));
        try {
            asked.get(3, TimeUnit.MINUTES);
            meanwhile.run();
        } finally {
            typed.complete(cluster);
        }
        int exit = run.get(5, TimeUnit.MINUTES);
        return new Prepared(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    private interface Meanwhile {
        void run() throws Exception;
    }

    /**
     * Kills the host's sshd processes of logged-in sessions, the command's kept connection among them, and waits
     * until the host has let go of the lock with it (its lock shell saw the end of its input). The killed pids.
     */
    private static List<Long> dropSessions(LabHost host) throws InterruptedException {
        List<Long> sessions = sessions(host);
        assertThat(sessions).as("the command's kept connection to " + host.name()).isNotEmpty();
        LabHosts.signal("KILL", sessions);
        awaitNoLock(host);
        return sessions;
    }

    /** Each data drive k mounted as XFS at /mnt/drivek, or (not prepared) carrying no file system at all. */
    private static void assertPrepared(LabHost h, boolean prepared) {
        for (int k = 1; k <= 2; k++) {
            String dev = h.dataDrives().get(k - 1).device();
            assertThat(lab.ssh(h, "findmnt -n -o TARGET,FSTYPE --source " + dev + "; blkid -p -s TYPE -o value " + dev + "; true").strip())
                    .as(h.name() + " " + dev).isEqualTo(prepared ? "/mnt/drive" + k + " xfs\nxfs" : "");
        }
    }

    /** The host's data drives as a fresh lab has them: unmounted, out of fstab, no signature. */
    private static void blank(LabHost h) {
        StringBuilder script = new StringBuilder("set -e; sed -i '/aistorctl data drive\\|\\/mnt\\/drive[0-9]/d' /etc/fstab;");
        for (int k = 1; k <= 2; k++) {
            script.append(" umount /mnt/drive").append(k).append(" 2>/dev/null || true; wipefs -qa ").append(h.dataDrives().get(k - 1).device())
                    .append(';');
        }
        lab.ssh(h, script.toString());
        assertPrepared(h, false);
    }

    /** The host's sshd processes of logged-in sessions (not the listener): one connection's monitor and its session. */
    private static List<Long> sessions(LabHost host) {
        return lab.sshd(host.name()).stream().filter(pid -> LabHosts.commandLine(pid).contains("root")).toList();
    }

    private static void awaitNoLock(LabHost host) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String left = "";
        while (System.nanoTime() < end) {
            left = lab.ssh(host, "cat /run/aistorctl.lock.json 2>/dev/null; true").strip();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(host.name() + ": the lock is still held after 20 s: " + left);
    }

    private static String lockHeld(List<JsonNode> journal, String host) {
        return journal.stream().filter(e -> "lock".equals(e.path("event").asText()) && host.equals(e.path("host").asText()))
                .map(e -> e.path("held").asText()).findFirst().orElseThrow(() -> new AssertionError("no lock event for " + host));
    }
}
