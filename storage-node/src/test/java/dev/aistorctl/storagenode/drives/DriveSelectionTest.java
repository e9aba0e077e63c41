package dev.aistorctl.storagenode.drives;

import static dev.aistorctl.storagenode.drives.Captures.discover;
import static dev.aistorctl.storagenode.drives.Captures.disk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.inventory.DriveRule;
import dev.aistorctl.inventory.DriveSelector;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriveSelectionTest {
    private static final long GIB = 1L << 30;

    /** Four NVMe drives whose PCI order differs from their name and serial order. */
    /** Four blank NVMe drives but the last, an XFS filesystem labelled {@code label}. */
    private static Captures.Hand fourNvmeTheLastLabelled(String label) {
        return fourNvme().file("signatures.txt", """
                @device nvme0n1 0
                {"signatures": []}
                @device nvme1n1 0
                {"signatures": []}
                @device nvme2n1 0
                {"signatures": []}
                @device nvme3n1 0
                {"signatures": [{"device": "nvme3n1", "offset": "0x0", "type": "xfs", "uuid": "u", "label": "%s", "usage": "filesystem"}]}
                """.formatted(label));
    }

    private static Captures.Hand fourNvme() {
        return Captures.hand(disk("nvme0n1", "disk", 10 * GIB, "nvme", "M", "D", null) + ","
                        + disk("nvme1n1", "disk", 10 * GIB, "nvme", "M", "C", null) + ","
                        + disk("nvme2n1", "disk", 10 * GIB, "nvme", "M", "B", null) + ","
                        + disk("nvme3n1", "disk", 10 * GIB, "nvme", "M", "A", null))
                .blank("nvme0n1", "nvme1n1", "nvme2n1", "nvme3n1")
                .file("block-sysfs.txt", line("nvme0n1", "0000:41:00.0") + line("nvme1n1", "0000:01:00.0")
                        + line("nvme2n1", "0000:81:00.0") + line("nvme3n1", "0000:c1:00.0"));
    }

    private static String line(String name, String bdf) {
        return name + "\t-\t259:0\t-\t0\t0\t20971520\t/sys/devices/pci0000:00/0000:00:01.1/" + bdf + "/nvme/nvme0/" + name + "\n";
    }

    @Test
    void drivesTakeSlotsByPciAddress() {
        HostDrives h = discover(fourNvme().build(), Captures.rule(4, Captures.nvme(null)), "dc1");

        assertThat(h.selectedDrives()).extracting(c -> c.drive().name() + "=" + c.mountPoint()).containsExactly(
                "nvme1n1=/mnt/drive1", "nvme0n1=/mnt/drive2", "nvme2n1=/mnt/drive3", "nvme3n1=/mnt/drive4");
    }

    @Test
    void withoutPciAddressesSerialsDecideThenPathsWithNumbersAsNumbers() {
        HostDrives bySerial = discover(Captures.hand(disk("sdb", "disk", 10 * GIB, "sata", "M", "Z9", null) + ","
                + disk("sda", "disk", 10 * GIB, "sata", "M", "A1", null)).blank("sda", "sdb").build(),
                Captures.rule(2, DriveSelector.ANY), "dc1");
        assertThat(bySerial.selectedDrives()).extracting(c -> c.drive().name()).containsExactly("sda", "sdb");

        assertThat(DriveOrder.natural("/dev/loop9", "/dev/loop10")).isNegative();
        assertThat(DriveOrder.natural("/dev/loop10", "/dev/loop10")).isZero();
    }

    @Test
    void moreEligibleThanCountTakesTheFirstAndNamesTheRest() {
        HostDrives h = discover(fourNvme().build(), Captures.rule(3, Captures.nvme(null)), "dc1");

        assertThat(h.ok()).isTrue();
        assertThat(h.selected()).isEqualTo(3);
        assertThat(h.leftOut()).containsExactly("/dev/nvme3n1");
    }

    @Test
    void fewerThanCountNamesWhatWasFound() {
        HostDrives h = discover(fourNvme().build(), Captures.rule(5, Captures.nvme(null)), "dc1");

        assertThat(h.ok()).isFalse();
        assertThat(h.problem()).isEqualTo("needs 5 data drives, found 4 usable: /dev/nvme1n1 eligible; "
                + "/dev/nvme0n1 eligible; /dev/nvme2n1 eligible; /dev/nvme3n1 eligible");
    }

    @Test
    void preparedDrivesKeepTheirSlotAndBlanksFillTheRest() {
        String label = DriveLabel.of("dc1", 1).text();
        Captures.Hand hand = fourNvmeTheLastLabelled(label);
        HostDrives h = discover(hand.build(), Captures.rule(3, Captures.nvme(null)), "dc1");

        assertThat(h.selectedDrives()).extracting(c -> c.drive().name() + "=" + c.mountPoint() + ":" + c.state().json())
                .containsExactly("nvme3n1=/mnt/drive1:prepared", "nvme1n1=/mnt/drive2:eligible", "nvme0n1=/mnt/drive3:eligible");
        assertThat(h.leftOut()).containsExactly("/dev/nvme2n1");
    }

    @Test
    void twoDrivesWithTheSameLabelGetNeither() {
        String label = DriveLabel.of("dc1", 2).text();
        String sig = "{\"signatures\": [{\"device\": \"x\", \"offset\": \"0x0\", \"type\": \"xfs\", \"uuid\": \"u\", \"label\": \"" + label + "\"}]}";
        Captures.Hand hand = fourNvme().file("signatures.txt", "@device nvme0n1 0\n" + sig + "\n@device nvme1n1 0\n" + sig
                + "\n@device nvme2n1 0\n{\"signatures\": []}\n@device nvme3n1 0\n{\"signatures\": []}\n");
        HostDrives h = discover(hand.build(), Captures.rule(4, Captures.nvme(null)), "dc1");

        DriveCandidate a = Captures.device(h, "nvme0n1");
        assertThat(a.state()).isEqualTo(DriveState.DENIED);
        assertThat(Captures.messages(a)).contains("drive 2 label is also on /dev/nvme1n1");
        assertThat(h.problem()).startsWith("needs 4 data drives, found 2 usable");
    }

    @Test
    void aPreparedDriveMountedAtItsOwnMountPointIsStillPrepared() {
        String label = DriveLabel.of("dc1", 2).text();
        Captures.Hand hand = Captures.hand(disk("sda", "disk", 10 * GIB, "sata", "M", "A", null)
                        .replace("\"mountpoints\": [null]", "\"mountpoints\": [\"/mnt/drive2\"]"))
                .file("signatures.txt", "@device sda 0\n{\"signatures\": [{\"type\": \"xfs\", \"label\": \"" + label + "\"}]}\n")
                .file("fstab.txt", "LABEL=" + label + " /mnt/drive2 xfs defaults,nofail 0 0\n");
        HostDrives h = discover(hand.build(), Captures.rule(2, DriveSelector.ANY), "dc1");

        DriveCandidate c = Captures.device(h, "sda");
        assertThat(c.state()).isEqualTo(DriveState.PREPARED);
        assertThat(c.mountPoint()).isEqualTo("/mnt/drive2");

        HostDrives elsewhere = discover(Captures.hand(disk("sda", "disk", 10 * GIB, "sata", "M", "A", null)
                        .replace("\"mountpoints\": [null]", "\"mountpoints\": [\"/srv/other\"]"))
                .file("signatures.txt", "@device sda 0\n{\"signatures\": [{\"type\": \"xfs\", \"label\": \"" + label + "\"}]}\n")
                .build(), Captures.rule(2, DriveSelector.ANY), "dc1");
        assertThat(Captures.device(elsewhere, "sda").state()).isEqualTo(DriveState.DENIED);
        assertThat(Captures.messages(Captures.device(elsewhere, "sda"))).contains("mounted at /srv/other");
    }

    @Test
    void aRuleWithFewerMountPathsThanDrivesIsAProblemNotACrash() {
        DriveRule short2 = new DriveRule(4, Captures.nvme(null), "/mnt/drive{1...2}", List.of("/mnt/drive1", "/mnt/drive2"));
        String label = DriveLabel.of("dc1", 3).text();
        Captures.Hand hand = fourNvmeTheLastLabelled(label);

        HostDrives h = discover(hand.build(), short2, "dc1");

        assertThat(h.ok()).isFalse();
        assertThat(h.selected()).isZero();
        assertThat(h.problem()).isEqualTo("the drive rule gives 2 mount paths for 4 drives: one mount path per drive");
        assertThat(h.selectedDrives()).isEmpty();
    }
}
