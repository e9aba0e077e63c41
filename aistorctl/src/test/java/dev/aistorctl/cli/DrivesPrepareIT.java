package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.lab.LabHost;
import dev.aistorctl.storagenode.drives.DriveLabel;

/**
 * drives prepare against three lab hosts with four loop data drives each: real mkfs.xfs, real mounts,
 * real fstab, a real reboot. Node 3's second drive carries a foreign ext4 filesystem with files on it.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrivesPrepareIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "prit";
    @RegisterExtension
    static final LabHosts lab = LabHosts.of(CLUSTER, 3, 4);
    private static final Map<String, String> systemDiskBefore = new LinkedHashMap<>();

    @BeforeAll
    static void up() {
        for (LabHost h : lab.state().hosts()) {
            systemDiskBefore.put(h.name(), systemDiskSums(h));
        }
        // a foreign filesystem someone cares about, on a drive the pool's rule would otherwise take
        ssh(node(3), "set -e; mkfs.ext4 -q -L old " + drive(3, 2) + "; mkdir -p /tmp/old; mount " + drive(3, 2)
                + " /tmp/old; echo precious >/tmp/old/keep.txt; umount /tmp/old");
    }

    @Test
    @Order(1)
    void withoutTheFlagAPlanWithFormatsIsShownAndRefusedAndNothingChanges() throws IOException {
        CliRun dry = prepare("--dry-run", "--limit", "prit-node1");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        // The host's four alike drives are one row: devices, mount points and labels as ranges, then the serials.
        assertThat(dry.out()).containsPattern("(?m)^ *prit-node1 +/dev/\\S+ .* format +/mnt/drive\\{1\\.\\.\\.4\\} +"
                        + java.util.regex.Pattern.quote(label(1).replaceFirst("01$", "{01...04}")) + " +\\S")
                // The plan's fstab diff folds the four drives' lines into one with their numbers as ranges.
                .contains("+LABEL=" + label(1).replaceFirst("01$", "{01...04}") + " /mnt/drive{1...4} xfs");

        CliRun refused = prepare("--limit", "prit-node1,prit-node2");
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("refused: formatting 8 drives on 2 hosts", "--wipe-drives");
        CliRun mistyped = CliRun.typing("another-cluster", "drives", "prepare", "-i", lab.inventory().toString(),
                "--limit", "prit-node1");
        assertThat(mistyped.exitCode()).as(mistyped.out() + mistyped.err()).isEqualTo(2);
        assertThat(mistyped.err()).contains("refused: formatting 4 drives on 1 host");

        for (int n = 1; n <= 3; n++) {
            assertThat(ssh(node(n), "wipefs -n " + drive(n, 1) + " " + drive(n, 3) + "; grep -c aistorctl /etc/fstab || true").strip())
                    .as("nothing formatted, nothing in fstab on node " + n).isEqualTo("0");
        }
    }

    @Test
    @Order(2)
    void aDriveSwappedBetweenPlanAndApplyFormatsNothingOnThatHost(@TempDir Path dir) throws IOException {
        CliRun plan = prepare("--dry-run", "-o", "json", "--limit", "prit-node2");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        Path planFile = Files.writeString(dir.resolve("plan.json"), plan.out());

        // another disk in drive 3's bay: the same device name, the same size, blank, another image
        LabHost node2 = node(2);
        String device = drive(2, 3);
        Path other = node2.dataDrives().get(2).backingFile().resolveSibling("swapped-in.img");
        LabHosts.controller("truncate -s " + node2.dataDrives().get(2).sizeBytes() + " " + other
                + " && losetup --detach " + device + " && losetup " + device + " " + other);

        CliRun apply = prepare("--limit", "prit-node2", "--wipe-drives", "--plan", planFile.toString());
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isEqualTo(1);
        assertThat(apply.out() + apply.err()).contains("device state changed", device, "nothing is formatted on this host");
        assertThat(ssh(node2, "for d in " + String.join(" ", lab.devices(2)) + "; do wipefs -n $d; done; grep -c aistorctl /etc/fstab || true")
                .strip()).as("no drive of node 2 formatted, fstab untouched").isEqualTo("0");
    }

    @Test
    @Order(3)
    void prepareFormatsAndMountsEveryBlankDriveAndRefusesTheForeignOne() throws IOException {
        CliRun run = prepare("--wipe-drives");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains("prit-node3", "foreign ext4 filesystem labelled old");
        for (int n = 1; n <= 2; n++) {
            assertPrepared(node(n));
        }
        assertThat(ssh(node(3), "for d in " + String.join(" ", lab.devices(3)) + "; do wipefs -n $d; done").strip())
                .as("node 3: nothing formatted, the ext4 drive untouched").contains("ext4").doesNotContain("xfs");
    }

    @Test
    @Order(4)
    void aForeignDriveIsFormattedOnlyWhenNamed() throws IOException {
        // loop devices have no serial: the device path names them
        CliRun run = prepare("--wipe-drives", "--wipe-foreign", drive(3, 2), "--limit", "prit-node3");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern(java.util.regex.Pattern.quote(drive(3, 2)) + " .*foreign ext4 filesystem labelled old.* wipe and format ");
        assertPrepared(node(3));
    }

    @Test
    @Order(5)
    void aSecondPrepareChangesNothingAndTheDataOnTheDrivesSurvives() throws IOException {
        for (LabHost h : lab.state().hosts()) {
            ssh(h, "for k in 1 2 3 4; do head -c 1048576 /dev/urandom >/mnt/drive$k/object; done; sync");
        }
        Map<String, String> before = new LinkedHashMap<>();
        for (LabHost h : lab.state().hosts()) {
            before.put(h.name(), ssh(h, "sha256sum /mnt/drive*/object"));
        }

        CliRun again = prepare("--wipe-drives", "-o", "json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode summary = JSON.readTree(again.out()).get("summary");
        assertThat(summary.get("hosts_changed").asInt()).isZero();
        assertThat(summary.get("steps_changed").asInt()).isZero();
        CliRun plain = prepare();
        assertThat(plain.exitCode()).as("no format planned: no flag needed").isZero();

        for (LabHost h : lab.state().hosts()) {
            assertThat(ssh(h, "sha256sum /mnt/drive*/object")).isEqualTo(before.get(h.name()));
        }
    }

    @Test
    @Order(6)
    void theSystemDiskIsNeverTouched() {
        for (LabHost h : lab.state().hosts()) {
            assertThat(systemDiskSums(h)).as(h.name() + " /srv/system").isEqualTo(systemDiskBefore.get(h.name()));
        }
    }

    @Test
    @Order(7)
    void aRebootBringsTheMountsBack() throws Exception {
        LabHost node1 = node(1);
        String sums = ssh(node1, "sha256sum /mnt/drive*/object");
        try (SshConnector c = lab.connect(node1)) {
            c.run(Command.script("systemctl reboot"), Duration.ofSeconds(20));
        } catch (RuntimeException e) {
            // the connection may end with the reboot
        }
        Thread.sleep(3000);
        Instant deadline = Instant.now().plusSeconds(180);
        String mounts = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                mounts = ssh(node1, "systemctl is-system-running --wait >/dev/null 2>&1; findmnt -n -t xfs -o TARGET | sort");
                if (mounts.lines().count() == 4) {
                    break;
                }
            } catch (AssertionError | RuntimeException e) {
                // not up yet
            }
            Thread.sleep(2000);
        }
        assertThat(mounts).as("the four drives mounted again after the reboot").isEqualTo(
                "/mnt/drive1\n/mnt/drive2\n/mnt/drive3\n/mnt/drive4\n");
        assertPrepared(node1);
        assertThat(ssh(node1, "sha256sum /mnt/drive*/object")).isEqualTo(sums);
    }

    /** Each data drive k: XFS labelled for slot k, mounted at /mnt/drivek, with its marker, in fstab once. */
    private static void assertPrepared(LabHost h) {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            String dev = h.dataDrives().get(k - 1).device();
            expected.add(dev + " " + label(k) + " /mnt/drive" + k + " " + CLUSTER + ":" + k);
            actual.add(ssh(h, "printf '%s %s %s %s\\n' " + dev + " \"$(blkid -p -s LABEL -o value " + dev + ")\""
                    + " \"$(findmnt -n -o TARGET --source " + dev + ")\""
                    + " \"$(sed -n 's/.*\"cluster\" : \"\\(.*\\)\",/\\1/p; s/.*\"index\" : \\([0-9]*\\),/:\\1/p' /mnt/drive" + k
                    + "/.aistorctl-drive.json | tr -d '\\n')\"").strip());
        }
        assertThat(actual).as(h.name()).isEqualTo(expected);
        assertThat(ssh(h, "grep -c '^LABEL=' /etc/fstab").strip()).isEqualTo("4");
        assertThat(ssh(h, "grep -c '^UUID=.* /srv/system ' /etc/fstab").strip()).as("the system disk's line kept").isEqualTo("1");
    }

    private static String label(int k) {
        return DriveLabel.of(CLUSTER, k).text();
    }

    private static CliRun prepare(String... more) {
        List<String> args = new ArrayList<>(List.of("drives", "prepare", "-i", lab.inventory().toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static LabHost node(int n) {
        return lab.node(n);
    }

    private static String drive(int n, int k) {
        return lab.devices(n).get(k - 1);
    }

    private static String systemDiskSums(LabHost h) {
        return ssh(h, "cd /srv/system && find . -type f -print0 | sort -z | xargs -0 sha256sum");
    }

    private static String ssh(LabHost host, String script) {
        return lab.ssh(host, script);
    }
}
