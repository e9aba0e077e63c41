package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.aistorctl.storagenode.drives.DriveLabel;

/**
 * The wrong-disk guard against real block devices: one VM lab host (its own kernel, with device-mapper and
 * md) whose four emulated NVMe drives are made foreign inside the guest before anything is prepared. Drive 1
 * is a GPT disk with an ext4 partition holding files, drive 2 an LVM physical volume with a volume group and
 * an active logical volume, drive 3 the member of an md RAID1 that was stopped (only its superblock is
 * left), drive 4 a swap signature not in use; the OS disk is the virtio /dev/vda. None is formatted, each is
 * refused for its own reason, and {@code --wipe-foreign SERIAL} takes the one it names and no other.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmDriveGuardIT {
    private static final String NAME = "vgit";
    private static final String HOST = NAME + "-node1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Run in the guest as root; prints the SHA-256 of the files on the ext4 partition. */
    private static final String MAKE_FOREIGN = """
            set -e
            dev() { lsblk -ndo PATH,SERIAL | awk -v s="$1" '$2 == s { print $1 }'; }
            d1=$(dev %1$s1); d2=$(dev %1$s2); d3=$(dev %1$s3); d4=$(dev %1$s4)
            printf 'label: gpt\\n,,L\\n' | sfdisk -q "$d1"
            udevadm settle
            mkfs.ext4 -q -L keep "${d1}p1"
            mkdir -p /tmp/keep && mount "${d1}p1" /tmp/keep
            for i in 1 2 3; do head -c 65536 /dev/urandom >/tmp/keep/file$i; done
            umount /tmp/keep
            pvcreate -q "$d2" && vgcreate -q keepvg "$d2" && lvcreate -q -y -n keeplv -L 64M keepvg
            mdadm --create /dev/md0 --level=1 --raid-devices=2 --metadata=1.2 "$d3" missing --run --quiet
            mdadm --stop /dev/md0 --quiet
            # closing the member sends udev a change event and udev assembles the array again (md127): stop that too
            udevadm settle
            for h in /sys/block/${d3##*/}/holders/*; do [ -e "$h" ] && mdadm --stop "/dev/${h##*/}" --quiet; done
            mkswap -L oldswap "$d4" >/dev/null
            udevadm settle
            """;

    private static Path inventory;
    private static Path stateDir;
    private static String address;
    /** Serial to the device path the guest's kernel gave it. */
    private static final Map<String, String> DEVICES = new LinkedHashMap<>();
    private static String fileSums;
    private static String arrayUuid;

    @BeforeAll
    static void up() throws IOException {
        assertThat(System.getProperty("user.name")).as("lab tests run as root").isEqualTo("root");
        CliRun.of("lab", "down", "--name", NAME);
        CliRun up = CliRun.of("lab", "up", "--name", NAME, "--kind", "vm", "--hosts", "1", "--drives", "4");
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        JsonNode status = JSON.readTree(CliRun.of("lab", "status", "--name", NAME, "-o", "json").out());
        inventory = Path.of(status.get("inventory").asText());
        stateDir = Path.of(status.get("state_dir").asText());
        address = status.get("hosts").get(0).get("address").asText();

        ssh(MAKE_FOREIGN.formatted(serialPrefix()));
        for (String line : ssh("lsblk -ndo PATH,SERIAL").lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) {
                DEVICES.put(f[1], f[0]);
            }
        }
        assertThat(DEVICES).containsKeys(serial(1), serial(2), serial(3), serial(4));
        assertThat(ssh("ls /sys/block/" + name(3) + "/holders").strip()).as("the array is stopped: only the member superblock is left").isEmpty();
        fileSums = keptFileSums();
        arrayUuid = examine(3);
    }

    @AfterAll
    static void down() {
        CliRun.of("lab", "down", "--name", NAME);
    }

    @Test
    @Order(1)
    void eachForeignDriveAndTheOsDiskIsDeniedForItsOwnReasonLiveAndFromTheCapture(@TempDir Path dir) throws IOException {
        CliRun live = CliRun.of("drives", "-i", inventory.toString(), "-o", "json", "--save-capture", dir.toString());
        assertThat(live.exitCode()).as("no usable drive: " + live.err()).isEqualTo(1);
        Map<String, JsonNode> devices = devices(live.out());

        assertThat(codes(devices.get("/dev/vda"))).contains("system_disk", "mounted", "has_partitions");
        assertThat(codes(devices.get(device(1)))).containsExactly("has_partitions", "partition_table", "partition_table");
        assertThat(messages(devices.get(device(1)))).as("the backup GPT header is the same table")
                .containsExactly("has partitions: " + name(1) + "p1", "has a gpt partition table", "has a PMBR partition table");
        assertThat(codes(devices.get(device(2)))).containsExactly("held", "lvm_member");
        assertThat(messages(devices.get(device(2)))).contains("held by keepvg-keeplv");
        assertThat(codes(devices.get(device(3)))).containsExactly("md_member");
        assertThat(messages(devices.get(device(3)))).containsExactly("md RAID member of array " + HOST + ":0 (" + arrayUuid + ")");
        assertThat(codes(devices.get(device(4)))).containsExactly("swap");
        assertThat(messages(devices.get(device(4)))).containsExactly("swap signature labelled oldswap, not in use");

        CliRun replay = CliRun.of("drives", "--from-capture", dir.resolve(HOST).toString(), "-i", inventory.toString(), "-o", "json");
        assertThat(replay.exitCode()).as(replay.err()).isEqualTo(1);
        Map<String, JsonNode> replayed = devices(replay.out());
        for (int k = 1; k <= 4; k++) {
            assertThat(replayed.get(device(k)).get("deny_reasons")).as("from the capture alone: " + device(k))
                    .isEqualTo(devices.get(device(k)).get("deny_reasons"));
        }
    }

    @Test
    @Order(2)
    void wipeDrivesFormatsNoneOfThemAndTheirDataAndMetadataSurvive() {
        CliRun run = prepare(inventory, "--wipe-drives");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains("needs 4 data drives, found 0 usable",
                "/dev/vda denied: system disk: holds /",
                device(1) + " denied: has partitions: " + name(1) + "p1; has a gpt partition table; has a PMBR partition table",
                device(2) + " denied: held by keepvg-keeplv; LVM physical volume",
                device(3) + " denied: md RAID member",
                device(4) + " denied: swap signature labelled oldswap, not in use");
        assertUntouched(4);
    }

    @Test
    @Order(3)
    void wipeForeignTakesOnlyTheDriveItNamesAndOnlyWhenNothingUsesIt(@TempDir Path dir) throws IOException {
        // one data drive, so that a single drive taken is a complete pool
        String text = Files.readString(inventory);
        assertThat(text).contains("count: 4", "mount: /mnt/drive{1...4}");
        Path one = Files.writeString(dir.resolve("one-drive.yaml"),
                text.replace("count: 4", "count: 1").replace("mount: /mnt/drive{1...4}", "mount: /mnt/drive{1...1}"));

        CliRun held = prepare(one, "--wipe-drives", "--wipe-foreign", serial(2));
        assertThat(held.exitCode()).as(held.out() + held.err()).isEqualTo(1);
        assertThat(held.out() + held.err()).contains("refused to wipe " + device(2) + " (" + serial(2) + ") denied: held by keepvg-keeplv");
        assertUntouched(4);

        CliRun swap = prepare(one, "--wipe-drives", "--wipe-foreign", serial(4));
        assertThat(swap.exitCode()).as(swap.out() + swap.err()).isZero();
        assertThat(swap.out()).containsPattern(java.util.regex.Pattern.quote(device(4)) + " .*swap signature labelled oldswap.* wipe and format ");
        String d4 = device(4);
        assertThat(ssh("blkid -p -s TYPE -o value " + d4 + "; blkid -p -s LABEL -o value " + d4 + "; findmnt -n -o TARGET --source " + d4))
                .isEqualTo("xfs\n" + DriveLabel.of(NAME, 1).text() + "\n/mnt/drive1\n");
        assertUntouched(3);
    }

    /** Drives 1 to {@code last}: signatures, files, volume group and array superblock as the setup left them. */
    private static void assertUntouched(int last) {
        assertThat(keptFileSums()).as("the files on the ext4 partition").isEqualTo(fileSums);
        assertThat(ssh("pvs --noheadings -o pv_name,vg_name; lvs --noheadings -o lv_name,vg_name").lines().map(String::strip).toList())
                .containsExactly(device(2) + " keepvg", "keeplv keepvg");
        assertThat(examine(3)).isEqualTo(arrayUuid);
        if (last >= 4) {
            assertThat(ssh("blkid -p -s TYPE -o value " + device(4)).strip()).isEqualTo("swap");
            assertThat(ssh("grep -c aistorctl /etc/fstab || true").strip()).as("nothing in fstab").isEqualTo("0");
        }
        assertThat(ssh("lsblk -nlo NAME,FSTYPE " + device(1) + " " + device(2) + " " + device(3)))
                .as("no XFS on the refused drives").doesNotContain("xfs");
    }

    private static String keptFileSums() {
        return ssh("set -e; mkdir -p /tmp/keep; mount -o ro " + device(1) + "p1 /tmp/keep; cd /tmp/keep; sha256sum file1 file2 file3;"
                + " cd /; umount /tmp/keep");
    }

    /** The array UUID in drive k's md superblock, as mdadm reads it. */
    private static String examine(int k) {
        String out = ssh("mdadm --examine " + device(k));
        String uuid = out.lines().filter(l -> l.strip().startsWith("Array UUID :")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst().orElseThrow(() -> new AssertionError("no md superblock on " + device(k) + ":\n" + out));
        // mdadm prints 7a9839b0:aac59427:0c274c88:bc07cb04, libblkid 7a9839b0-aac5-9427-0c27-4c88bc07cb04
        String hex = uuid.replace(":", "");
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-"
                + hex.substring(20);
    }

    private static Map<String, JsonNode> devices(String json) throws IOException {
        Map<String, JsonNode> byPath = new LinkedHashMap<>();
        for (JsonNode d : JSON.readTree(json).get("hosts").get(0).get("devices")) {
            byPath.put(d.get("path").asText(), d);
        }
        return byPath;
    }

    private static List<String> codes(JsonNode device) {
        return device.get("deny_reasons").findValuesAsText("code");
    }

    private static List<String> messages(JsonNode device) {
        return device.get("deny_reasons").findValuesAsText("message");
    }

    private static CliRun prepare(Path inv, String... more) {
        List<String> args = new ArrayList<>(List.of("drives", "prepare", "-i", inv.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The lab's serials: the lab name upper-cased, the node and the drive, e.g. VGITN1D3. */
    private static String serialPrefix() {
        return NAME.toUpperCase(java.util.Locale.ROOT) + "N1D";
    }

    private static String serial(int k) {
        return serialPrefix() + k;
    }

    private static String device(int k) {
        return DEVICES.get(serial(k));
    }

    private static String name(int k) {
        return device(k).substring("/dev/".length());
    }

    /** Runs a script in the guest as root over plain ssh with the lab's key and known_hosts; its stdout, failing on a non-zero exit. */
    private static String ssh(String script) {
        try {
            Process p = new ProcessBuilder("ssh", "-i", stateDir.resolve("id_ed25519").toString(), "-o",
                    "UserKnownHostsFile=" + stateDir.resolve("known_hosts"), "-o", "StrictHostKeyChecking=yes", "-o",
                    "BatchMode=yes", "-o", "ConnectTimeout=10", "root@" + address, "bash -s")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var in = p.getOutputStream()) {
                in.write(script.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(script + "\n" + out).isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
