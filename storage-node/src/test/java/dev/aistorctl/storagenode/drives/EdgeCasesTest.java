package dev.aistorctl.storagenode.drives;

import static dev.aistorctl.storagenode.drives.Captures.codes;
import static dev.aistorctl.storagenode.drives.Captures.device;
import static dev.aistorctl.storagenode.drives.Captures.discover;
import static dev.aistorctl.storagenode.drives.Captures.disk;
import static dev.aistorctl.storagenode.drives.Captures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.inventory.DriveSelector;
import org.junit.jupiter.api.Test;

/** Hand-written captures for what the lab cannot make: RAID, LVM, dm, swap, partitions, flags, unknowns. */
class EdgeCasesTest {
    private static final long GIB = 1L << 30;

    private static HostDrives judge(Captures.Hand hand) {
        return discover(hand.build(), Captures.rule(1, DriveSelector.ANY), "dc1");
    }

    @Test
    void mdRaidMembersAreHeldAndMountedThroughTheArray() {
        String md = """
                {"name": "md0", "path": "/dev/md0", "type": "raid1", "size": %d, "mountpoints": ["/data"]}""".formatted(100 * GIB);
        HostDrives h = judge(Captures.hand(disk("sda", "disk", 100 * GIB, "sata", "ST100", "S1", md) + ","
                + disk("sdb", "disk", 100 * GIB, "sata", "ST100", "S2", md)).blank("sda", "sdb"));

        for (String name : new String[] {"sda", "sdb"}) {
            assertThat(messages(device(h, name))).contains("held by md0", "mounted at /data (through /dev/md0)");
        }
    }

    @Test
    void lvmOnAPartitionMakesASystemDiskThatIsPartitionedAndHeld() {
        String lv = """
                {"name": "sdc1", "path": "/dev/sdc1", "type": "part", "size": %d, "mountpoints": [null], "children": [
                  {"name": "vg0-var", "path": "/dev/mapper/vg0-var", "type": "lvm", "size": %d, "mountpoints": ["/var"]}]}"""
                .formatted(50 * GIB, 50 * GIB);
        HostDrives h = judge(Captures.hand(disk("sdc", "disk", 50 * GIB, "sata", "ST50", "S3", lv)).blank("sdc"));

        assertThat(messages(device(h, "sdc"))).contains("system disk: holds /var (through /dev/mapper/vg0-var)",
                "mounted at /var (through /dev/mapper/vg0-var)", "has partitions: sdc1", "held by vg0-var");
    }

    @Test
    void aHolderOnlySysfsKnowsAboutIsNamed() {
        HostDrives h = judge(Captures.hand(disk("sdd", "disk", 10 * GIB, "sas", "X", "S4", null)).blank("sdd")
                .file("block-sysfs.txt", "sdd\t-\t8:48\tdm-0\t0\t0\t20971520\t/sys/devices/pci0000:00/0000:00:1f.2/host0/target0:0:0/0:0:0:0/block/sdd\n"
                        + "dm-0\t-\t253:0\t-\t0\t0\t20971520\t/sys/devices/virtual/block/dm-0\n"));

        DriveCandidate c = device(h, "sdd");
        assertThat(messages(c)).containsExactly("held by dm-0");
        assertThat(c.drive().pciAddress()).isEqualTo("0000:00:1f.2");
    }

