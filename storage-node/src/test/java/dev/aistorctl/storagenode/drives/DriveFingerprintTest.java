package dev.aistorctl.storagenode.drives;

import static dev.aistorctl.storagenode.drives.Captures.device;
import static dev.aistorctl.storagenode.drives.Captures.discover;
import static dev.aistorctl.storagenode.drives.Captures.disk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.inventory.DriveSelector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DriveFingerprintTest {
    private static final long GIB = 1L << 30;
    private static final String PART = """
            {"name": "sda1", "path": "/dev/sda1", "type": "part", "size": 1073741824, "mountpoints": [null]}""";

    private static String fingerprint(String lsblk, UnaryOperator<Captures.Hand> more) {
        Captures.Hand hand = more.apply(Captures.hand(lsblk).blank("sda"));
        return device(discover(hand.build(), Captures.rule(1, DriveSelector.ANY), "dc1"), "sda").drive().fingerprint();
    }

    private static String base() {
        return disk("sda", "disk", 100 * GIB, "sata", "ST100", "S1", null);
    }

    @Test
    void anUnchangedDriveKeepsItsFingerprint() {
        String a = fingerprint(base(), h -> h);
        assertThat(a).matches("[0-9a-f]{16}");
        assertThat(fingerprint(base(), h -> h)).isEqualTo(a);
        // the lab's recorded captures: the same drive gives the same fingerprint in two captures of one state
        String recorded = device(discover(Captures.recorded("lab-blank"), Captures.labRule(), "x"), "loop40").drive().fingerprint();
        assertThat(device(discover(Captures.recorded("lab-blank"), Captures.labRule(), "y"), "loop40").drive().fingerprint())
                .isEqualTo(recorded);
    }

    @Test
    void anyChangeThatMattersChangesIt() {
        String a = fingerprint(base(), h -> h);
        assertThat(fingerprint(base().replace("\"S1\"", "\"S2\""), h -> h)).as("another serial: a swapped disk").isNotEqualTo(a);
        assertThat(fingerprint(base().replace("\"wwn\": null", "\"wwn\": \"0x5000\""), h -> h)).as("WWN").isNotEqualTo(a);
        assertThat(fingerprint(disk("sda", "disk", 200 * GIB, "sata", "ST100", "S1", null), h -> h)).as("size").isNotEqualTo(a);
        assertThat(fingerprint(disk("sda", "disk", 100 * GIB, "sata", "ST100", "S1", PART), h -> h)).as("partition").isNotEqualTo(a);
        assertThat(fingerprint(base().replace("\"mountpoints\": [null]", "\"mountpoints\": [\"/x\"]"), h -> h)).as("mount")
                .isNotEqualTo(a);
        assertThat(fingerprint(base(), h -> h.file("block-sysfs.txt", "sda\t-\t8:0\tmd0\t0\t0\t209715200\t-\n")))
                .as("holder").isNotEqualTo(a);
        assertThat(fingerprint(base(), h -> h.file("signatures.txt", """
                @device sda 0
                {"signatures": [{"device": "sda", "offset": "0x0", "type": "xfs", "uuid": "u", "label": null, "usage": "filesystem"}]}
                """))).as("a filesystem made since").isNotEqualTo(a);
    }

    @Test
    void theLabDrivesFingerprintChangesWhenItIsFormatted() {
        String before = device(discover(Captures.recorded("lab-blank"), Captures.labRule(), "drfix"), "loop41").drive().fingerprint();
        String after = device(discover(Captures.recorded("lab-formatted"), Captures.labRule(), "drfix"), "loop41").drive().fingerprint();
        assertThat(after).isNotEqualTo(before);
        String systemBefore = device(discover(Captures.recorded("lab-blank"), Captures.labRule(), "drfix"), "loop44").drive().fingerprint();
        String systemAfter = device(discover(Captures.recorded("lab-formatted"), Captures.labRule(), "drfix"), "loop44").drive().fingerprint();
        assertThat(systemAfter).as("the untouched system disk").isEqualTo(systemBefore);
    }

    @Test
    void anotherImageAttachedToTheSameLoopDeviceIsAnotherDrive() {
        String lsblk = disk("loop3", "loop", 2 * GIB, null, null, null, null);
        java.util.function.Function<String, String> withBacking = file -> {
            Captures.Hand hand = Captures.hand(lsblk).blank("loop3")
                    .file("block-sysfs.txt", "loop3\t-\t7:3\t-\t0\t0\t4194304\t/sys/devices/virtual/block/loop3\t" + file + "\n");
            return device(discover(hand.build(), Captures.rule(1, DriveSelector.ANY), "dc1"), "loop3").drive().fingerprint();
        };
        assertThat(withBacking.apply("/srv/a.img")).isEqualTo(withBacking.apply("/srv/a.img"));
        assertThat(withBacking.apply("/srv/b.img")).as("a swapped image: no serial tells it, the backing file does")
                .isNotEqualTo(withBacking.apply("/srv/a.img"));
    }

    @Test
    void twoDevicesWithOneSerialNeverShareAFingerprint() {
        Captures.Hand hand = Captures.hand(base() + "," + disk("sdb", "disk", 100 * GIB, "sata", "ST100", "S1", null)).blank("sda", "sdb");
        HostDrives h = discover(hand.build(), Captures.rule(1, DriveSelector.ANY), "dc1");

        assertThat(device(h, "sda").drive().fingerprint()).as("the path is part of it, serial or not")
                .isNotEqualTo(device(h, "sdb").drive().fingerprint());
    }
}
