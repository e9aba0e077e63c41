package dev.aistorctl.playbooks.drives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.storagenode.drives.DenyReason;
import dev.aistorctl.storagenode.drives.DriveCandidate;
import dev.aistorctl.storagenode.drives.DriveState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One disk seen twice (dual-path SAS without multipathd) or two devices with one serial: the lab's
 * recorded capture with loop42 and loop43 turned into SAS disks sdc and sdd, both serial DUP123.
 */
class DuplicateIdentityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code bundle} with each loop device of {@code disks} renamed and made a SAS disk with {@code serial}. */
    static CaptureBundle asDisks(CaptureBundle bundle, Map<String, String> disks, String serial, String wwn) throws Exception {
        ObjectNode lsblk = (ObjectNode) JSON.readTree(bundle.text("lsblk.json").orElseThrow());
        for (JsonNode d : lsblk.get("blockdevices")) {
            String to = disks.get(d.get("name").asText());
            if (to != null) {
                ObjectNode o = (ObjectNode) d;
                o.put("name", to).put("kname", to).put("path", "/dev/" + to).put("type", "disk").put("tran", "sas")
                        .put("model", "ST2000NM").put("serial", serial);
                if (wwn != null) {
                    o.put("wwn", wwn);
                }
            }
        }
        CaptureBundle out = LabCaptures.with(bundle, "lsblk.json", JSON.writeValueAsString(lsblk));
        for (String file : List.of("signatures.txt", "block-sysfs.txt")) {
            String text = out.text(file).orElseThrow();
            for (Map.Entry<String, String> e : disks.entrySet()) {
                text = text.replaceAll("\\b" + e.getKey() + "\\b", e.getValue());
            }
            out = LabCaptures.with(out, file, text);
        }
        return out;
    }

    private static CaptureBundle duplicated() throws Exception {
        return asDisks(LabCaptures.recorded("lab-blank"), Map.of("loop42", "sdc", "loop43", "sdd"), "DUP123", null);
    }

    private static DriveLayout layout(CaptureBundle bundle, int drives, Set<String> wipe) {
        InventoryHost h = LabCaptures.inventory(drives).hosts().get(0);
        return DriveLayout.of("node1", bundle, h.pool(), h.drives(), LabCaptures.CLUSTER, wipe);
    }

    private static DriveCandidate device(DriveLayout layout, String name) {
        return layout.drives().devices().stream().filter(c -> c.drive().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void twoDevicesWithOneSerialAreBothDeniedAndNeitherIsFormatted() throws Exception {
        DriveLayout layout = layout(duplicated(), 2, Set.of());

        for (String[] pair : new String[][] {{"sdc", "/dev/sdd"}, {"sdd", "/dev/sdc"}}) {
            DriveCandidate c = device(layout, pair[0]);
            assertThat(c.state()).isEqualTo(DriveState.DENIED);
            assertThat(c.selected()).isFalse();
            assertThat(c.denyReasons()).extracting(DenyReason::code).containsExactly(DenyReason.DUPLICATE_IDENTITY);
            assertThat(c.denyReasons().get(0).message()).isEqualTo("duplicate identity: serial DUP123 is also on " + pair[1]
                    + " (two paths to one disk, or devices nothing tells apart)");
        }
        assertThat(layout.slots()).extracting(s -> s.drive().path()).containsExactly("/dev/loop40", "/dev/loop41");
        assertThat(layout.formats()).noneMatch(s -> s.drive().path().startsWith("/dev/sd"));
        assertThat(layout.formats()).noneMatch(s -> s.action() == DriveLayout.Action.WIPE_AND_FORMAT);
        assertThat(device(layout, "sdc").drive().fingerprint()).as("the path tells the two apart")
                .isNotEqualTo(device(layout, "sdd").drive().fingerprint());
    }

    @Test
    void aHostThatNeedsTheDuplicatesIsShortOfDrivesNamingWhy() throws Exception {
        assertThatThrownBy(() -> layout(duplicated(), 4, Set.of()))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("needs 4 data drives, found 2 usable")
                .hasMessageContaining("/dev/sdc denied: duplicate identity: serial DUP123 is also on /dev/sdd");
    }

    @Test
    void wipeForeignRefusesASerialThatNamesTwoDevices() throws Exception {
        // both carry a foreign filesystem (lab-formatted: loop40 a foreign xfs, loop43 another cluster's drive)
        CaptureBundle formatted = asDisks(LabCaptures.recorded("lab-formatted"), Map.of("loop40", "sdc", "loop43", "sdd"),
                "DUP123", null);

        assertThatThrownBy(() -> layout(formatted, 1, Set.of("DUP123")))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("refused --wipe-foreign DUP123 names 2 devices: /dev/sdc, /dev/sdd")
                .hasMessageContaining("nothing is wiped");
    }

    @Test
    void aSharedWwnIsOneDiskEvenWithoutASerialMatch() throws Exception {
        CaptureBundle bundle = asDisks(LabCaptures.recorded("lab-blank"), Map.of("loop42", "sdc"), "A1", "0x5000c500a1b2c3d4");
        bundle = asDisks(bundle, Map.of("loop43", "sdd"), "B2", "0x5000c500a1b2c3d4");
        DriveLayout layout = layout(bundle, 2, Set.of());

        assertThat(device(layout, "sdd").denyReasons()).extracting(DenyReason::message)
                .containsExactly("duplicate identity: WWN 0x5000c500a1b2c3d4 is also on /dev/sdc"
                        + " (two paths to one disk, or devices nothing tells apart)");
        assertThat(layout.formats()).noneMatch(s -> s.drive().path().startsWith("/dev/sd"));
    }

    @Test
    void twoLoopDevicesOverOneImageAreOneDisk() throws Exception {
        CaptureBundle bundle = LabCaptures.recorded("lab-blank");
        String sysfs = bundle.text("block-sysfs.txt").orElseThrow()
                .replaceAll("(?m)^(loop4[23]\t.*)$", "$1\t/var/lib/lab/shared.img");
        DriveLayout layout = layout(LabCaptures.with(bundle, "block-sysfs.txt", sysfs), 2, Set.of());

        assertThat(device(layout, "loop43").denyReasons()).extracting(DenyReason::message)
                .containsExactly("duplicate identity: backing file /var/lib/lab/shared.img is also on /dev/loop42"
                        + " (two paths to one disk, or devices nothing tells apart)");
        assertThat(device(layout, "loop42").state()).isEqualTo(DriveState.DENIED);
        assertThat(layout.formats()).noneMatch(s -> s.drive().path().matches("/dev/loop4[23]"));
    }
}
