package dev.aistorctl.playbooks.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.RemoteException;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.StepCheck;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.storagenode.drives.DriveLabel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wipe of an earlier deployment's data, as a destructive step: its plan, apply and refusals. */
class EmptyDataDirectoriesTest {
    private static final String DRIVE2 = DriveLabel.of("unit", 2).text();

    @TempDir
    Path dir;

    private static String probe(String mount, String fstype, String label, String systemState, String dataState) {
        return "@dir " + mount + "/.minio.sys\nfstype " + fstype + "\nlabel " + label + "\nstate " + systemState + "\n"
                + "@dir " + mount + "/minio\nfstype " + fstype + "\nlabel " + label + "\nstate " + dataState + "\n";
    }

    private ScriptedHost host(String probeOutput) throws Exception {
        return new ScriptedHost(NodeInventories.s3proxy(dir))
                .answer("data-dir-probe", 0, probeOutput)
                .answer("data-dir-empty", 0, "");
    }

    private static final EmptyDataDirectories WIPE_DRIVE2 = EmptyDataDirectories.of(List.of("unit-node1:/mnt/drive2"));

    @Test
    void everyNonEmptyDataDirectoryIsOneDestructiveChangeSayingWhatItHolds() throws Exception {
        ScriptedHost host = host(probe("/mnt/drive2", "xfs", DRIVE2, "3 1536", "120 73400320"));

        StepPlan plan = WIPE_DRIVE2.plan(host);

        assertThat(plan.changes()).containsExactly(
                Change.destructive(ChangeKey.of("data directory", "/mnt/drive2/.minio.sys").with("files", "3").with("bytes", "1536"),
                        "empty /mnt/drive2/.minio.sys", "3 files and directories, 1.5 KiB", "empty"),
                Change.destructive(ChangeKey.of("data directory", "/mnt/drive2/minio").with("files", "120").with("bytes", "73400320"),
                        "empty /mnt/drive2/minio", "120 files and directories, 70.0 MiB", "empty"));
        assertThat(host.commands()).singleElement().satisfies(c -> assertThat(c)
                .contains("data-dir-probe /mnt/drive2 /mnt/drive2/.minio.sys /mnt/drive2 /mnt/drive2/minio"));
    }

