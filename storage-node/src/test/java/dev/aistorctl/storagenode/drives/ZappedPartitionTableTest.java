package dev.aistorctl.storagenode.drives;

import static dev.aistorctl.storagenode.drives.Captures.codes;
import static dev.aistorctl.storagenode.drives.Captures.device;
import static dev.aistorctl.storagenode.drives.Captures.discover;
import static dev.aistorctl.storagenode.drives.Captures.labRule;
import static dev.aistorctl.storagenode.drives.Captures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.parse.PartitionSignaturesParser;
import java.nio.charset.StandardCharsets;
import dev.aistorctl.core.Json;
import org.junit.jupiter.api.Test;

/**
 * A drive whose partition table was wiped but whose partitions' filesystems remain looks blank to the whole-device
 * probe; the probe at partition offsets finds them. Recorded from loop devices: {@code lsblk/zapped-partition-table}.
 */
class ZappedPartitionTableTest {
    private static final String CLUSTER = "drfix";

    private static HostDrives host() {
        return discover(Captures.recorded("zapped-partition-table"), labRule(), CLUSTER);
    }

    @Test
    void a_filesystem_left_at_1_MiB_after_the_partition_table_was_wiped_is_refused() {
        DriveCandidate zapped = device(host(), "loop4");

        assertThat(zapped.drive().signatures()).as("found at 1 MiB, not by the whole-device probe")
                .extracting(s -> s.partitionStart()).containsExactly(1048576L);
        assertThat(zapped.state()).isEqualTo(DriveState.DENIED);
        assertThat(codes(zapped)).containsExactly(DenyReason.FOREIGN_FILESYSTEM);
        assertThat(messages(zapped)).containsExactly("foreign ext4 filesystem labelled olddata at 1 MiB, where a partition"
                + " started (the partition table is gone, the filesystem is not)");
        assertThat(zapped.selected()).isFalse();
    }

    @Test
    void the_old_dos_alignment_at_sector_63_is_probed_too() {
        assertThat(messages(device(host(), "loop6"))).containsExactly("foreign ext4 filesystem at 32256 bytes, where a"
                + " partition started (the partition table is gone, the filesystem is not)");
    }

    @Test
    void a_blank_drive_stays_eligible_and_a_whole_device_filesystem_is_named_once() {
        HostDrives host = host();
        assertThat(device(host, "loop5").state()).isEqualTo(DriveState.ELIGIBLE);
        assertThat(device(host, "loop5").denyReasons()).isEmpty();
        assertThat(messages(device(host, "loop7"))).containsExactly("foreign xfs filesystem labelled t-d01");
    }

    @Test
    void the_json_names_where_the_partition_started() {
        JsonNode drive = Json.mapper().valueToTree(device(host(), "loop4").drive());
        JsonNode s = drive.path("signatures").get(0);
        assertThat(s.path("type").asText()).isEqualTo("ext4");
        assertThat(s.path("partition_start").asLong()).isEqualTo(1048576L);
        JsonNode whole = Json.mapper().valueToTree(device(host(), "loop7").drive()).path("signatures").get(0);
        assertThat(whole.has("partition_start")).as("absent for the whole-device probe").isFalse();
    }

    @Test
    void a_failed_probe_at_partition_offsets_is_doubt_and_doubt_denies() {
        HostDrives host = discover(Captures.hand(Captures.disk("loop9", "loop", 2L << 30, null, null, null, null))
                .blank("loop9")
                .file("partition-signatures.txt", "@device loop9 32256 4\nblkid: error: /dev/loop9: Input/output error\n")
                .build(), labRule(), CLUSTER);
        DriveCandidate c = device(host, "loop9");
        assertThat(c.state()).isEqualTo(DriveState.DENIED);
        assertThat(messages(c)).containsExactly("unknown: signature probe failed: blkid -p at byte 32256 exited 4:"
                + " blkid: error: /dev/loop9: Input/output error");
    }

    /**
     * The gather probes partition offsets only on the disks wipefs found blank and names the others in the manifest.
     * A disk this side reads as blank but the gather left out (the two judged differently) is doubt, not blank.
     */
    @Test
    void a_blank_disk_the_gather_left_out_of_the_partition_probes_is_doubt_and_a_signed_one_is_read_as_before() {
        String signed = "@device loop8 0\n{\"signatures\": [{\"device\": \"loop8\", \"offset\": \"0x0\", \"type\": \"xfs\","
                + " \"uuid\": null, \"label\": \"old\", \"usage\": \"filesystem\"}]}\n";
        CaptureBundle bundle = CaptureBundle.builder("node1")
                .file("lsblk.json", "{\"blockdevices\": [" + Captures.disk("loop7", "loop", 2L << 30, null, null, null, null) + ","
                        + Captures.disk("loop8", "loop", 2L << 30, null, null, null, null) + ","
                        + Captures.disk("loop9", "loop", 2L << 30, null, null, null, null) + "]}")
                .file("mounts.txt", "27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n")
                .file("fstab.txt", "")
                .file("swaps.txt", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n")
                .file("signatures.txt", "@device loop7 0\n\n" + signed + "@device loop9 0\n\n")
                .source("partition-signatures.txt", "blkid -p", 0, 10,
                        "@device loop7 32256 2\n\n@device loop7 258048 2\n\n@device loop7 1048576 2\n\n@device loop7 8388608 2\n\n"
                                .getBytes(StandardCharsets.UTF_8), new byte[0])
                .leftOut("partition-signatures.txt", "loop8: " + PartitionSignaturesParser.NOT_PROBED_SIGNATURE)
                .leftOut("partition-signatures.txt", "loop9: " + PartitionSignaturesParser.NOT_PROBED_SIGNATURE)
                .build();
        HostDrives host = discover(bundle, labRule(), CLUSTER);

        assertThat(device(host, "loop7").state()).as("probed and blank").isEqualTo(DriveState.ELIGIBLE);
        assertThat(messages(device(host, "loop8"))).containsExactly("foreign xfs filesystem labelled old");
        DriveCandidate doubt = device(host, "loop9");
        assertThat(doubt.drive().signaturesProbed()).isFalse();
        assertThat(doubt.state()).isEqualTo(DriveState.DENIED);
        assertThat(messages(doubt)).containsExactly("unknown: signature probe failed: partition-signatures.txt left it out ("
                + PartitionSignaturesParser.NOT_PROBED_SIGNATURE + ")");
    }
}