    @Test
    void activeSwapOnAPartitionMakesASystemDisk() {
        String part = """
                {"name": "sde1", "path": "/dev/sde1", "type": "part", "size": %d, "mountpoints": [null]}""".formatted(8 * GIB);
        HostDrives h = judge(Captures.hand(disk("sde", "disk", 8 * GIB, "sata", "X", "S5", part)).blank("sde")
                .file("swaps.txt", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/sde1                               partition\t8388604\t\t0\t\t-2\n"));

        assertThat(messages(device(h, "sde"))).contains("system disk: swap is active on it", "has partitions: sde1");
    }

    @Test
    void anEfiPartitionAloneMakesASystemDisk() {
        String part = """
                {"name": "sdf1", "path": "/dev/sdf1", "type": "part", "size": %d, "mountpoints": ["/efi"]}""".formatted(GIB);
        HostDrives h = judge(Captures.hand(disk("sdf", "disk", 8 * GIB, "sata", "X", "S6", part)).blank("sdf"));

        assertThat(codes(device(h, "sdf"))).contains(DenyReason.SYSTEM_DISK);
        assertThat(messages(device(h, "sdf"))).contains("system disk: holds /efi (through /dev/sdf1)");
    }

    @Test
    void swapAloneAsLsblkShowsItMakesASystemDisk() {
        String part = """
                {"name": "sdg1", "path": "/dev/sdg1", "type": "part", "size": %d, "mountpoints": ["[SWAP]"]}""".formatted(GIB);
        HostDrives h = judge(Captures.hand(disk("sdg", "disk", 8 * GIB, "sata", "X", "S7", part)).blank("sdg"));

        assertThat(codes(device(h, "sdg"))).contains(DenyReason.SYSTEM_DISK);
        assertThat(messages(device(h, "sdg"))).contains("system disk: swap is active on it");
    }

    @Test
    void readOnlyRemovableAndUnknownFlags() {
        String ro = disk("sdf", "disk", 10 * GIB, "sata", "X", "S6", null).replace("\"ro\": false", "\"ro\": true");
        String usb = disk("sdg", "disk", 32 * GIB, "usb", "Stick", "S7", null).replace("\"rm\": false", "\"rm\": true");
        String unknown = disk("sdh", "disk", 10 * GIB, "sata", "X", "S8", null).replace("\"ro\": false", "\"ro\": null");
        HostDrives h = judge(Captures.hand(ro + "," + usb + "," + unknown).blank("sdf", "sdg", "sdh"));

        assertThat(messages(device(h, "sdf"))).containsExactly("read-only");
        assertThat(messages(device(h, "sdg"))).containsExactly("removable");
        assertThat(messages(device(h, "sdh"))).containsExactly("unknown: read-only flag not reported");
    }

    @Test
    void zramRamDisksAndSmallDisksAreNeverDataDrives() {
        HostDrives h = judge(Captures.hand(disk("zram0", "disk", 8 * GIB, null, null, null, null) + ","
                + disk("sdi", "disk", GIB / 2, "sata", "X", "S9", null)).blank("zram0", "sdi"));

        assertThat(messages(device(h, "zram0"))).contains("not a drive: zram (compressed RAM)");
        assertThat(messages(device(h, "sdi"))).containsExactly("size 512.0 MiB below the 1 GiB a data drive needs at least");
    }

    @Test
    void signaturesOnTheDiskItself() {
        String probe = """
                @device sdj 0
                {"signatures": [{"device": "sdj", "offset": "0x200", "type": "gpt", "uuid": null, "label": null, "usage": "partition table"},
                  {"device": "sdj", "offset": "0x1fe", "type": "PMBR", "uuid": null, "label": null, "usage": "partition table"}]}
                @device sdk 0
                {"signatures": [{"device": "sdk", "offset": "0x0", "type": "xfs", "uuid": "aa-bb", "label": null, "usage": "filesystem"}]}
                @device sdl 0
                {"signatures": [{"device": "sdl", "offset": "0x218", "type": "LVM2_member", "uuid": "x", "label": null, "usage": "raid"}]}
                @device sdm 1
                wipefs: error: /dev/sdm: probing initialization failed: Device or resource busy
                """;
        HostDrives h = judge(Captures.hand(disk("sdj", "disk", 10 * GIB, "sata", "X", "S10", null) + ","
                + disk("sdk", "disk", 10 * GIB, "sata", "X", "S11", null) + ","
                + disk("sdl", "disk", 10 * GIB, "sata", "X", "S12", null) + ","
                + disk("sdm", "disk", 10 * GIB, "sata", "X", "S13", null))
                .file("signatures.txt", probe)
                .file("fstab.txt", "# backups\nUUID=aa-bb /backup xfs defaults,nofail 0 0\n"));

        assertThat(messages(device(h, "sdj"))).containsExactly("has a gpt partition table", "has a PMBR partition table");
        assertThat(messages(device(h, "sdk"))).containsExactly("listed in /etc/fstab for /backup (mounted at the next boot)",
                "foreign xfs filesystem");
        assertThat(codes(device(h, "sdj"))).containsExactly(DenyReason.PARTITION_TABLE, DenyReason.PARTITION_TABLE);
        assertThat(messages(device(h, "sdl"))).containsExactly("LVM physical volume (LVM2_member label x)");
        assertThat(codes(device(h, "sdl"))).containsExactly(DenyReason.LVM_MEMBER);
        assertThat(messages(device(h, "sdm"))).containsExactly(
                "unknown: signature probe failed: wipefs: error: /dev/sdm: probing initialization failed: Device or resource busy");
    }

    @Test
    void aGptDiskNamesItsTableOnceThoughWipefsFindsBothHeaders() {
        // wipefs lists the primary GPT header, the backup header in the disk's last sector and the protective MBR
        String probe = """
                @device sdo 0
                {"signatures": [{"device": "sdo", "offset": "0x200", "type": "gpt", "uuid": null, "label": null, "usage": "partition table"},
                  {"device": "sdo", "offset": "0x27ffffe00", "type": "gpt", "uuid": null, "label": null, "usage": "partition table"},
                  {"device": "sdo", "offset": "0x1fe", "type": "PMBR", "uuid": null, "label": null, "usage": "partition table"}]}
                """;
        HostDrives h = judge(Captures.hand(disk("sdo", "disk", 10 * GIB, "sata", "X", "S15", null)).file("signatures.txt", probe));

        assertThat(messages(device(h, "sdo"))).containsExactly("has a gpt partition table", "has a PMBR partition table");
        assertThat(device(h, "sdo").describe()).isEqualTo("denied: has a gpt partition table; has a PMBR partition table");
    }

    @Test
    void rootMountedAsDevRootIsFoundByMajorMinor() {
        HostDrives h = judge(Captures.hand(disk("sdn", "disk", 100 * GIB, "sata", "X", "S14", null)).blank("sdn")
                .file("mounts.txt", "27 1 8:208 / / rw,relatime shared:1 - ext4 /dev/root rw\n")
                .file("block-sysfs.txt", "sdn\t-\t8:208\t-\t0\t0\t209715200\t/sys/devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0/block/sdn\n"));

        assertThat(messages(device(h, "sdn"))).contains("system disk: holds / (through /dev/root)");
    }

    @Test
    void aDiskWithoutSerialOrWwnCannotBeNamedInAPlan() {
        HostDrives h = judge(Captures.hand(disk("vdb", "disk", 10 * GIB, null, null, null, null)).blank("vdb"));

        assertThat(codes(device(h, "vdb"))).containsExactly(DenyReason.UNKNOWN);
        assertThat(messages(device(h, "vdb"))).containsExactly("unknown: no serial or WWN to name the drive by");
    }

    @Test
    void aCaptureWithoutLsblkIsAProblemNotAnEmptyHost() {
        HostDrives h = discover(dev.aistorctl.facts.capture.CaptureBundle.builder("node1").file("fstab.txt", "").build(),
                Captures.rule(1, DriveSelector.ANY), "dc1");

        assertThat(h.ok()).isFalse();
        assertThat(h.problem()).isEqualTo("unknown: no block device list (lsblk.json not captured)");
    }

    private static String nvme(String name, String serial, String wwn) {
        return disk(name, "disk", 100 * GIB, "nvme", "Micron_7500", serial, null).replace("\"wwn\": null", "\"wwn\": " + Captures.quote(wwn));
    }

    @Test
    void duplicateSerialsAreDeniedEvenWithoutARule() {
        HostDrives h = discover(Captures.hand(disk("sdc", "disk", 10 * GIB, "sas", "X", "DUP123", null) + ","
                + disk("sdd", "disk", 10 * GIB, "sas", "X", "DUP123", null)).blank("sdc", "sdd").build(), null, null);

        assertThat(messages(device(h, "sdc"))).contains(
                "duplicate identity: serial DUP123 is also on /dev/sdd (two paths to one disk, or devices nothing tells apart)");
        assertThat(codes(device(h, "sdd"))).contains(DenyReason.DUPLICATE_IDENTITY);
    }

    @Test
    void namespacesOfOneNvmeControllerWithTheirOwnWwnAreToldApart() {
        HostDrives h = discover(Captures.hand(nvme("nvme0n1", "S1", "eui.0001") + "," + nvme("nvme0n2", "S1", "eui.0002"))
                .blank("nvme0n1", "nvme0n2").build(), Captures.rule(2, DriveSelector.ANY), "dc1");

        assertThat(h.ok()).isTrue();
        assertThat(device(h, "nvme0n1").eligible()).isTrue();
        assertThat(device(h, "nvme0n2").eligible()).isTrue();
        assertThat(device(h, "nvme0n1").drive().fingerprint()).isNotEqualTo(device(h, "nvme0n2").drive().fingerprint());
    }

    @Test
    void nvmeDevicesWithOneSerialAreDeniedWhenNothingElseTellsThemApart() {
        // no WWN; one namespace seen through two controllers; two namespaces sharing a WWN
        for (String pair : new String[] {nvme("nvme0n1", "S1", null) + "," + nvme("nvme0n2", "S1", null),
                nvme("nvme0n1", "S1", "eui.0001") + "," + nvme("nvme1n1", "S1", "eui.0002"),
                nvme("nvme0n1", "S1", "eui.0001") + "," + nvme("nvme0n2", "S1", "eui.0001")}) {
            HostDrives h = judge(Captures.hand(pair).blank("nvme0n1", "nvme0n2", "nvme1n1"));
            assertThat(h.devices()).as(pair).allSatisfy(c -> assertThat(codes(c)).contains(DenyReason.DUPLICATE_IDENTITY));
            assertThat(h.selected()).isZero();
        }
    }
}