    @Test
    void emptyOrAbsentDirectoriesPlanNothingAndHostsNotNamedAreNotApplicable() throws Exception {
        ScriptedHost host = host(probe("/mnt/drive2", "xfs", DRIVE2, "absent", "0 0"));

        StepPlan plan = WIPE_DRIVE2.plan(host);

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.nothingToDoBecause()).isEqualTo("empty: /mnt/drive2/.minio.sys absent, /mnt/drive2/minio empty");
        assertThat(EmptyDataDirectories.of(List.of("unit-node2:/mnt/drive1")).check(host))
                .isEqualTo(StepCheck.notApplicable("no data drive of unit-node1 is named for wiping"));
        assertThat(WIPE_DRIVE2.check(host).isReady()).isTrue();
    }

    @Test
    void applyEmptiesOnlyWhatWasPlannedCheckingMountAndLabelAgainInTheSameCommand() throws Exception {
        ScriptedHost host = host(probe("/mnt/drive2", "xfs", DRIVE2, "absent", "120 73400320"));
        StepPlan plan = WIPE_DRIVE2.plan(host);

        WIPE_DRIVE2.apply(host, plan);

        assertThat(host.commands()).hasSize(3);
        assertThat(host.commands().get(2)).contains("find \"$d\" -xdev -mindepth 1 -delete")
                .endsWith("data-dir-empty /mnt/drive2 /mnt/drive2/minio " + DRIVE2);
        assertThat(host.notes()).containsExactly("emptied /mnt/drive2/minio");
    }

    @Test
    void applyEmptiesNothingWhenTheDirectoriesChangedSinceThePlan() throws Exception {
        ScriptedHost host = host(probe("/mnt/drive2", "xfs", DRIVE2, "absent", "120 73400320"));
        StepPlan plan = WIPE_DRIVE2.plan(host);
        host.answer("data-dir-probe", 0, probe("/mnt/drive2", "xfs", DRIVE2, "absent", "124 73416704"));

        assertThatThrownBy(() -> WIPE_DRIVE2.apply(host, plan))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("data directory state changed: /mnt/drive2/minio: planned files 120, bytes 73400320, "
                        + "now files 124, bytes 73416704")
                .hasMessageContaining("nothing was emptied on this host");
        assertThat(host.ran("data-dir-empty")).isFalse();
    }

    @Test
    void nothingOutsideThisClustersMountedXfsDrivesIsEverWiped() throws Exception {
        assertThatThrownBy(() -> WIPE_DRIVE2.plan(host(probe("/mnt/drive2", "", "", "5 10", "5 10"))))
                .hasMessageContaining("/mnt/drive2 is not mounted: refusing to wipe beneath it");
        assertThatThrownBy(() -> WIPE_DRIVE2.plan(host(probe("/mnt/drive2", "ext4", "old", "5 10", "5 10"))))
                .hasMessageContaining("/mnt/drive2 is ext4, not this cluster's XFS drive");
        assertThatThrownBy(() -> WIPE_DRIVE2.plan(host(probe("/mnt/drive2", "xfs", DriveLabel.of("other", 2).text(), "5 10", "5 10"))))
                .hasMessageContaining("not " + DRIVE2 + " (this cluster's drive there)");
        assertThatThrownBy(() -> WIPE_DRIVE2.plan(host(probe("/mnt/drive2", "xfs", DriveLabel.of("unit", 1).text(), "5 10", "5 10"))))
                .as("this cluster's drive 1 mounted where drive 2 belongs").hasMessageContaining("refusing to wipe beneath it");
        assertThatThrownBy(() -> WIPE_DRIVE2.plan(host(probe("/mnt/drive2", "xfs", DRIVE2, "absent", "symlink"))))
                .hasMessageContaining("/mnt/drive2/minio is a symlink: refusing to wipe it");
        ScriptedHost host = host("");
        assertThat(EmptyDataDirectories.of(List.of("unit-node1:/", "unit-node1:/mnt/drive1")).check(host))
                .isEqualTo(StepCheck.blocked("/ is not a data mount of unit-node1 in the inventory (/mnt/drive1, /mnt/drive2); "
                        + "nothing else is ever wiped"));
        assertThat(host.commands()).isEmpty();
    }

    @Test
    void onTheEngineTheWipeIsPlannedJournaledAndNeedsTheDestructiveGoAhead(@TempDir Path runs) throws Exception {
        ScriptedHost node1 = host(probe("/mnt/drive2", "xfs", DRIVE2, "absent", "120 73400320"));
        var inventory = node1.inventory();
        String id = dev.aistorctl.playbooks.RunIds.next(java.time.Instant.now());
        dev.aistorctl.playbooks.Playbook book = EmptyDataDirectories.playbook(List.of("unit-node1:/mnt/drive2"));
        dev.aistorctl.playbooks.RunResult result;
        try (var journal = dev.aistorctl.playbooks.journal.Journal.create(runs, id, new dev.aistorctl.playbooks.Redactor())) {
            journal.runStarted(book, "inventory.yaml", List.of("unit-node1"), java.util.Map.of());
            result = dev.aistorctl.playbooks.Runner.builder().runId(id).inventory(inventory).lock(null).journal(journal)
                    .connect(h -> node1.connector()).build()
                    .run(book, inventory.hosts().subList(0, 1), dev.aistorctl.playbooks.RunOptions.defaults(1));
        }

        assertThat(result.hosts().get(0).error()).isEqualTo("unit-node1: step 1 'the node's data directories are empty' "
                + "(empty-data-directories): plans destructive changes (empty /mnt/drive2/minio); review them with "
                + "--dry-run, then run again with --allow-destructive");
        assertThat(node1.ran("data-dir-empty")).isFalse();
        node1.connector().assertEveryCommandScripted();
        String journal = java.nio.file.Files.readString(runs.resolve(id).resolve("journal.jsonl"));
        assertThat(journal).contains("\"event\":\"plan\"", "\"what\":\"empty /mnt/drive2/minio\"", "\"destructive\":true");
    }
}
