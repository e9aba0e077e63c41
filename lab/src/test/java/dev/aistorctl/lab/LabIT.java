package dev.aistorctl.lab;

import static dev.aistorctl.lab.LabTesting.leftovers;
import static dev.aistorctl.lab.LabTesting.losetupLines;
import static dev.aistorctl.lab.LabTesting.ssh;
import static dev.aistorctl.lab.LabTesting.sshOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** A real lab of three hosts, up once for the class: what a field engineer's rehearsal stands on. */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabIT {
    private static final String NAME = "itlab";
    private static final int HOSTS = 3;
    private static final int DRIVES = 4;
    private static final long DRIVE = 1L << 30;

    private final Lab lab = Lab.standard();
    private final List<String> progress = new ArrayList<>();
    private LabState state;

    @BeforeAll
    void up() {
        LabTesting.requireLabMachine();
        lab.down(NAME, s -> { });
        state = lab.up(new LabSpec(NAME, HOSTS, DRIVES, DRIVE, false), progress::add);
    }

    @AfterAll
    void downLeavesNothing() throws Exception {
        Path stateDir = lab.paths().stateDir(NAME);
        lab.down(NAME, progress::add);
        assertThat(leftovers(NAME, stateDir)).isEmpty();
        assertThat(losetupLines(stateDir)).isEmpty();
        lab.down(NAME, s -> { });
    }

    @Test
    @Order(1)
    void everyHostBootsSystemdAndAnswersSshWithItsOwnKey() {
        assertThat(state.hosts()).extracting(LabHost::name).containsExactly("itlab-node1", "itlab-node2", "itlab-node3");
        assertThat(state.allRunning()).isTrue();
        List<String> keys = new ArrayList<>();
        for (LabHost h : state.hosts()) {
            assertThat(sshOk(state, h, "systemctl is-system-running").strip()).isIn("running", "degraded");
            assertThat(sshOk(state, h, "cat /proc/1/comm").strip()).isEqualTo("systemd");
            assertThat(sshOk(state, h, "hostname").strip()).isEqualTo(h.name());
            keys.add(sshOk(state, h, "cat /etc/ssh/ssh_host_ed25519_key.pub").split(" ")[1]);
        }
        assertThat(keys).doesNotHaveDuplicates();
    }

    @Test
    @Order(2)
    void hostsNameEachOtherAndRunTheToolsOfAStorageNode() {
        LabHost h = state.hosts().get(0);
        assertThat(sshOk(state, h, "getent hosts itlab-node3")).contains(state.hosts().get(2).address());
        assertThat(sshOk(state, h, "bash -c '</dev/tcp/itlab-node2/22 head -c 4'")).isEqualTo("SSH-");
        sshOk(state, h, "command -v mkfs.xfs lsblk ip ps modprobe nvme lspci ethtool sudo curl java");
        assertThat(ssh(state, h, "java -version").stderrText()).contains("openjdk");
    }

    @Test
    @Order(3)
    void eachHostSeesItsOwnDrivesAndSystemDiskOnly() {
        for (LabHost h : state.hosts()) {
            String lsblk = sshOk(state, h, "lsblk -dn -b -o NAME,SIZE,MOUNTPOINT");
            List<String> devices = h.drives().stream().map(d -> d.device().substring(5)).toList();
            assertThat(lsblk.lines().map(l -> l.trim().split("\\s+")[0]).toList()).containsExactlyInAnyOrderElementsOf(devices);
            assertThat(h.dataDrives()).hasSize(DRIVES).allMatch(d -> d.sizeBytes() == DRIVE);
            LabDrive sys = h.drives().stream().filter(d -> d.role() == DriveRole.SYSTEM).findFirst().orElseThrow();
            assertThat(sys.sizeBytes()).isLessThan(DRIVE);
            assertThat(lsblk).containsPattern(sys.device().substring(5) + "\\s+" + sys.sizeBytes() + "\\s+/srv/system");
            assertThat(sshOk(state, h, "cat /srv/system/README")).contains("not a data drive");
        }
    }

    @Test
    @Order(4)
    void aDataDriveTakesXfsAndMountsInsideTheHost() {
        LabHost h = state.hosts().get(1);
        String dev = h.dataDrives().get(0).device();
        sshOk(state, h, "mkfs.xfs -q -f -L drive1 " + dev + " && mkdir -p /mnt/drive1 && mount " + dev + " /mnt/drive1"
                + " && echo data > /mnt/drive1/probe && sync");
        assertThat(sshOk(state, h, "findmnt -n -o FSTYPE,SOURCE /mnt/drive1")).contains("xfs").contains(dev);
        sshOk(state, h, "umount /mnt/drive1");
    }

    @Test
    @Order(5)
    void onlyNetworkSysctlsCanBeSetInsideAHost() {
        LabHost h = state.hosts().get(0);
        assertThat(sshOk(state, h, "sysctl -w net.core.somaxconn=4096")).contains("4096");
        assertThat(ssh(state, h, "sysctl -w vm.swappiness=1").exitCode()).isNotZero();
    }

    @Test
    @Order(6)
    void inventoryKnownHostsAndStatusDescribeTheLab() throws Exception {
        String inv = Files.readString(state.inventory());
        assertThat(inv).contains("version: 1", "hosts: itlab-node{1...3}", "count: 4", "max_size: 1GiB",
                "identity_file: " + state.clientKey(), "known_hosts: " + state.knownHosts(), "mount: /mnt/drive{1...4}");
        for (LabHost h : state.hosts()) {
            assertThat(inv).contains(h.name() + ": {address: " + h.address() + "}");
        }
        assertThat(Files.readString(state.knownHosts()).lines()).hasSize(HOSTS)
                .allMatch(l -> l.matches("10\\.213\\.\\d+\\.\\d+,itlab-node\\d ssh-ed25519 \\S+"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(state.rootPasswordFile())))
                .isEqualTo("rw-------");
        LabState status = lab.status(NAME);
        assertThat(status.hosts()).extracting(LabHost::state).containsOnly(HostState.RUNNING);
        assertThat(status.hosts()).extracting(LabHost::drives).isEqualTo(state.hosts().stream().map(LabHost::drives).toList());
    }

    @Test
    @Order(7)
    void upAgainReturnsTheSameLabAndRefusesADifferentShape() {
        LabState again = lab.up(new LabSpec(NAME, HOSTS, DRIVES, DRIVE, false), progress::add);
        assertThat(again.hosts()).extracting(LabHost::address).isEqualTo(state.hosts().stream().map(LabHost::address).toList());
        assertThatThrownBy(() -> lab.up(new LabSpec(NAME, HOSTS + 1, DRIVES, DRIVE, false), s -> { }))
                .isInstanceOf(UsageException.class).hasMessageContaining("already exists").hasMessageContaining("lab down itlab");
    }

    @Test
    @Order(8)
    void aRebootInsideBootsTheHostAgainWithItsSystemDiskMounted() throws Exception {
        LabHost h = state.hosts().get(2);
        // Containers share the controller's kernel and its boot id: the supervisor's note of exit 133 marks the reboot.
        String marker = "systemd-nspawn exited with status 133";
        long before = Files.readString(h.consoleLog()).split(marker, -1).length;
        String oldPid1Start = sshOk(state, h, "stat -c %Z /proc/1").strip();
        ssh(state, h, "systemctl reboot");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (Files.readString(h.consoleLog()).split(marker, -1).length == before) {
            assertThat(System.nanoTime()).as(h.name() + " did not reboot").isLessThan(deadline);
            Thread.sleep(200);
        }
        while (!ssh(state, h, "true").ok()) {
            assertThat(System.nanoTime()).as(h.name() + " did not come back after its reboot").isLessThan(deadline);
            Thread.sleep(500);
        }
        assertThat(sshOk(state, h, "stat -c %Z /proc/1").strip()).isNotEqualTo(oldPid1Start);
        assertThat(sshOk(state, h, "systemctl is-system-running --wait").strip()).isIn("running", "degraded");
        assertThat(sshOk(state, h, "findmnt -n -o TARGET /srv/system").strip()).isEqualTo("/srv/system");
        assertThat(lab.status(NAME).hosts().get(2).state()).isEqualTo(HostState.RUNNING);
    }

    @Test
    @Order(9)
    void oneHostStopsAloneKeepsItsDisksAndStartsAgain() throws Exception {
        LabHost h = state.hosts().get(1);
        LabHost other = state.hosts().get(0);
        sshOk(state, h, "mkfs.xfs -q -f " + h.dataDrives().get(1).device() + " && blkid -s UUID -o value "
                + h.dataDrives().get(1).device() + " > /srv/system/uuid");
        String uuid = sshOk(state, h, "cat /srv/system/uuid").strip();

        lab.stop(NAME, h.name(), true, line -> { });

        assertThat(lab.status(NAME).hosts().get(1).state()).isEqualTo(HostState.STOPPED);
        assertThat(lab.status(NAME).hosts().get(0).state()).isEqualTo(HostState.RUNNING);
        assertThat(ssh(state, h, "true").ok()).isFalse();
        assertThat(sshOk(state, other, "true")).isEmpty();
        lab.stop(NAME, h.name(), false, line -> { });

        LabState after = lab.start(NAME, h.name(), line -> { });

        assertThat(after.allRunning()).isTrue();
        assertThat(sshOk(state, h, "findmnt -n -o TARGET /srv/system; blkid -s UUID -o value " + h.dataDrives().get(1).device()))
                .as("the system disk is mounted again and the data drive kept its file system")
                .isEqualTo("/srv/system\n" + uuid + "\n");
        assertThat(sshOk(state, h, "cat /srv/system/uuid").strip()).isEqualTo(uuid);
        assertThatThrownBy(() -> lab.start(NAME, "nosuch-node9", line -> { })).hasMessageContaining("has no host nosuch-node9");
    }
}
