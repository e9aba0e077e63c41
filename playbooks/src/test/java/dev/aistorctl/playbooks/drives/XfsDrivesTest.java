package dev.aistorctl.playbooks.drives;

import static dev.aistorctl.playbooks.drives.LabCaptures.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ScriptedConnector;
import dev.aistorctl.playbooks.ScriptedContext;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.storagenode.drives.DriveLabel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The format step's plans and guards, over the lab's recorded captures. */
class XfsDrivesTest {
    private static final XfsDrives STEP = new XfsDrives(Set.of());

    private static StepPlan plan(dev.aistorctl.playbooks.Step step, Inventory inventory, CaptureBundle capture) {
        return step.plan(new ScriptedContext(inventory, LabCaptures.host(capture)));
    }

    @Test
    void blankDrivesAreFormattedInDeviceOrderAndTheSystemDiskNever() {
        StepPlan plan = plan(STEP, LabCaptures.inventory(4), LabCaptures.recorded("lab-blank"));

        assertThat(plan.changes()).allMatch(Change::destructive);
        assertThat(plan.changes()).extracting(Change::what).containsExactly(
                "format /dev/loop40 as drive 1 (/mnt/drive1)", "format /dev/loop41 as drive 2 (/mnt/drive2)",
                "format /dev/loop42 as drive 3 (/mnt/drive3)", "format /dev/loop43 as drive 4 (/mnt/drive4)");
        assertThat(plan.changes().get(0).before()).startsWith("blank; no serial, model -, 2.0 GiB, fingerprint ");
        assertThat(plan.changes().get(0).after()).isEqualTo("XFS labelled " + DriveLabel.of(CLUSTER, 1) + " with marker .aistorctl-drive.json");
        assertThat(plan.changes()).noneMatch(c -> c.what().contains("loop44"));
    }

    @Test
    void eligibleDrivesBeyondTheCountAreNamedAsLeftUntouched() {
        StepPlan plan = plan(STEP, LabCaptures.inventory(2), LabCaptures.recorded("lab-blank"));

        assertThat(plan.changes()).extracting(Change::what).containsExactly(
                "format /dev/loop40 as drive 1 (/mnt/drive1)", "format /dev/loop41 as drive 2 (/mnt/drive2)");
        assertThat(plan.warnings()).hasSize(2);
        assertThat(plan.warnings().get(0)).isEqualTo("eligible drive /dev/loop42 (no serial, model -, 2.0 GiB) is beyond drives.count 2:"
                + " left untouched");
        assertThat(plan.warnings().get(1)).startsWith("eligible drive /dev/loop43 (");
        assertThat(plan(STEP, LabCaptures.inventory(4), LabCaptures.recorded("lab-blank")).warnings())
                .as("every eligible drive taken: nothing to warn of").isEmpty();
    }

    @Test
    void thisClustersDriveIsKeptAndAForeignOneIsRefusedUnlessNamed() {
        CaptureBundle formatted = LabCaptures.recorded("lab-formatted");
        // loop40 carries a foreign xfs "scratch", loop41 an ext4 mounted at /mnt/old, loop42 is drfix's drive 2,
        // loop43 another cluster's drive
        assertThatThrownBy(() -> plan(STEP, LabCaptures.inventory(2), formatted))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("needs 2 data drives, found 1 usable")
                .hasMessageContaining("/dev/loop40 denied: foreign xfs filesystem labelled scratch");

        StepPlan plan = plan(STEP.withWipeForeign(Set.of("/dev/loop40")), LabCaptures.inventory(2), formatted);
        assertThat(plan.changes()).hasSize(1);
        Change wipe = plan.changes().get(0);
        assertThat(wipe.destructive()).isTrue();
        assertThat(wipe.what()).isEqualTo("wipe and format /dev/loop40 as drive 1 (/mnt/drive1)");
        assertThat(wipe.before()).startsWith("foreign xfs filesystem labelled scratch; no serial");
        assertThat(plan.changes()).noneMatch(c -> c.what().contains("loop42")).as("drive 2 kept as it is");
    }

