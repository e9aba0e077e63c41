package dev.aistorctl.storagenode.drives;

import static dev.aistorctl.storagenode.drives.Captures.codes;
import static dev.aistorctl.storagenode.drives.Captures.device;
import static dev.aistorctl.storagenode.drives.Captures.discover;
import static dev.aistorctl.storagenode.drives.Captures.labRule;
import static dev.aistorctl.storagenode.drives.Captures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.capture.CaptureBundle;
import org.junit.jupiter.api.Test;

/**
 * Captures recorded on a lab host (4 loop data drives of 2 GiB, a 1 GiB ext4 system disk mounted at
 * /srv/system): blank, then with loop40 xfs "scratch", loop41 ext4 "old" mounted at /mnt/old, loop42
 * xfs with this cluster's drive 2 label and loop43 xfs with another cluster's drive 3 label.
 */
class LabCapturesTest {
    static final String CLUSTER = "drfix";

    @Test
    void aBlankLabHostHasFourEligibleDrivesSelectedInOrderAndTheSystemDiskDenied() {
        HostDrives host = discover(Captures.recorded("lab-blank"), labRule(), CLUSTER);

        assertThat(host.problem()).isNull();
        assertThat(host.selected()).isEqualTo(4);
        assertThat(host.selectedDrives()).extracting(c -> c.drive().path() + " -> " + c.mountPoint())
                .containsExactly("/dev/loop40 -> /mnt/drive1", "/dev/loop41 -> /mnt/drive2",
                        "/dev/loop42 -> /mnt/drive3", "/dev/loop43 -> /mnt/drive4");
        for (String name : new String[] {"loop40", "loop41", "loop42", "loop43"}) {
            DriveCandidate c = device(host, name);
            assertThat(c.state()).isEqualTo(DriveState.ELIGIBLE);
            assertThat(c.denyReasons()).isEmpty();
            assertThat(c.drive().sizeBytes()).isEqualTo(2L << 30);
            assertThat(c.drive().kind()).isEqualTo(DriveKind.LOOP);
        }
        DriveCandidate system = device(host, "loop44");
        assertThat(system.state()).isEqualTo(DriveState.DENIED);
        assertThat(system.selected()).isFalse();
        assertThat(messages(system)).contains("mounted at /srv/system", "foreign ext4 filesystem labelled system",
                "size 1.0 GiB below min_size 1984 MiB");
    }

    @Test
    void theLabsLsblkShowsNoFilesystemsSoTheProbeIsWhatTellsThem() {
        CaptureBundle b = Captures.recorded("lab-formatted");
        assertThat(dev.aistorctl.facts.parse.LsblkParser.parse(b.text("lsblk.json").orElseThrow()))
                .as("no udev in a container: lsblk cannot name the filesystems")
                .allSatisfy(d -> assertThat(d.fstype()).isNull());

        HostDrives host = discover(b, labRule(), CLUSTER);

        assertThat(messages(device(host, "loop40"))).containsExactly("foreign xfs filesystem labelled scratch");
        assertThat(messages(device(host, "loop41"))).containsExactly("mounted at /mnt/old", "foreign ext4 filesystem labelled old");
        assertThat(messages(device(host, "loop43")))
                .containsExactly("foreign xfs filesystem labelled 0badc0ded03 (another aistorctl cluster's drive 3)");
    }

    @Test
    void thisClustersDriveIsPreparedAndKeepsItsSlot() {
        HostDrives host = discover(Captures.recorded("lab-formatted"), labRule(), CLUSTER);

        DriveCandidate ours = device(host, "loop42");
        assertThat(ours.state()).isEqualTo(DriveState.PREPARED);
        assertThat(codes(ours)).containsExactly(DenyReason.PREPARED);
        assertThat(ours.preparedIndex()).isEqualTo(2);
        assertThat(ours.selected()).isTrue();
        assertThat(ours.mountPoint()).isEqualTo("/mnt/drive2");
    }

    @Test
    void anotherClusterSeesTheSameDriveAsForeign() {
        HostDrives host = discover(Captures.recorded("lab-formatted"), labRule(), "another-cluster");

        DriveCandidate c = device(host, "loop42");
        assertThat(c.state()).isEqualTo(DriveState.DENIED);
        assertThat(messages(c)).containsExactly("foreign xfs filesystem labelled 3c9ad769d02 (another aistorctl cluster's drive 2)");
    }

    @Test
    void fewerUsableDrivesThanTheCountIsAProblemNamingEachCandidate() {
        HostDrives host = discover(Captures.recorded("lab-formatted"), labRule(), CLUSTER);

        assertThat(host.ok()).isFalse();
        assertThat(host.selected()).isEqualTo(1);
        assertThat(host.problem()).startsWith("needs 4 data drives, found 1 usable: ")
                .contains("/dev/loop40 denied: foreign xfs filesystem labelled scratch")
                .contains("/dev/loop41 denied: mounted at /mnt/old; foreign ext4 filesystem labelled old")
                .contains("/dev/loop42 prepared (drive 2)")
                .contains("/dev/loop44 denied: mounted at /srv/system");
    }

    @Test
    void withoutARuleNothingIsSelectedAndLoopDevicesAreNotDrives() {
        HostDrives host = discover(Captures.recorded("lab-blank"), null, null);

        assertThat(host.problem()).isNull();
        assertThat(host.required()).isNull();
        assertThat(host.devices()).allSatisfy(c -> {
            assertThat(c.selected()).isFalse();
            assertThat(codes(c)).contains(DenyReason.NOT_A_DRIVE);
        });
    }

    @Test
    void aCaptureWithoutTheSignatureProbeDeniesAsUnknown() {
        CaptureBundle b = Captures.recorded("lab-blank");
        CaptureBundle.Builder without = CaptureBundle.builder("node1");
        b.fileNames().stream().filter(f -> !f.equals("signatures.txt")).forEach(f -> without.file(f, b.bytes(f).orElseThrow()));

        HostDrives host = discover(without.build(), labRule(), CLUSTER);

        assertThat(host.selected()).isZero();
        assertThat(messages(device(host, "loop40")))
                .containsExactly("unknown: on-disk signatures were not probed (the capture has no wipefs result for it)");
        assertThat(host.notes()).contains("signatures.txt not captured");
    }
}
