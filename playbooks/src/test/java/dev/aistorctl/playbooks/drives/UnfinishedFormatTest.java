package dev.aistorctl.playbooks.drives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.storagenode.drives.DenyReason;
import dev.aistorctl.storagenode.drives.DriveCandidate;
import dev.aistorctl.storagenode.drives.DriveState;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A format cut short (a power cut or a killed mkfs.xfs) leaves an XFS superblock with this cluster's label still
 * marked "in progress": the drive is this cluster's and unfinished, never foreign and never kept as done. The lab's
 * blank capture with loop42 carrying drfix's drive 2 label, the superblock's flag as the probe reads it.
 */
class UnfinishedFormatTest {
    private static final String OURS_D02 = """
            @device loop42 0
            {
               "signatures": [
                  {
                     "device": "loop42",
                     "offset": "0x0",
                     "type": "xfs",
                     "uuid": "01484d74-cee1-4603-a749-0f8a40aa4c03",
                     "label": "3c9ad769d02",
                     "usage": "filesystem"
                  }
               ]
            }
            """;
    private static final String OTHER_CLUSTERS = OURS_D02.replace("3c9ad769d02", "0badc0ded02");

    /** The blank lab capture with loop42's probe replaced by {@code probe}. */
    private static CaptureBundle withLoop42(String probe) throws Exception {
        CaptureBundle blank = LabCaptures.recorded("lab-blank");
        String text = blank.text("signatures.txt").orElseThrow();
        int from = text.indexOf("@device loop42 ");
        int to = text.indexOf("@device loop43 ");
        return LabCaptures.with(blank, "signatures.txt", text.substring(0, from) + probe + text.substring(to));
    }

    private static DriveLayout layout(CaptureBundle bundle, int drives) {
        InventoryHost h = LabCaptures.inventory(drives).hosts().get(0);
        return DriveLayout.of("node1", bundle, h.pool(), h.drives(), LabCaptures.CLUSTER, Set.of());
    }

    private static DriveLayout.Slot slot(DriveLayout layout, String device) {
        return layout.slots().stream().filter(s -> s.drive().path().equals(device)).findFirst().orElseThrow();
    }

    @Test
    void ourDriveWhoseFormatWasCutIsWipedAndFormattedAgainInTheSlotItsLabelNames() throws Exception {
        DriveLayout layout = layout(withLoop42(OURS_D02 + "@xfs-in-progress 1\n"), 4);

        DriveLayout.Slot cut = slot(layout, "/dev/loop42");
        assertThat(cut.action()).isEqualTo(DriveLayout.Action.WIPE_AND_FORMAT);
        assertThat(cut.index()).isEqualTo(2);
        assertThat(cut.before()).isEqualTo("this cluster's drive 2, unfinished: its format was cut short"
                + " (the XFS superblock still says mkfs.xfs is making it)");
        assertThat(layout.slots()).extracting(s -> s.drive().path() + " " + s.index() + " " + s.action())
                .containsExactly("/dev/loop40 1 FORMAT", "/dev/loop42 2 WIPE_AND_FORMAT", "/dev/loop41 3 FORMAT",
                        "/dev/loop43 4 FORMAT");
    }

    @Test
    void ourDriveWhoseFormatFinishedIsKept() throws Exception {
        DriveLayout layout = layout(withLoop42(OURS_D02 + "@xfs-in-progress 0\n"), 4);

        assertThat(slot(layout, "/dev/loop42").action()).isEqualTo(DriveLayout.Action.KEEP);
        assertThat(slot(layout, "/dev/loop42").index()).isEqualTo(2);
    }

    @Test
    void anUnfinishedXfsOfAnotherClusterIsForeign() throws Exception {
        DriveLayout layout = layout(withLoop42(OTHER_CLUSTERS + "@xfs-in-progress 1\n"), 3);

        DriveCandidate c = layout.drives().devices().stream().filter(d -> d.drive().name().equals("loop42")).findFirst().orElseThrow();
        assertThat(c.state()).isEqualTo(DriveState.DENIED);
        assertThat(c.denyReasons()).extracting(DenyReason::code).containsExactly(DenyReason.FOREIGN_FILESYSTEM);
        assertThat(layout.formats()).noneMatch(s -> s.drive().path().equals("/dev/loop42"));
    }
}