    @Test
    void mountedAndSystemDisksAreRefusedWhateverIsNamed() {
        CaptureBundle formatted = LabCaptures.recorded("lab-formatted");
        assertThatThrownBy(() -> plan(STEP.withWipeForeign(Set.of("/dev/loop41")), LabCaptures.inventory(2), formatted))
                .hasMessageContaining("refused to wipe /dev/loop41")
                .hasMessageContaining("mounted at /mnt/old");
        assertThatThrownBy(() -> plan(STEP.withWipeForeign(Set.of("/dev/loop44")), LabCaptures.inventory(2), formatted))
                .hasMessageContaining("refused to wipe /dev/loop44")
                .hasMessageContaining("mounted at /srv/system");
    }

    @Test
    void aConvergedHostPlansNothing() {
        // every data drive of the blank capture relabelled as this cluster's drive N
        CaptureBundle blank = LabCaptures.recorded("lab-blank");
        StringBuilder sig = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            sig.append("@device loop4").append(i).append(" 0\n{\"signatures\": [{\"device\": \"loop4").append(i)
                    .append("\", \"offset\": \"0x0\", \"type\": \"xfs\", \"uuid\": \"u").append(i).append("\", \"label\": \"")
                    .append(DriveLabel.of(CLUSTER, i + 1)).append("\", \"usage\": \"filesystem\"}]}\n");
        }
        String system = blank.text("signatures.txt").orElseThrow();
        sig.append(system.substring(system.indexOf("@device loop44")));
        StepPlan plan = plan(STEP, LabCaptures.inventory(4), LabCaptures.with(blank, "signatures.txt", sig.toString()));
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.nothingToDoBecause()).startsWith("all 4 data drives are this cluster's XFS drives already");
    }

    @Test
    void applyProbesAgainAndFormatsNothingWhenADriveChanged() {
        CaptureBundle blank = LabCaptures.recorded("lab-blank");
        CaptureBundle swapped = LabCaptures.with(blank, "block-sysfs.txt", LabCaptures.swapBackingFile("loop42", "/srv/other.img")
                .apply(blank.text("block-sysfs.txt").orElseThrow()));
        Inventory inventory = LabCaptures.inventory(4);
        ScriptedConnector host = LabCaptures.host(blank, swapped);
        StepPlan plan = STEP.plan(new ScriptedContext(inventory, host));

        assertThatThrownBy(() -> STEP.apply(new ScriptedContext(inventory, host), plan))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("device state changed: /dev/loop42: planned fingerprint ")
                .hasMessageContaining("image /srv/other.img")
                .hasMessageContaining("nothing was formatted on this host");
        assertThat(host.programs()).containsExactly("aistorctl-drive-probe", "aistorctl-drive-probe")
                .as("no format script ran");
    }

    @Test
    void applyFormatsWhenNothingChangedInOneCommand() {
        CaptureBundle blank = LabCaptures.recorded("lab-blank");
        Inventory inventory = LabCaptures.inventory(4);
        ScriptedConnector host = LabCaptures.host(blank);
        // mkfs.xfs -q prints nothing on success: the format script reports each drive's exit code only
        host.answerProgram("aistorctl-format", format -> ScriptedConnector.result(0, "@drive 1 0\n@drive 2 0\n@drive 3 0\n@drive 4 0\n"));
        StepPlan plan = STEP.plan(new ScriptedContext(inventory, host));
        STEP.apply(new ScriptedContext(inventory, host), plan);

        assertThat(host.programs()).containsExactly("aistorctl-drive-probe", "aistorctl-drive-probe", "aistorctl-format");
        List<String> argv = host.commands().get(2).argv();
        assertThat(argv.subList(4, argv.size())).hasSize(32);
        assertThat(argv.get(4)).isEqualTo("/dev/loop40");
        assertThat(argv.get(5)).isEqualTo(DriveLabel.of(CLUSTER, 1).text());
        assertThat(argv.get(7)).as("no wipe for a blank drive").isEqualTo("0");
        assertThat(argv.subList(9, 12)).as("the identity checked right before the format: size, serial, backing file")
                .containsExactly("2147483648", "-", "-");
    }
}
