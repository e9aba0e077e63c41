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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

import dev.aistorctl.lab.Lab;
import dev.aistorctl.playbooks.journal.RunStore;
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
        readDevices();
        assertThat(ssh("ls /sys/block/" + name(3) + "/holders").strip()).as("the array is stopped: only the member superblock is left").isEmpty();
        fileSums = keptFileSums();
        arrayUuid = examine(3);
    }

    /** Serial to device path, as the guest's kernel named them in this boot (NVMe names follow probe order). */
    private static void readDevices() {
        DEVICES.clear();
        for (String line : ssh("lsblk -ndo PATH,SERIAL").lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) {
                DEVICES.put(f[1], f[0]);
            }
        }
        assertThat(DEVICES).containsKeys(serial(1), serial(2), serial(3), serial(4));
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
        assertUntouched(1, 2, 3, 4);
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
        assertUntouched(1, 2, 3, 4);

        CliRun swap = prepare(one, "--wipe-drives", "--wipe-foreign", serial(4));
        assertThat(swap.exitCode()).as(swap.out() + swap.err()).isZero();
        assertThat(swap.out()).containsPattern(java.util.regex.Pattern.quote(device(4)) + " .*swap signature labelled oldswap.* wipe and format ");
        String d4 = device(4);
        assertThat(ssh("blkid -p -s TYPE -o value " + d4 + "; blkid -p -s LABEL -o value " + d4 + "; findmnt -n -o TARGET --source " + d4))
                .isEqualTo("xfs\n" + DriveLabel.of(NAME, 1).text() + "\n/mnt/drive1\n");
        assertUntouched(1, 2, 3);
    }

    @Test
    @Order(4)
    void aPowerCutMidFormatLeavesTheDriveOursAndUnfinishedAndTheNextRunFormatsItAloneKeepingEveryOtherDrive(@TempDir Path dir)
            throws Exception {
        // two data drives: the one taken above (slot 1, kept) and the md member, taken now (slot 2)
        String text = Files.readString(inventory);
        Path two = Files.writeString(dir.resolve("two-drives.yaml"),
                text.replace("count: 4", "count: 2").replace("mount: /mnt/drive{1...4}", "mount: /mnt/drive{1...2}"));
        String keptUuid = ssh("blkid -p -s UUID -o value " + device(4)).strip();
        // what the guest's writes left on the drive once they reached QEMU: what survives a power cut
        Path image = Lab.standard().status(NAME).hosts().get(0).dataDrives().get(2).backingFile();

        long t0 = System.nanoTime();
        // writes alone: the probes before the format read the drive at full speed
        lab("throttle", HOST, "3", "--write-bps", Long.toString(SLOW_FORMAT_BYTES_PER_SECOND));
        assertThat(throttles()).as("lab status shows the throttle, read/write").containsExactly("0/0", "0/0", "0/" + SLOW_FORMAT_BYTES_PER_SECOND, "0/0");
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> prepare(two, "--wipe-drives", "--wipe-foreign", serial(3), "-o", "json"));
        awaitFormatting(run);
        String reached = awaitUnfinishedSuperblock(image, run);
        lab("stop", HOST, "--power-cut");
        long cut = System.nanoTime();
        String left = superblock(image);
        System.err.printf("VmDriveGuardIT: power cut %.1f s after the throttle, the superblock %s before the cut, %s after%n",
                (cut - t0) / 1e9, reached, left);

        // booted while the controller still waits on the dead connection (saving its wait): the run learns of the cut from
        // whichever comes first, four unanswered keep-alives or the new kernel resetting the connection
        lab("start", HOST);
        lab("throttle", HOST, "3", "--off");
        assertThat(throttles()).as("no throttle left: it ended with the host's QEMU").containsOnly("0/0");
        CliRun failed = run.get(5, TimeUnit.MINUTES);
        System.err.printf("VmDriveGuardIT: the cut run ended, the host is back %.1f s after the cut%n", (System.nanoTime() - cut) / 1e9);
        assertThat(failed.exitCode()).as("exit 1: a host failed. " + failed.out() + failed.err()).isEqualTo(1);
        JsonNode result = JSON.readTree(failed.out());
        JsonNode host = result.get("hosts").get(0);
        System.err.println("VmDriveGuardIT: the cut host's error: " + host.get("error").asText());
        assertThat(host.get("status").asText()).isEqualTo("failed");
        assertThat(host.get("error").asText()).startsWith(HOST + ": step 1 'data drives are XFS with this cluster's labels' (xfs-drives): ")
                .containsAnyOf("keep-alive", "Connection reset");
        assertJournalEndsWithTheCut(result.get("run_id").asText(), host.get("error").asText());

        readDevices();
        CliRun look = prepare(two, "--dry-run", "-o", "json");
        assertThat(look.exitCode()).as("the cut drive is not foreign, nothing to --wipe-foreign: " + look.out() + look.err()).isZero();
        assertThat(look.out()).doesNotContain("md RAID member");
        if (left.equals(UNFINISHED)) {
            assertThat(look.out()).contains(device(3), "this cluster's drive 2, unfinished: its format was cut short", "wipe and format");
        } else {
            assertThat(left).as("cut before mkfs.xfs wrote its superblock: blank").isEqualTo(NO_SUPERBLOCK);
            assertThat(look.out()).contains(device(3), "blank");
        }

        CliRun again = prepare(two, "--wipe-drives", "-o", "json");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(ssh("for d in " + device(4) + " " + device(3) + "; do blkid -p -s LABEL -o value $d; findmnt -n -o TARGET --source $d; done;"
                + " test -s /mnt/drive2/.aistorctl-drive.json && echo marker"))
                .isEqualTo(DriveLabel.of(NAME, 1).text() + "\n/mnt/drive1\n" + DriveLabel.of(NAME, 2).text() + "\n/mnt/drive2\nmarker\n");
        assertThat(ssh("blkid -p -s UUID -o value " + device(4)).strip()).as("the drive formatted before is not formatted again").isEqualTo(keptUuid);
        assertUntouched(1, 2);
        System.err.printf("VmDriveGuardIT: the power cut case took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Slow enough that mkfs.xfs of a 2 GiB drive (its 10 MiB log zeroed) runs for over a minute: the cut lands mid-format. */
    private static final long SLOW_FORMAT_BYTES_PER_SECOND = 128 << 10;
    /** The start of an XFS superblock ("XFSB") and its in-progress byte (126): mkfs.xfs has not finished. */
    private static final String UNFINISHED = "XFSB in progress";
    private static final String NO_SUPERBLOCK = "no XFS superblock";

    /** What the drive's backing file holds at its start: no XFS, an XFS mkfs.xfs is still making, or a finished one. */
    private static String superblock(Path image) throws IOException {
        byte[] head = new byte[128];
        try (var f = new java.io.RandomAccessFile(image.toFile(), "r")) {
            f.readFully(head);
        }
        if (!new String(head, 0, 4, StandardCharsets.US_ASCII).equals("XFSB")) {
            return NO_SUPERBLOCK;
        }
        return head[126] == 1 ? UNFINISHED : "XFSB finished";
    }

    /** Waits until mkfs.xfs runs in the guest (after the wipe of the md superblock); the run must not end first. */
    private static void awaitFormatting(CompletableFuture<CliRun> run) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < end) {
            assertThat(run.isDone()).as("the run ended before mkfs.xfs was seen: " + (run.isDone() ? run.join().out() + run.join().err() : "")).isFalse();
            if (!ssh("pgrep -x mkfs.xfs || true").isBlank()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mkfs.xfs running on " + HOST + " within 3 minutes; its processes:\n" + ssh("ps -eo etime,stat,args | grep -v ']$'"));
    }

    /**
     * Waits (a minute at most) until mkfs.xfs's first superblock, still marked in progress, has reached the drive, so that
     * the cut leaves a half-made XFS rather than a blank drive; returns what the drive held when the wait ended.
     */
    private static String awaitUnfinishedSuperblock(Path image, CompletableFuture<CliRun> run) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        String now = superblock(image);
        while (!now.equals(UNFINISHED) && System.nanoTime() < end) {
            assertThat(run.isDone()).as("mkfs.xfs finished before the cut: the throttle did not hold it").isFalse();
            Thread.sleep(100);
            now = superblock(image);
        }
        return now;
    }

    /** The run's journal: whole, its last event the run's end; the host ended failed, its format command cut short. */
    private static void assertJournalEndsWithTheCut(String runId, String error) {
        List<JsonNode> events = RunStore.standard().events(runId);
        assertThat(events.get(0).path("event").asText()).isEqualTo("run_start");
        JsonNode end = events.get(events.size() - 1);
        assertThat(end.path("event").asText()).isEqualTo("run_end");
        assertThat(end.path("outcome").asText()).isEqualTo("failed");
        assertThat(events).filteredOn(e -> e.path("event").asText().equals("host_end")).singleElement()
                .satisfies(e -> assertThat(e.path("status").asText()).isEqualTo("failed"))
                .satisfies(e -> assertThat(e.path("error").asText()).isEqualTo(error));
        assertThat(events).filteredOn(e -> e.path("event").asText().equals("step_result") && e.path("step").asInt() == 1).singleElement()
                .satisfies(e -> assertThat(e.path("status").asText()).isEqualTo("failed"));
        assertThat(events).filteredOn(e -> e.path("event").asText().equals("command") && e.path("step").asInt() == 1 && !e.has("exit"))
                .as("one command of the step never ended: the format, cut").singleElement()
                .satisfies(e -> assertThat(e.path("error").asText()).isNotBlank());
    }

    /** The limits of each data drive as lab status shows them, "READ/WRITE" in bytes per second, in slot order. */
    private static List<String> throttles() throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode d : JSON.readTree(lab("status").out()).get("hosts").get(0).get("drives")) {
            if (d.get("role").asText().equals("data")) {
                JsonNode t = d.get("throttle");
                out.add(t.get("read_bytes_per_second").asLong() + "/" + t.get("write_bytes_per_second").asLong());
            }
        }
        return out;
    }

    /** A lab command on this test's lab, through the CLI; it must succeed. */
    private static CliRun lab(String command, String... more) {
        List<String> args = new ArrayList<>(List.of("lab", command, "--name", NAME));
        args.addAll(List.of(more));
        if (command.equals("status")) {
            args.addAll(List.of("-o", "json"));
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.out() + run.err()).isZero();
        return run;
    }

    /** Foreign drives {@code drives} (of 1 to 4): signatures, files, volume group and array superblock as the setup left them. */
    private static void assertUntouched(int... drives) {
        List<String> refused = new ArrayList<>();
        for (int k : drives) {
            switch (k) {
                case 1 -> assertThat(keptFileSums()).as("the files on the ext4 partition").isEqualTo(fileSums);
                case 2 -> assertThat(ssh("pvs --noheadings -o pv_name,vg_name; lvs --noheadings -o lv_name,vg_name").lines().map(String::strip).toList())
                        .containsExactly(device(2) + " keepvg", "keeplv keepvg");
                case 3 -> assertThat(examine(3)).isEqualTo(arrayUuid);
                case 4 -> {
                    assertThat(ssh("blkid -p -s TYPE -o value " + device(4)).strip()).isEqualTo("swap");
                    assertThat(ssh("grep -c aistorctl /etc/fstab || true").strip()).as("nothing in fstab").isEqualTo("0");
                }
                default -> throw new IllegalArgumentException("no foreign drive " + k);
            }
            if (k != 4) {
                refused.add(device(k));
            }
        }
        assertThat(ssh("lsblk -nlo NAME,FSTYPE " + String.join(" ", refused))).as("no XFS on the refused drives").doesNotContain("xfs");
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

    /** Runs a script in the guest as root; its stdout, failing on a non-zero exit. */
    private static String ssh(String script) {
        return LabHosts.ssh(stateDir, address, script);
    }
}
